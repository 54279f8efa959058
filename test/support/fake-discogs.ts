import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received, for assertions (who called, with which headers, what was sent). */
export interface DiscogsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body, when there was one. */
  body: unknown;
  authorization: string | undefined;
  userAgent: string | undefined;
  contentType: string | undefined;
}

export interface DiscogsUser {
  id: number;
  username: string;
}

/** The Discogs application (consumer) the OAuth flow and OAuth-signed calls are checked against. */
export interface DiscogsApp {
  consumerKey: string;
  consumerSecret: string;
}

export interface DiscogsRelease {
  id: number;
  artist: string;
  title: string;
  catno: string;
  barcodes?: string[];
  format?: string;
  /** Imports: the release's year and pictures (`images[].uri`, primary first), as inventory listings show them. */
  year?: number;
  images?: string[];
}

/** A listing as the fake holds it: what the seller wrote, and whose it is. */
export interface FakeDiscogsListing {
  id: number;
  sellerId: number;
  release_id: number;
  condition: string;
  sleeve_condition: string | null;
  price: number;
  status: string;
  comments: string;
  allow_offers: boolean;
  external_id: string | null;
  location: string | null;
  weight: number | 'auto' | null;
  format_quantity: number | 'auto' | null;
}

export interface FakeDiscogsOrder {
  id: string;
  sellerId: number;
  status: string;
  created: string;
  last_activity: string;
  buyer: string;
  items: Array<{ listingId: number; releaseId: number; price: number }>;
  shipping: number;
  fee: number;
  messages: Array<{ message?: string; status?: string }>;
}

export interface FakeDiscogs {
  /** `DISCOGS_API_URL` (and `DISCOGS_WEB_URL`: the same server plays www.discogs.com's authorize page). */
  url: string;
  requests: DiscogsRequest[];
  listings: Map<number, FakeDiscogsListing>;
  orders: Map<string, FakeDiscogsOrder>;
  /** A personal access token the fake accepts as this user's. */
  addPersonalToken: (token: string, user: DiscogsUser) => void;
  /** An OAuth access token (and its secret) of the app, as if this user had authorized it earlier. */
  addAccessToken: (token: string, tokenSecret: string, user: DiscogsUser) => void;
  /** Who approves at the authorize page from now on; null: the seller declines (`denied=<request token>`). */
  setAuthorizingUser: (user: DiscogsUser | null) => void;
  addRelease: (release: DiscogsRelease) => void;
  /** A listing of this seller's (For Sale unless said otherwise), as if made on Discogs. */
  addListing: (seller: DiscogsUser, fields: Partial<FakeDiscogsListing> & { release_id: number }) => FakeDiscogsListing;
  addOrder: (seller: DiscogsUser, fields: Partial<FakeDiscogsOrder> & { id: string }) => FakeDiscogsOrder;
  /**
   * The next requests (to paths starting with `pathPrefix`, when given) answer this status with Discogs' error body
   * (this message or a default), then the fake behaves again.
   */
  failNext: (status: number, times?: number, message?: string, pathPrefix?: string) => void;
  // --- Imports ---
  /** The inventory page `page` answers `status` (429 with Retry-After: 1) this many times, then behaves. */
  failInventoryPage: (page: number, status: number, times?: number) => void;
  /** How many inventory pages were asked for (by page number, failures included). */
  inventoryPageRequests: Map<number, number>;
  close: () => Promise<void>;
}

const RATE_LIMIT = 60;
const MEDIA_CONDITIONS = [
  'Mint (M)',
  'Near Mint (NM or M-)',
  'Very Good Plus (VG+)',
  'Very Good (VG)',
  'Good Plus (G+)',
  'Good (G)',
  'Fair (F)',
  'Poor (P)',
];
const SLEEVE_CONDITIONS = [...MEDIA_CONDITIONS, 'Generic', 'Not Graded', 'No Cover'];
const UNAUTHENTICATED = 'You must authenticate to access this resource.';
const FORBIDDEN = "You don't have permission to access this resource.";
const NOT_FOUND = 'The requested resource was not found.';

