import { exportJWK, generateKeyPair, type CryptoKey, type JWK, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The claims of an identity token that a test sets; the others are Apple's usual ones. */
export interface AppleTokenClaims {
  sub: string;
  email?: string;
  /** Apple sends a boolean or the string "true" / "false". */
  email_verified?: boolean | 'true' | 'false';
  aud?: string;
  iss?: string;
}

export interface AppleTokenOptions {
  /** `stranger`: signed by a key that is not Apple's, under the `kid` of Apple's signing key (a forgery). */
  signer?: 'apple' | 'stranger';
  /** Seconds from now until `exp` (negative: already expired). Default 600, as Apple's. */
  expiresIn?: number;
}

export interface FakeApple {
  /** `APPLE_JWKS_URL` for the app under test. */
  jwksUrl: string;
  /** The `aud` tokens carry unless told otherwise: `APPLE_CLIENT_ID` for the app under test. */
  clientId: string;
  /** How many times the key set was fetched. */
  keyRequests: () => number;
  /** A Sign in with Apple identity token, RS256-signed as Apple signs them. */
  identityToken: (claims: AppleTokenClaims, options?: AppleTokenOptions) => Promise<string>;
  close: () => Promise<void>;
}

const ISSUER = 'https://appleid.apple.com';

async function rsaKey(kid: string): Promise<{ kid: string; privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

/**
 * Apple's identity-token key endpoint as Apple documents it: `GET /auth/keys` answers `{"keys": [...]}` with the
 * public RSA keys (kty, kid, use `sig`, alg `RS256`, n, e) that identity tokens are signed with; Apple publishes
 * several at a time, so does this. Tokens are made with locally generated keys.
 */
export async function startFakeApple(clientId = 'com.example.instica'): Promise<FakeApple> {
  const signing = await rsaKey(`fake-${randomBytes(4).toString('hex')}`);
  const spare = await rsaKey(`fake-${randomBytes(4).toString('hex')}`);
  const stranger = await rsaKey(signing.kid);
  let keyRequests = 0;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'GET' && path === '/auth/keys') {
      keyRequests += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return response.end(JSON.stringify({ keys: [spare.jwk, signing.jwk] }));
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not Found');
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/auth/keys`,
    clientId,
    keyRequests: () => keyRequests,
    identityToken: async (claims, options = {}) => {
      const key = options.signer === 'stranger' ? stranger : signing;
      const now = Math.floor(Date.now() / 1000);
      const { sub, aud = clientId, iss = ISSUER, ...rest } = claims;
      return new SignJWT({ ...rest, c_hash: randomBytes(16).toString('base64url'), auth_time: now, nonce_supported: true })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject(sub)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresIn ?? 600))
        .sign(key.privateKey);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
