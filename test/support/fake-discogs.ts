import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received, for assertions (who called, with which headers). */
export interface DiscogsRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  userAgent: string | undefined;
}

export interface DiscogsUser {
  id: number;
  username: string;
}

export interface FakeDiscogs {
  /** `DISCOGS_API_URL` for the app under test. */
  url: string;
  requests: DiscogsRequest[];
  /** A personal access token the fake accepts as this user's. */
  addPersonalToken: (token: string, user: DiscogsUser) => void;
  /** The next requests answer this status (Discogs' error body), then the fake behaves again. */
  failNext: (status: number, times?: number) => void;
  close: () => Promise<void>;
}

const RATE_LIMIT = 60;

/**
 * Discogs API v2 as its documentation describes it, for what the adapter calls: `GET /oauth/identity` with
 * `Authorization: Discogs token=<personal access token>`; a User-Agent required on every request; errors as
 * `{"message": ...}`; the `X-Discogs-Ratelimit*` headers on every answer.
 */
export async function startFakeDiscogs(): Promise<FakeDiscogs> {
  const requests: DiscogsRequest[] = [];
  const tokens = new Map<string, DiscogsUser>();
  const failures: number[] = [];
  let used = 0;

  const send = (response: ServerResponse, status: number, body: unknown) => {
    used += 1;
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'X-Discogs-Ratelimit': String(RATE_LIMIT),
      'X-Discogs-Ratelimit-Used': String(used),
      'X-Discogs-Ratelimit-Remaining': String(Math.max(0, RATE_LIMIT - used)),
      ...(status === 429 ? { 'Retry-After': '1' } : {}),
    });
    response.end(JSON.stringify(body));
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    requests.push({
      method: request.method ?? '',
      path,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
    });
    const failure = failures.shift();
    if (failure !== undefined)
      return send(response, failure, { message: failure === 429 ? 'You are making requests too quickly.' : 'Internal server error.' });
    if (!request.headers['user-agent']) return send(response, 403, { message: 'A User-Agent header is required.' });
    const token = /^Discogs token=(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const user = token ? tokens.get(token) : undefined;
    if (request.method === 'GET' && path === '/oauth/identity') {
      if (!user) return send(response, 401, { message: 'You must authenticate to access this resource.' });
      return send(response, 200, {
        id: user.id,
        username: user.username,
        resource_url: `https://api.discogs.com/users/${user.username}`,
        consumer_name: 'Instica',
      });
    }
    return send(response, 404, { message: 'The requested resource was not found.' });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addPersonalToken: (token, user) => tokens.set(token, user),
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