/** The `key="value"` pairs of an `Authorization: OAuth ...` header, percent-decoded. */
function oauthParameters(header: string): Record<string, string> | null {
  if (!header.startsWith('OAuth ')) return null;
  const parameters: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) parameters[match[1]] = decodeURIComponent(match[2]);
  return parameters;
}

/**
 * Discogs API v2 as its documentation describes it, for what the adapter and the connector call: the OAuth 1.0a flow
 * (`GET /oauth/request_token`, the `/oauth/authorize` page that sends the browser back to the callback with
 * `oauth_token` and `oauth_verifier`, `POST /oauth/access_token`, form-encoded answers, PLAINTEXT signatures checked),
 * `GET /oauth/identity`, `GET /database/search`, Marketplace listings (create, edit, delete), a user's inventory and
 * the seller's orders with Discogs' pagination object, order edits and messages. Calls take
 * `Authorization: Discogs token=<personal access token>` or the OAuth header of the app and an access token; a
 * User-Agent is required on every request; errors are `{"message": ...}`; the `X-Discogs-Ratelimit*` headers are on
 * every answer.
 */
export async function startFakeDiscogs(
  app: DiscogsApp = { consumerKey: 'fake-consumer-key', consumerSecret: 'fake-consumer-secret' },
): Promise<FakeDiscogs> {
  const requests: DiscogsRequest[] = [];
  const personalTokens = new Map<string, DiscogsUser>();
  const accessTokens = new Map<string, { secret: string; user: DiscogsUser }>();
  const requestTokens = new Map<string, { secret: string; callback: string; verifier: string | null; user: DiscogsUser | null }>();
  const users = new Map<string, DiscogsUser>();
  const releases = new Map<number, DiscogsRelease>();
  const listings = new Map<number, FakeDiscogsListing>();
  const orders = new Map<string, FakeDiscogsOrder>();
  const failures: Array<{ status: number; message: string | undefined; pathPrefix: string }> = [];
  let authorizingUser: DiscogsUser | null = null;
  let sequence = 0;
  let nextListingId = 3_000_000_000;
  let used = 0;
  const inventoryFailures = new Map<number, number[]>();
  const inventoryPageRequests = new Map<number, number>();

  const rateHeaders = () => {
    used += 1;
    return {
      'X-Discogs-Ratelimit': String(RATE_LIMIT),
      'X-Discogs-Ratelimit-Used': String(used),
      'X-Discogs-Ratelimit-Remaining': String(Math.max(0, RATE_LIMIT - used)),
    };
  };
  const send = (response: ServerResponse, status: number, body?: unknown) => {
    response.writeHead(status, {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...rateHeaders(),
      ...(status === 429 ? { 'Retry-After': '1' } : {}),
    });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const sendForm = (response: ServerResponse, fields: Record<string, string>) => {
    response.writeHead(200, { 'Content-Type': 'application/x-www-form-urlencoded', ...rateHeaders() });
    response.end(new URLSearchParams(fields).toString());
  };
  const remember = (user: DiscogsUser) => users.set(user.username.toLowerCase(), user);

  /** The OAuth header of the app with a correct PLAINTEXT signature for this token secret, or why not. */
  const checkOAuth = (header: string | undefined, tokenSecret: (token: string | undefined) => string | null): string | null => {
    const parameters = oauthParameters(header ?? '');
    if (!parameters || parameters.oauth_consumer_key !== app.consumerKey) return 'Invalid consumer.';
    if (parameters.oauth_signature_method !== 'PLAINTEXT' || !parameters.oauth_nonce || !/^\d+$/.test(parameters.oauth_timestamp ?? '')) {
      return 'Invalid OAuth parameters.';
    }
    const secret = tokenSecret(parameters.oauth_token);
    if (secret === null) return 'Invalid token.';
    if (parameters.oauth_signature !== `${app.consumerSecret}&${secret}`) return 'Invalid signature.';
    return null;
  };

  /** The user the call is made as: a personal token, or an access token of the app correctly signed. */
  const caller = (request: IncomingMessage): DiscogsUser | null => {
    const authorization = request.headers.authorization ?? '';
    const personal = /^Discogs token=(\S+)$/.exec(authorization)?.[1];
    if (personal) return personalTokens.get(personal) ?? null;
    const token = oauthParameters(authorization)?.oauth_token;
    const access = token ? accessTokens.get(token) : undefined;
    if (!access || checkOAuth(authorization, () => access.secret) !== null) return null;
    return access.user;
  };

  const readBody = async (request: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const pagination = (page: number, perPage: number, items: number) => ({
    page,
    pages: Math.max(1, Math.ceil(items / perPage)),
    per_page: perPage,
    items,
    urls: {},
  });
  const pageOf = <T>(all: T[], query: URLSearchParams) => {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 50)));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    return { pagination: pagination(page, perPage, all.length), items: all.slice((page - 1) * perPage, page * perPage) };
  };

  const releaseJson = (release: DiscogsRelease) => ({
    id: release.id,
    description: `${release.artist} - ${release.title}`,
    title: release.title,
    artist: release.artist,
    catalog_number: release.catno,
    format: release.format ?? 'LP',
    resource_url: `https://api.discogs.com/releases/${release.id}`,
    ...(release.year === undefined ? {} : { year: release.year }),
    ...(release.images
      ? {
          thumbnail: release.images[0] ?? '',
          images: release.images.map((uri, index) => ({ type: index === 0 ? 'primary' : 'secondary', uri, uri150: uri })),
        }
      : {}),
  });
  const listingJson = (listing: FakeDiscogsListing, asOwner: boolean) => {
    const release = releases.get(listing.release_id);
    const seller = [...users.values()].find((user) => user.id === listing.sellerId);
    return {
      id: listing.id,
      status: listing.status,
      price: { currency: 'USD', value: listing.price },
      allow_offers: listing.allow_offers,
      condition: listing.condition,
      sleeve_condition: listing.sleeve_condition,
      comments: listing.comments,
      ships_from: 'United States',
      posted: '2026-11-01T10:00:00-08:00',
      uri: `https://www.discogs.com/sell/item/${listing.id}`,
      resource_url: `https://api.discogs.com/marketplace/listings/${listing.id}`,
      seller: { id: listing.sellerId, username: seller?.username ?? '' },
      release: release ? releaseJson(release) : { id: listing.release_id },
      ...(asOwner
        ? { external_id: listing.external_id, location: listing.location, weight: listing.weight, format_quantity: listing.format_quantity }
        : {}),
    };
  };
  const orderJson = (order: FakeDiscogsOrder) => {
    const total = order.items.reduce((sum, item) => sum + item.price, 0) + order.shipping;
    return {
      id: order.id,
      resource_url: `https://api.discogs.com/marketplace/orders/${order.id}`,
      status: order.status,
      created: order.created,
      last_activity: order.last_activity,
      buyer: { id: 9, username: order.buyer, resource_url: `https://api.discogs.com/users/${order.buyer}` },
      total: { currency: 'USD', value: Math.round(total * 100) / 100 },
      shipping: { currency: 'USD', value: order.shipping, method: 'Standard' },
      fee: { currency: 'USD', value: order.fee },
      shipping_address: `${order.buyer}\n1 Main St\nSpringfield`,
      items: order.items.map((item) => {
        const release = releases.get(item.releaseId);
        return {
          id: item.listingId,
          price: { currency: 'USD', value: item.price },
          release: { id: item.releaseId, description: release ? `${release.artist} - ${release.title}` : `Release ${item.releaseId}` },
        };
      }),
    };
  };

  /** Why a listing body cannot be taken (Discogs' validation message), or null. */
  const invalidListing = (body: Record<string, unknown>): string | null => {
    if (typeof body.release_id !== 'number' || !releases.has(body.release_id)) return 'Invalid release_id: release not found.';
    if (typeof body.condition !== 'string' || !MEDIA_CONDITIONS.includes(body.condition)) return 'Invalid condition.';
    if (body.sleeve_condition !== undefined && !SLEEVE_CONDITIONS.includes(body.sleeve_condition as string)) {
      return 'Invalid sleeve_condition.';
    }
    if (typeof body.price !== 'number' || body.price <= 0) return 'Invalid price.';
    if (body.status !== undefined && body.status !== 'For Sale' && body.status !== 'Draft') return 'Invalid status.';
    return null;
  };
  const listingFields = (body: Record<string, unknown>) => ({
    release_id: body.release_id as number,
    condition: body.condition as string,
    sleeve_condition: (body.sleeve_condition as string | undefined) ?? null,
    price: body.price as number,
    status: (body.status as string | undefined) ?? 'For Sale',
    comments: (body.comments as string | undefined) ?? '',
    allow_offers: body.allow_offers === true,
    external_id: (body.external_id as string | undefined) ?? null,
    location: (body.location as string | undefined) ?? null,
    weight: (body.weight as number | 'auto' | undefined) ?? null,
    format_quantity: (body.format_quantity as number | 'auto' | undefined) ?? null,
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const target = new URL(request.url ?? '/', 'http://fake');
    const path = target.pathname;
    const method = request.method ?? '';
    const text = await readBody(request);
    let body: unknown = undefined;
    if (text && request.headers['content-type']?.startsWith('application/json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return send(response, 400, { message: 'The request body is not valid JSON.' });
      }
    }
    requests.push({
      method,
      path,
      query: Object.fromEntries(target.searchParams),
      body,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
      contentType: request.headers['content-type'],
    });

    // The seller's browser at www.discogs.com: approve (back to the callback with the verifier) or decline.
    if (method === 'GET' && path === '/oauth/authorize') {
      const token = target.searchParams.get('oauth_token') ?? '';
      const pending = requestTokens.get(token);
      if (!pending) {
        response.writeHead(400, { 'Content-Type': 'text/html' });
        return response.end('<p>Invalid or expired request token.</p>');
      }
      const back = new URL(pending.callback);
      if (authorizingUser) {
        pending.user = authorizingUser;
        pending.verifier = `verifier-${(sequence += 1)}`;
        back.searchParams.set('oauth_token', token);
        back.searchParams.set('oauth_verifier', pending.verifier);
      } else {
        back.searchParams.set('denied', token);
      }
      response.writeHead(302, { Location: back.toString() });
      return response.end();
    }

    const failing = failures.findIndex((candidate) => path.startsWith(candidate.pathPrefix));
    const failure = failing === -1 ? undefined : failures.splice(failing, 1)[0];
    if (failure !== undefined) {
      const message = failure.message ?? (failure.status === 429 ? 'You are making requests too quickly.' : 'Internal server error.');
      return send(response, failure.status, { message });
    }
    if (!request.headers['user-agent']) return send(response, 403, { message: 'A User-Agent header is required.' });

    if (method === 'GET' && path === '/oauth/request_token') {
      const callback = oauthParameters(request.headers.authorization ?? '')?.oauth_callback;
      const refused = checkOAuth(request.headers.authorization, (token) => (token === undefined ? '' : null));
      if (refused || !callback) return send(response, 401, { message: refused ?? 'oauth_callback is required.' });
      const token = `request-token-${(sequence += 1)}`;
      const secret = `request-secret-${sequence}`;
      requestTokens.set(token, { secret, callback, verifier: null, user: null });
      return sendForm(response, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
    }
    if (method === 'POST' && path === '/oauth/access_token') {
      const parameters = oauthParameters(request.headers.authorization ?? '') ?? {};
      const pending = requestTokens.get(parameters.oauth_token ?? '');
      const refused = checkOAuth(request.headers.authorization, () => pending?.secret ?? null);
      if (refused) return send(response, 401, { message: refused });
      if (!pending?.user || !pending.verifier || parameters.oauth_verifier !== pending.verifier) {
        return send(response, 401, { message: 'Invalid verifier.' });
      }
      requestTokens.delete(parameters.oauth_token!);
      const token = `access-token-${(sequence += 1)}`;
      const secret = `access-secret-${sequence}`;
      accessTokens.set(token, { secret, user: pending.user });
      remember(pending.user);
      return sendForm(response, { oauth_token: token, oauth_token_secret: secret });
    }

    const user = caller(request);
    if (!user) return send(response, 401, { message: UNAUTHENTICATED });
    const json = (body ?? {}) as Record<string, unknown>;

    if (method === 'GET' && path === '/oauth/identity') {
      return send(response, 200, {
        id: user.id,
        username: user.username,
        resource_url: `https://api.discogs.com/users/${user.username}`,
        consumer_name: 'Instica',
      });
    }
    if (method === 'GET' && path === '/database/search') {
      const query = target.searchParams;
      const normalized = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');
      const matches = [...releases.values()].filter(
        (release) =>
          (!query.get('catno') || normalized(release.catno) === normalized(query.get('catno')!)) &&
          (!query.get('barcode') || (release.barcodes ?? []).some((code) => normalized(code) === normalized(query.get('barcode')!))) &&
          (!query.get('artist') || release.artist.toLowerCase().includes(query.get('artist')!.toLowerCase())),
      );
      const { pagination: paging, items } = pageOf(matches, query);
      return send(response, 200, {
        pagination: paging,
        results: items.map((release) => ({
          id: release.id,
          type: 'release',
          title: `${release.artist} - ${release.title}`,
          catno: release.catno,
          barcode: release.barcodes ?? [],
          format: [release.format ?? 'Vinyl'],
          uri: `/release/${release.id}`,
          resource_url: `https://api.discogs.com/releases/${release.id}`,
        })),
      });
    }
    if (method === 'POST' && path === '/marketplace/listings') {
      const invalid = invalidListing(json);
      if (invalid) return send(response, 422, { message: invalid });
      const listing: FakeDiscogsListing = { id: (nextListingId += 1), sellerId: user.id, ...listingFields(json) };
      listings.set(listing.id, listing);
      remember(user);
      return send(response, 201, { listing_id: listing.id, resource_url: `https://api.discogs.com/marketplace/listings/${listing.id}` });
    }
    const listingMatch = /^\/marketplace\/listings\/(\d+)$/.exec(path);
    if (listingMatch) {
      const listing = listings.get(Number(listingMatch[1]));
      if (!listing) return send(response, 404, { message: 'Listing not found.' });
      if (method === 'GET') return send(response, 200, listingJson(listing, listing.sellerId === user.id));
      if (listing.sellerId !== user.id) return send(response, 403, { message: FORBIDDEN });
      if (method === 'DELETE') {
        listings.delete(listing.id);
        return send(response, 204);
      }
      if (method === 'POST') {
        const invalid = invalidListing(json);
        if (invalid) return send(response, 422, { message: invalid });
        const fields = listingFields(json);
        Object.assign(listing, {
          ...fields,
          status: (json.status as string | undefined) ?? listing.status,
          comments: json.comments === undefined ? listing.comments : fields.comments,
          external_id: json.external_id === undefined ? listing.external_id : fields.external_id,
          allow_offers: json.allow_offers === undefined ? listing.allow_offers : fields.allow_offers,
          location: json.location === undefined ? listing.location : fields.location,
          weight: json.weight === undefined ? listing.weight : fields.weight,
          format_quantity: json.format_quantity === undefined ? listing.format_quantity : fields.format_quantity,
        });
        return send(response, 204);
      }
    }
    const inventoryMatch = /^\/users\/([^/]+)\/inventory$/.exec(path);
    if (method === 'GET' && inventoryMatch) {
      const page = Number(target.searchParams.get('page') ?? 1);
      inventoryPageRequests.set(page, (inventoryPageRequests.get(page) ?? 0) + 1);
      const pageFailure = inventoryFailures.get(page)?.shift();
      if (pageFailure !== undefined) return send(response, pageFailure, { message: 'You are making requests too quickly.' });
      const owner = users.get(decodeURIComponent(inventoryMatch[1]).toLowerCase());
      if (!owner) return send(response, 404, { message: NOT_FOUND });
      const status = target.searchParams.get('status');
      const theirs = [...listings.values()]
        .filter((listing) => listing.sellerId === owner.id && (!status || listing.status === status))
        .sort((a, b) => a.id - b.id);
      const { pagination: paging, items } = pageOf(theirs, target.searchParams);
      return send(response, 200, { pagination: paging, listings: items.map((listing) => listingJson(listing, owner.id === user.id)) });
    }
    if (method === 'GET' && path === '/marketplace/orders') {
      const sort = target.searchParams.get('sort') ?? 'id';
      const key = (order: FakeDiscogsOrder) =>
        sort === 'last_activity' ? order.last_activity : sort === 'created' ? order.created : order.id;
      const direction = target.searchParams.get('sort_order') === 'asc' ? 1 : -1;
      const theirs = [...orders.values()]
        .filter((order) => order.sellerId === user.id)
        .sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
      const { pagination: paging, items } = pageOf(theirs, target.searchParams);
      return send(response, 200, { pagination: paging, orders: items.map(orderJson) });
    }
    const orderMatch = /^\/marketplace\/orders\/([^/]+)(\/messages)?$/.exec(path);
    if (orderMatch && (method === 'POST' || (method === 'GET' && !orderMatch[2]))) {
      const order = orders.get(decodeURIComponent(orderMatch[1]));
      if (!order) return send(response, 404, { message: 'Order not found.' });
      if (order.sellerId !== user.id) return send(response, 403, { message: FORBIDDEN });
      if (method === 'GET') return send(response, 200, orderJson(order));
      if (orderMatch[2]) {
        if (typeof json.message !== 'string' && typeof json.status !== 'string') {
          return send(response, 422, { message: 'Either message or status is required.' });
        }
        order.messages.push({ message: json.message as string | undefined, status: json.status as string | undefined });
        if (typeof json.status === 'string') order.status = json.status;
        return send(response, 201, { message: json.message, status: order.status, timestamp: new Date().toISOString() });
      }
      if (typeof json.status === 'string') order.status = json.status;
      return send(response, 200, orderJson(order));
    }
    return send(response, 404, { message: NOT_FOUND });
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    listings,
    orders,
    addPersonalToken: (token, user) => {
      personalTokens.set(token, user);
      remember(user);
    },
    addAccessToken: (token, tokenSecret, user) => {
      accessTokens.set(token, { secret: tokenSecret, user });
      remember(user);
    },
    setAuthorizingUser: (user) => {
      authorizingUser = user;
    },
    addRelease: (release) => releases.set(release.id, release),
    addListing: (seller, fields) => {
      remember(seller);
      const listing: FakeDiscogsListing = {
        id: (nextListingId += 1),
        sellerId: seller.id,
        condition: 'Very Good Plus (VG+)',
        sleeve_condition: null,
        price: 10,
        status: 'For Sale',
        comments: '',
        allow_offers: false,
        external_id: null,
        location: null,
        weight: null,
        format_quantity: null,
        ...fields,
      };
      listings.set(listing.id, listing);
      return listing;
    },
    addOrder: (seller, fields) => {
      remember(seller);
      const order: FakeDiscogsOrder = {
        sellerId: seller.id,
        status: 'Payment Received',
        created: '2026-11-20T10:00:00Z',
        last_activity: '2026-11-20T10:00:00Z',
        buyer: 'crate_digger',
        items: [],
        shipping: 5,
        fee: 1,
        messages: [],
        ...fields,
      };
      orders.set(order.id, order);
      return order;
    },
    failNext: (status, times = 1, message, pathPrefix = '') =>
      failures.push(...Array.from({ length: times }, () => ({ status, message, pathPrefix }))),
    failInventoryPage: (page, status, times = 1) =>
      inventoryFailures.set(page, [...(inventoryFailures.get(page) ?? []), ...Array.from({ length: times }, () => status)]),
    inventoryPageRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
