/** Who is calling: attached to the request by the authentication guard. */
export interface AuthContext {
  userId: string;
  userUid: string;
  organizationId: string;
  /** How the caller authenticated; the id is the bearer token's or API key's internal id. */
  via: { kind: 'token'; tokenId: string } | { kind: 'api_key'; apiKeyId: string };
}

/** The header an API key is sent in (the strategy reads it, the OpenAPI document names it). */
export const API_KEY_HEADER = 'X-API-Key';
