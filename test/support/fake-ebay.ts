import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EbayApp {
  clientId: string;
  clientSecret: string;
  ruName: string;
}

export interface EbaySeller {
  userId: string;
  username: string;
}

export interface FakeEbay {
  /** EBAY_API_URL and EBAY_IDENTITY_URL for the app under test (one server plays both hosts). */
  url: string;
  /** Paths and form bodies the token endpoint received. */
  tokenRequests: Array<{ authorization: string | undefined; form: Record<string, string> }>;
  /** An authorization code eBay would hand back after this seller's consent; usable once. */
  issueCode: (seller: EbaySeller) => string;
  close: () => Promise<void>;
}

/**
 * eBay as its OAuth and Identity API documentation describes it, for what connecting a seller needs:
 * `POST /identity/v1/oauth2/token` (form body, HTTP Basic with the application keys, `redirect_uri` = the RuName;
 * answers `token_type: "User Access Token"` with a refresh token, or `{error, error_description}`), and
 * `GET /commerce/identity/v1/user/` with the user token (`{userId, username, ...}`, or eBay's `{errors: [...]}`).
 */
export async function startFakeEbay(app: EbayApp): Promise<FakeEbay> {
  const tokenRequests: FakeEbay['tokenRequests'] = [];
  const codes = new Map<string, EbaySeller>();
  const tokens = new Map<string, EbaySeller>();
  let sequence = 0;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const readForm = async (request: IncomingMessage): Promise<Record<string, string>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'POST' && path === '/identity/v1/oauth2/token') {
      const form = await readForm(request);
      tokenRequests.push({ authorization: request.headers.authorization, form });
      const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
      if (request.headers.authorization !== basic)
        return json(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      if (form.grant_type !== 'authorization_code' || form.redirect_uri !== app.ruName) {
        return json(response, 400, {
          error: 'invalid_request',
          error_description: 'request is missing a required parameter or malformed.',
        });
      }
      const seller = codes.get(form.code);
      if (!seller)
        return json(response, 400, {
          error: 'invalid_grant',
          error_description: 'the provided authorization grant code is invalid or was issued to another client',
        });
      codes.delete(form.code);
      const accessToken = `v^1.1#i^1#user-token-${(sequence += 1)}`;
      tokens.set(accessToken, seller);
      return json(response, 200, {
        access_token: accessToken,
        expires_in: 7200,
        refresh_token: `v^1.1#i^1#refresh-token-${sequence}`,
        refresh_token_expires_in: 47304000,
        token_type: 'User Access Token',
      });
    }
    if (request.method === 'GET' && path === '/commerce/identity/v1/user/') {
      const seller = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!seller) {
        return json(response, 401, { errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token' }] });
      }
      return json(response, 200, {
        userId: seller.userId,
        username: seller.username,
        accountType: 'BUSINESS',
        registrationMarketplaceId: 'EBAY_US',
      });
    }
    return json(response, 404, { errors: [{ errorId: 2002, message: 'Resource not found' }] });
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests,
    issueCode: (seller) => {
      const code = `v^1.1#i^1#code-${(sequence += 1)}`;
      codes.set(code, seller);
      return code;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
