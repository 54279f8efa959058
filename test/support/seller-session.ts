import type { SellerSession } from '../../src/modules/marketplace/adapters/marketplace-adapter.js';

/** A seller session held in memory, for adapter tests against a fake platform: it records every credentials save. */
export interface RecordedSellerSession extends SellerSession {
  saves: Array<{ credentials: Record<string, unknown>; tokenExpiresAt: Date | null }>;
}

export function sellerSession(fields: Partial<SellerSession> & { credentials: Record<string, unknown> }): RecordedSellerSession {
  const saves: RecordedSellerSession['saves'] = [];
  const session: RecordedSellerSession = {
    accountUid: 'sa_test',
    externalUserId: 'seller-1',
    shopId: null,
    tokenExpiresAt: null,
    ...fields,
    saves,
    saveCredentials(credentials, tokenExpiresAt) {
      saves.push({ credentials, tokenExpiresAt });
      session.credentials = credentials;
      session.tokenExpiresAt = tokenExpiresAt;
      return Promise.resolve();
    },
  };
  return session;
}
