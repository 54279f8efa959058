import { MANAGER_ROLES, type OrganizationRole } from '../../common/auth/roles.js';

/** How long an invite can be accepted. */
export const INVITE_TTL_DAYS = 7;

export const TeamMsg = {
  ownerOnly: 'Only an owner can grant or take the owner role.',
  managersOnly: 'Only owners and admins can manage the team.',
  lastOwnerDemoted: 'The organization must keep an owner: make another member an owner first.',
  lastOwnerLeaves: 'The last owner cannot leave the organization: make another member an owner first.',
  lastOwnerJoinsElsewhere:
    'You are the last owner of your organization, which has other members: make another member an owner before joining another organization.',
  alreadyMember: 'This person is already a member of the organization.',
  callerAlreadyMember: 'You are already a member of this organization.',
  inviteExpired: 'This invite has expired: ask for a new one.',
  inviteUsed: 'This invite has already been used.',
  inviteForAnotherEmail: 'This invite was sent to another email address: sign in with that address to accept it.',
} as const;

/** Why an action on the team is refused: a 403 (not allowed for the caller) or a 400 (it would break a rule). */
export interface TeamProblem {
  status: 400 | 403;
  message: string;
}

const forbidden = (message: string): TeamProblem => ({ status: 403, message });
const invalid = (message: string): TeamProblem => ({ status: 400, message });

/** A manager changes a member's role; `owners` is how many owners the organization has now. */
export function roleChangeProblem(
  actor: OrganizationRole,
  current: OrganizationRole,
  next: OrganizationRole,
  owners: number,
): TeamProblem | null {
  if ((current === 'owner' || next === 'owner') && actor !== 'owner') return forbidden(TeamMsg.ownerOnly);
  if (current === 'owner' && next !== 'owner' && owners <= 1) return invalid(TeamMsg.lastOwnerDemoted);
  return null;
}

/** A member is removed by a manager, or leaves (`self`). */
export function removalProblem(actor: OrganizationRole, target: OrganizationRole, self: boolean, owners: number): TeamProblem | null {
  if (!self && !MANAGER_ROLES.includes(actor)) return forbidden(TeamMsg.managersOnly);
  if (!self && target === 'owner' && actor !== 'owner') return forbidden(TeamMsg.ownerOnly);
  if (target === 'owner' && owners <= 1) return invalid(TeamMsg.lastOwnerLeaves);
  return null;
}

/** A manager invites someone with this role: only an owner can invite an owner. */
export function inviteRoleProblem(actor: OrganizationRole, role: OrganizationRole): TeamProblem | null {
  return role === 'owner' && actor !== 'owner' ? forbidden(TeamMsg.ownerOnly) : null;
}

/** The caller leaves their organization to join another: the last owner of a team with other members cannot. */
export function switchOrganizationProblem(role: OrganizationRole, owners: number, members: number): TeamProblem | null {
  return role === 'owner' && owners <= 1 && members > 1 ? invalid(TeamMsg.lastOwnerJoinsElsewhere) : null;
}

export type InviteState = 'pending' | 'expired' | 'used';

export function inviteState(invite: { expiresAt: Date; acceptedAt: Date | null }, now: Date): InviteState {
  if (invite.acceptedAt) return 'used';
  return invite.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** Where the invitee accepts: the web app's page for the token. */
export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invites/${encodeURIComponent(token)}`;
}
