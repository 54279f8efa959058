import type { AccountStatus } from './entities/marketplace-account.entity.js';

/** The platforms a seller can connect with a personal access token instead of OAuth. */
export const TOKEN_PLATFORMS = ['discogs'] as const;

/** The statuses in which an account is the organization's live connection to its platform. */
export function isLiveAccount(status: AccountStatus): boolean {
  return status === 'active' || status === 'error';
}
