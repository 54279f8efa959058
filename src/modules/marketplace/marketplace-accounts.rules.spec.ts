import { isLiveAccount } from './marketplace-accounts.rules.js';

describe('marketplace account rules', () => {
  it('counts an active account, and one whose last use failed, as a live connection; expired and revoked ones not', () => {
    expect(isLiveAccount('active')).toBe(true);
    expect(isLiveAccount('error')).toBe(true);
    expect(isLiveAccount('expired')).toBe(false);
    expect(isLiveAccount('revoked')).toBe(false);
  });
});
