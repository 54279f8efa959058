import type { OrganizationRole } from './roles.js';

/** Who is calling: attached to the request by the authentication guard. */
export interface AuthContext {
  userId: string;
  userUid: string;
  organizationId: string;
  /** The caller's role in the organization (an API key acts with its user's role). */
  role: OrganizationRole;
  /** The caller's `timezone` preference (IANA name, UTC until set): the days analytics and reports count in. */
  timeZone: string;
  /** How the caller authenticated; the id is the bearer token's or API key's internal id. */
  via: { kind: 'token'; tokenId: string } | { kind: 'api_key'; apiKeyId: string };
}

/** The header an API key is sent in (the strategy reads it, the OpenAPI document names it). */
export const API_KEY_HEADER = 'X-API-Key';
