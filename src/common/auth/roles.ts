/** A member's role in their organization: owners and admins manage the team and billing, members use the shop. */
export const ORGANIZATION_ROLES = ['owner', 'admin', 'member'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

/** Who may manage the team, the organization's settings and billing. */
export const MANAGER_ROLES: readonly OrganizationRole[] = ['owner', 'admin'];

export const FORBIDDEN_FOR_ROLE = 'You do not have permission to perform this action.';
