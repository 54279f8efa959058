import { discogsCredentials, discogsFailure } from './discogs.client.js';

describe('Discogs failures', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

  it("keeps Discogs' message and kind; a 403 refuses the action, not the connection", () => {
    expect(discogsFailure(answer(401), '{"message": "You must authenticate to access this resource."}')).toMatchObject({
      kind: 'unauthorized',
      message: 'You must authenticate to access this resource.',
      httpStatus: 401,
    });
    expect(discogsFailure(answer(403), '{"message": "You don\'t have permission to access this resource."}').kind).toBe('rejected');
    expect(discogsFailure(answer(422), '{"message": "Invalid release_id"}')).toMatchObject({
      kind: 'rejected',
      message: 'Invalid release_id',
    });
    expect(discogsFailure(answer(502), '<html>Bad gateway</html>')).toMatchObject({
      kind: 'unavailable',
      message: 'Discogs answered 502.',
    });
  });

  it("waits for Retry-After after a 429, or for Discogs' whole 60-second window when it does not say", () => {
    expect(discogsFailure(answer(429, { 'Retry-After': '7' }), '{}')).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7 });
    expect(discogsFailure(answer(429), '{"message": "You are making requests too quickly."}').retryAfterSeconds).toBe(60);
  });
});

describe('Discogs stored credentials', () => {
  it('reads a personal token or an OAuth token and secret, and nothing else', () => {
    expect(discogsCredentials({ personalToken: 'abc' })).toEqual({ personalToken: 'abc' });
    expect(discogsCredentials({ token: 't', tokenSecret: 's', extra: 1 })).toEqual({ token: 't', tokenSecret: 's' });
    expect(discogsCredentials({ token: 't' })).toBeNull();
    expect(discogsCredentials({ accessToken: 'ebay' })).toBeNull();
  });
});
