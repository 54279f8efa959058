import { createTestApp, type TestApp } from '../support/test-app.js';

/** The only operations anyone may call without credentials. */
const PUBLIC_OPERATIONS = [
  'GET /api/health/',
  'POST /api/auth/login/',
  'POST /api/auth/register/email/',
  // Signing in, or recovering an account, is what callers without credentials come to do.
  'POST /api/auth/apple/',
  'POST /api/auth/password/reset/',
  'POST /api/auth/password/reset/confirm/',
  'POST /api/auth/email/recover/',
  // The marketplace sends the seller's browser back here; the signed state identifies the caller.
  'GET /api/v1/marketplace/accounts/{slug}/login/callback/',
  // The plan catalogue is shown before anyone signs up.
  'GET /api/v1/subscriptions/plans/',
  // Stripe calls it; the Stripe-Signature over the raw body is the authentication.
  'POST /api/v1/subscriptions/stripe/webhook/',
  // The App Store calls it; the JWS signed up to the Apple root is the authentication.
  'POST /api/v1/subscriptions/apple/notifications/',
  // A buyer follows the emailed link: its random token (kept only as a digest) is the credential.
  'GET /api/v1/digital/download/{token}/',
  'GET /api/v1/digital/download/{token}/{asset_uid}/',
];

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

describe('Every route is authenticated unless public (e2e)', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp();
    document = (await (await fetch(`${t.api.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves at runtime exactly the operations of the committed contract', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as OpenApiDocument;
    expect(Object.keys(document.paths).sort()).toEqual(Object.keys(committed.paths).sort());
  });

  it('marks as public only the allowed operations', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const publicOnes = operations.filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0);
    expect(publicOnes.map(({ name }) => name).sort()).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it('answers 401 without credentials on every other route', async () => {
    const checked: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (PUBLIC_OPERATIONS.includes(name)) continue;
        const url = path.replace(/\{[^}]+\}/g, 'xyz_missing');
        const response = await t.api[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).send({});
        expect({ name, status: response.status, body: response.body }).toEqual({
          name,
          status: 401,
          body: { detail: 'Authentication credentials were not provided.' },
        });
        checked.push(name);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
  });
});
