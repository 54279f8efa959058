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

/** One entry of eBay's error body. */
export interface FakeEbayError {
  errorId: number;
  domain: string;
  category: string;
  message: string;
  longMessage?: string;
  parameters?: Array<{ name: string; value: string }>;
}

/** What the next API call (not the token endpoint) answers instead of doing its work. */
export type FakeEbayFailure =
  | { status: 429; retryAfter?: string }
  | { status: 500 | 503 }
  | { status: 400; errors: FakeEbayError[] }
  /** The token is refused although the fake issued it (revoked meanwhile). */
  | { status: 401 };

/** A request the fake received, as the tests assert it. */
export interface FakeEbayCall {
  /** When it arrived (Date.now()), to count calls per rate-limit window. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  contentLanguage: string | undefined;
  /** JSON bodies parsed; multipart bodies as their fields and files; form bodies as their fields. */
  body: unknown;
}

export interface FakeEbayFile {
  field: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface FakeEbayOffer {
  offerId: string;
  sku: string;
  marketplaceId: string;
  format: string;
  status: 'PUBLISHED' | 'UNPUBLISHED';
  listing?: { listingId: string; listingStatus: 'ACTIVE' | 'ENDED' };
  [field: string]: unknown;
}

export interface FakeEbayOrder {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  orderFulfillmentStatus: string;
  [field: string]: unknown;
}

export interface FakeEbay {
  /** EBAY_API_URL, EBAY_IDENTITY_URL and EBAY_MEDIA_URL for the app under test (one server plays every host). */
  url: string;
  /** Paths and form bodies the token endpoint received. */
  tokenRequests: Array<{ authorization: string | undefined; form: Record<string, string> }>;
  /** Every REST call received (the token endpoint's are in `tokenRequests`), in order. */
  calls: FakeEbayCall[];
  /** Pictures uploaded to the Media API, by image id. */
  images: Map<string, FakeEbayFile>;
  inventoryItems: Map<string, Record<string, unknown>>;
  offers: Map<string, FakeEbayOffer>;
  orders: FakeEbayOrder[];
  /** Shipping fulfillments created, by order id. */
  fulfillments: Array<{ orderId: string; fulfillmentId: string; body: Record<string, unknown> }>;
  /** An authorization code eBay would hand back after this seller's consent; usable once. */
  issueCode: (seller: EbaySeller) => string;
  /** The tokens a connection of this seller would hold (as the code exchange gives them). */
  issueTokens: (seller: EbaySeller) => { accessToken: string; refreshToken: string };
  /** The access token expires: calls made with it answer 401 as eBay does. */
  expireAccessToken: (accessToken: string) => void;
  /** The next REST call answers this instead. */
  failNext: (failure: FakeEbayFailure) => void;
  /**
   * Whether createImageFromFile answers with `{imageUrl, expirationDate}` as its documentation now says (default), or
   * with the getImage URI in `Location` only, as the first versions of the Media API did.
   */
  setImageUrlInCreateResponse: (included: boolean) => void;
  /** An inventory item with a published offer, as a seller's existing listing; returns the listing id. */
  seedListing: (listing: { sku: string; title: string; price: string; condition?: string; published?: boolean }) => string;
  addOrder: (order: FakeEbayOrder) => void;
  // --- Imports ---
  /** A seller's existing listing as an import reads it: the inventory item's product in full and its published offer; the listing id. */
  seedImportListing: (listing: FakeEbayImportListing) => string;
  /** The inventory page at this offset answers 429 (Retry-After: 1) this many times, then behaves. */
  failInventoryPageAt: (offset: number, times?: number) => void;
  /**
   * Order sync: an order of one seller (by eBay user id): getOrders answers it to that seller only (an order added with
   * addOrder is every seller's). `changeOrder` edits it as eBay would (a cancellation, a refund) and moves its
   * lastModifiedDate to now.
   */
  addSellerOrder: (sellerUserId: string, order: FakeEbayOrder) => FakeEbayOrder;
  changeOrder: (orderId: string, fields: Record<string, unknown>) => FakeEbayOrder;
  close: () => Promise<void>;
}

export interface FakeEbayImportListing {
  sku: string;
  title: string;
  price: string;
  currency?: string;
  quantity?: number;
  condition?: string;
  conditionDescription?: string;
  description?: string;
  aspects?: Record<string, string[]>;
  imageUrls?: string[];
  upc?: string[];
}

const INVALID_TOKEN: FakeEbayError = {
  errorId: 1001,
  domain: 'OAuth',
  category: 'REQUEST',
  message: 'Invalid access token',
  longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
};
const OFFER_NOT_AVAILABLE: FakeEbayError = {
  errorId: 25713,
  domain: 'API_INVENTORY',
  category: 'REQUEST',
  message: 'This Offer is not available.',
};
const MARKETPLACE = 'EBAY_US';

/**
 * eBay as its documentation describes it, for connecting a seller and what the listing engine does:
 * - OAuth: `POST /identity/v1/oauth2/token` (form body, HTTP Basic with the application keys; the authorization code
 *   grant with `redirect_uri` = the RuName, and the refresh token grant with `scope`; answers
 *   `token_type: "User Access Token"`, or `{error, error_description}`), and `GET /commerce/identity/v1/user/`.
 * - Media API: `POST /commerce/media/v1_beta/image/create_image_from_file` (multipart `image`; 201 with the getImage URI
 *   in `Location` and `{imageUrl, expirationDate}`), `GET /commerce/media/v1_beta/image/{image_id}`.
 * - Inventory API (`/sell/inventory/v1`): inventory items (PUT by SKU, GET paged by limit/offset with `total`/`next`),
 *   locations, offers (create, get by id or by SKU — 404 when the SKU has none —, replace, publish, withdraw).
 * - Account API business policies (`/sell/account/v1/{fulfillment,payment,return}_policy?marketplace_id=`).
 * - Fulfillment API orders (`filter=lastmodifieddate:[from..]`, limit/offset/`next`) and shipping fulfillments.
 * Every REST call needs a Bearer user token the fake issued and that has not expired (else 401 with eBay's error body);
 * errors are eBay's `{errors: [{errorId, domain, category, message, longMessage, parameters}]}`.
 */
export async function startFakeEbay(app: EbayApp): Promise<FakeEbay> {
  const tokenRequests: FakeEbay['tokenRequests'] = [];
  const calls: FakeEbayCall[] = [];
  const codes = new Map<string, EbaySeller>();
  const tokens = new Map<string, EbaySeller>();
  const refreshTokens = new Map<string, EbaySeller>();
  const expiredTokens = new Set<string>();
  const images = new Map<string, FakeEbayFile>();
  const inventoryItems = new Map<string, Record<string, unknown>>();
  const offers = new Map<string, FakeEbayOffer>();
  const inventoryFailures = new Map<number, number>();
  const orders: FakeEbayOrder[] = [];
  const fulfillments: FakeEbay['fulfillments'] = [];
  /** Order sync: the seller (eBay user id) of each order added for one seller. */
  const orderSellers = new Map<string, string>();
  const failures: FakeEbayFailure[] = [];
  const policies = {
    fulfillment_policy: { fulfillmentPolicies: [{ fulfillmentPolicyId: '6196932000', name: 'Media Mail', marketplaceId: MARKETPLACE }] },
    payment_policy: { paymentPolicies: [{ paymentPolicyId: '6196935000', name: 'Managed payments', marketplaceId: MARKETPLACE }] },
    return_policy: { returnPolicies: [{ returnPolicyId: '6196937000', name: '30 days', marketplaceId: MARKETPLACE }] },
  };
  const locations = [{ merchantLocationKey: 'warehouse-1', name: 'Record room', merchantLocationStatus: 'ENABLED' }];
  let sequence = 0;
  let url = '';
  let imageUrlInCreateResponse = true;

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const empty = (response: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    response.writeHead(status, headers);
    response.end();
  };
  const errors = (response: ServerResponse, status: number, ...list: FakeEbayError[]) => json(response, status, { errors: list });
  const validation = (message: string, parameters: Array<{ name: string; value: string }> = []): FakeEbayError => ({
    errorId: 25709,
    domain: 'API_INVENTORY',
    category: 'REQUEST',
    message,
    parameters,
  });

  const readBody = async (request: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  /** A multipart body parsed by the platform's own parser (undici), as eBay's would. */
  const readMultipart = async (raw: Buffer, contentType: string) => {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: FakeEbayFile[] = [];
    const fields: Record<string, string> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') fields[field] = value;
      else files.push({ field, fileName: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { fields, files };
  };

  const issueAccessToken = (seller: EbaySeller) => {
    const accessToken = `v^1.1#i^1#user-token-${(sequence += 1)}`;
    tokens.set(accessToken, seller);
    return accessToken;
  };

  const page = <T>(all: T[], query: Record<string, string>, basePath: string, maxLimit: number, defaultLimit: number) => {
    const limit = Math.min(Math.max(Number(query.limit ?? defaultLimit) || defaultLimit, 1), maxLimit);
    const offset = Math.max(Number(query.offset ?? 0) || 0, 0);
    const link = (at: number) => {
      const params = new URLSearchParams({ ...query, limit: String(limit), offset: String(at) });
      return `${url}${basePath}?${params.toString()}`;
    };
    return {
      items: all.slice(offset, offset + limit),
      meta: {
        href: link(offset),
        total: all.length,
        limit,
        offset,
        size: Math.ceil(all.length / limit),
        ...(offset + limit < all.length && { next: link(offset + limit) }),
        ...(offset > 0 && { prev: link(Math.max(offset - limit, 0)) }),
      },
    };
  };

  const publicOffer = (offer: FakeEbayOffer) => ({ ...offer });

  const handleToken = async (request: IncomingMessage, response: ServerResponse) => {
    const form = Object.fromEntries(new URLSearchParams((await readBody(request)).toString('utf8')));
    tokenRequests.push({ authorization: request.headers.authorization, form });
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== basic)
      return json(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    if (form.grant_type === 'refresh_token') {
      const seller = refreshTokens.get(form.refresh_token);
      if (!seller) {
        return json(response, 400, {
          error: 'invalid_grant',
          error_description: 'the provided authorization refresh token is invalid or was issued to another client',
        });
      }
      return json(response, 200, { access_token: issueAccessToken(seller), expires_in: 7200, token_type: 'User Access Token' });
    }
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
    const accessToken = issueAccessToken(seller);
    const refreshToken = `v^1.1#i^1#refresh-token-${sequence}`;
    refreshTokens.set(refreshToken, seller);
    return json(response, 200, {
      access_token: accessToken,
      expires_in: 7200,
      refresh_token: refreshToken,
      refresh_token_expires_in: 47304000,
      token_type: 'User Access Token',
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const parsed = new URL(request.url ?? '/', 'http://fake');
    const path = parsed.pathname;
    const method = request.method ?? 'GET';
    if (method === 'POST' && path === '/identity/v1/oauth2/token') return handleToken(request, response);

    const raw = await readBody(request);
    const contentType = request.headers['content-type'];
    let body: unknown = null;
    if (contentType?.startsWith('multipart/form-data')) body = await readMultipart(raw, contentType);
    else if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return errors(response, 400, { errorId: 2004, domain: 'ACCESS', category: 'REQUEST', message: 'Could not serialize field' });
      }
    }
    const query = Object.fromEntries(parsed.searchParams);
    calls.push({
      at: Date.now(),
      method,
      path,
      query,
      authorization: request.headers.authorization,
      contentType,
      contentLanguage: request.headers['content-language'] as string | undefined,
      body,
    });

    const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const seller = tokens.get(bearer);
    if (!seller || expiredTokens.has(bearer)) return errors(response, 401, INVALID_TOKEN);

    const failure = failures.shift();
    if (failure?.status === 429) {
      return json(
        response,
        429,
        {
          errors: [
            {
              errorId: 2001,
              domain: 'ACCESS',
              category: 'REQUEST',
              message: 'Too many requests. The request limit has been reached for the resource.',
            },
          ],
        },
        failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {},
      );
    }
    if (failure?.status === 400) return errors(response, 400, ...failure.errors);
    if (failure?.status === 401) return errors(response, 401, INVALID_TOKEN);
    if (failure) {
      return errors(response, failure.status, {
        errorId: 2003,
        domain: 'ACCESS',
        category: 'APPLICATION',
        message: 'There was a problem with an eBay internal system or process. Contact eBay developer support for assistance.',
      });
    }

    if (method === 'GET' && path === '/commerce/identity/v1/user/') {
      return json(response, 200, {
        userId: seller.userId,
        username: seller.username,
        accountType: 'BUSINESS',
        registrationMarketplaceId: MARKETPLACE,
      });
    }
    if (path.startsWith('/commerce/media/v1_beta/')) return media(method, path.slice('/commerce/media/v1_beta'.length), body, response);
    if (path.startsWith('/sell/inventory/v1/'))
      return inventory(method, path.slice('/sell/inventory/v1'.length), query, body, request, response);
    if (path.startsWith('/sell/account/v1/') && method === 'GET') {
      const resource = path.slice('/sell/account/v1/'.length) as keyof typeof policies;
      if (!(resource in policies)) return notFound(response);
      if (query.marketplace_id !== MARKETPLACE)
        return errors(response, 400, {
          errorId: 20401,
          domain: 'API_ACCOUNT',
          category: 'REQUEST',
          message: 'Missing field marketplaceId.',
        });
      const list = Object.values(policies[resource])[0];
      return json(response, 200, { ...policies[resource], total: list.length, limit: 20, offset: 0 });
    }
    if (path.startsWith('/sell/fulfillment/v1/'))
      return fulfillment(method, path.slice('/sell/fulfillment/v1'.length), query, body, response, seller);
    return notFound(response);
  };

  const notFound = (response: ServerResponse) =>
    errors(response, 404, { errorId: 2002, domain: 'ACCESS', category: 'REQUEST', message: 'Resource not found' });

  const media = (method: string, path: string, body: unknown, response: ServerResponse) => {
    if (method === 'POST' && path === '/image/create_image_from_file') {
      const file = (body as { files?: FakeEbayFile[] } | null)?.files?.find((candidate) => candidate.field === 'image');
      if (!file || file.data.length === 0) {
        return errors(response, 400, { errorId: 190002, domain: 'API_MEDIA', category: 'REQUEST', message: 'The image file is missing.' });
      }
      const imageId = `i-${(sequence += 1)}`;
      images.set(imageId, file);
      const location = { Location: `${url}/commerce/media/v1_beta/image/${imageId}` };
      return imageUrlInCreateResponse ? json(response, 201, imageResource(imageId), location) : empty(response, 201, location);
    }
    const imageId = /^\/image\/([^/]+)$/.exec(path)?.[1];
    if (method === 'GET' && imageId && images.has(imageId)) return json(response, 200, imageResource(imageId));
    return notFound(response);
  };

  const imageResource = (imageId: string) => ({
    imageUrl: `https://i.ebayimg.com/images/g/${imageId}/s-l1600.jpg`,
    expirationDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });

  const inventory = (
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    request: IncomingMessage,
    response: ServerResponse,
  ) => {
    const writes = method === 'PUT' || (method === 'POST' && path === '/offer');
    if (writes && !request.headers['content-language']) {
      return errors(response, 400, {
        errorId: 25709,
        domain: 'API_INVENTORY',
        category: 'REQUEST',
        message: 'Invalid value for header Content-Language.',
      });
    }
    const sku = /^\/inventory_item\/([^/]+)$/.exec(path)?.[1];
    if (sku && method === 'PUT') {
      const item = body as { product?: { title?: string } } | null;
      if (!item?.product?.title) return errors(response, 400, validation('The product title is missing.', [{ name: 'title', value: '' }]));
      inventoryItems.set(decodeURIComponent(sku), { ...item, sku: decodeURIComponent(sku), locale: 'en_US' });
      return empty(response, 204);
    }
    if (method === 'GET' && path === '/inventory_item' && (inventoryFailures.get(Number(query.offset ?? 0)) ?? 0) > 0) {
      const offset = Number(query.offset ?? 0);
      inventoryFailures.set(offset, inventoryFailures.get(offset)! - 1);
      const body = { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests.' }] };
      return json(response, 429, body, { 'Retry-After': '1' });
    }
    if (method === 'GET' && path === '/inventory_item') {
      const { items, meta } = page([...inventoryItems.values()], query, '/sell/inventory/v1/inventory_item', 200, 25);
      return json(response, 200, { ...meta, inventoryItems: items });
    }
    if (method === 'GET' && path === '/location') {
      const { items, meta } = page(locations, query, '/sell/inventory/v1/location', 100, 20);
      return json(response, 200, { ...meta, locations: items });
    }
    if (method === 'POST' && path === '/offer') {
      const offer = body as Record<string, unknown> & { sku?: string; pricingSummary?: { price?: { value?: string } } };
      if (!offer.sku || !inventoryItems.has(offer.sku)) {
        return errors(
          response,
          400,
          validation('A user error has occurred. The SKU does not exist.', [{ name: 'sku', value: String(offer.sku) }]),
        );
      }
      const duplicate = [...offers.values()].find(
        (existing) => existing.sku === offer.sku && existing.marketplaceId === offer.marketplaceId,
      );
      if (duplicate) {
        return errors(response, 400, {
          errorId: 25002,
          domain: 'API_INVENTORY',
          category: 'REQUEST',
          message: 'A user error has occurred. Offer entity already exists.',
          parameters: [{ name: 'offerId', value: duplicate.offerId }],
        });
      }
      if (!/^\d+(\.\d{1,2})?$/.test(offer.pricingSummary?.price?.value ?? '')) {
        return errors(
          response,
          400,
          validation('Invalid value for price.', [{ name: 'price', value: String(offer.pricingSummary?.price?.value) }]),
        );
      }
      const offerId = String(5_000_000_000 + (sequence += 1));
      offers.set(offerId, { ...(offer as FakeEbayOffer), offerId, status: 'UNPUBLISHED' });
      return json(response, 201, { offerId });
    }
    if (method === 'GET' && path === '/offer') {
      const found = [...offers.values()].filter((offer) => offer.sku === query.sku);
      if (found.length === 0) return errors(response, 404, OFFER_NOT_AVAILABLE);
      return json(response, 200, { href: '', total: found.length, size: 1, limit: 25, offers: found.map(publicOffer) });
    }
    const offerMatch = /^\/offer\/([^/]+)(\/publish|\/withdraw)?$/.exec(path);
    const offer = offerMatch ? offers.get(decodeURIComponent(offerMatch[1])) : undefined;
    if (offerMatch && !offer) return errors(response, 404, OFFER_NOT_AVAILABLE);
    if (offer && !offerMatch![2] && method === 'GET') return json(response, 200, publicOffer(offer));
    if (offer && !offerMatch![2] && method === 'PUT') {
      const update = body as Record<string, unknown>;
      const readOnly = ['offerId', 'sku', 'marketplaceId', 'format', 'status', 'listing'].filter((field) => field in update);
      if (readOnly.length) return errors(response, 400, validation(`Could not serialize field [${readOnly[0]}].`));
      const { offerId, sku: offerSku, marketplaceId, format, status, listing } = offer;
      offers.set(offer.offerId, { ...(update as object), offerId, sku: offerSku, marketplaceId, format, status, listing });
      return empty(response, 204);
    }
    if (offer && offerMatch![2] === '/publish' && method === 'POST') {
      const item = inventoryItems.get(offer.sku) as { product?: { imageUrls?: string[] } } | undefined;
      if (!offer.listingPolicies || !offer.merchantLocationKey || !offer.categoryId) {
        return errors(
          response,
          400,
          validation('A user error has occurred. Listing policies, location and category are required to publish.'),
        );
      }
      if (!item?.product?.imageUrls?.length) {
        return errors(response, 400, validation('A user error has occurred. At least 1 picture is required to publish an offer.'));
      }
      const listingId = offer.listing?.listingStatus === 'ACTIVE' ? offer.listing.listingId : String(110_000_000_000 + (sequence += 1));
      offer.status = 'PUBLISHED';
      offer.listing = { listingId, listingStatus: 'ACTIVE' };
      return json(response, 200, { listingId });
    }
    if (offer && offerMatch![2] === '/withdraw' && method === 'POST') {
      if (offer.status !== 'PUBLISHED') return errors(response, 400, OFFER_NOT_AVAILABLE);
      offer.status = 'UNPUBLISHED';
      offer.listing = { listingId: offer.listing!.listingId, listingStatus: 'ENDED' };
      return json(response, 200, { listingId: offer.listing.listingId });
    }
    return notFound(response);
  };

  const fulfillment = (
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    response: ServerResponse,
    seller: EbaySeller,
  ) => {
    const visible = (order: FakeEbayOrder) => (orderSellers.get(order.orderId) ?? seller.userId) === seller.userId;
    if (method === 'GET' && path === '/order') {
      const from = /^lastmodifieddate:\[([^\]]*?)\.\.([^\]]*)\]$/.exec(query.filter ?? '');
      if (query.filter && !from) {
        return errors(response, 400, { errorId: 30700, domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid filter.' });
      }
      const since = from?.[1] ? Date.parse(from[1]) : -Infinity;
      const matching = orders.filter((order) => Date.parse(order.lastModifiedDate) >= since && visible(order));
      const { items, meta } = page(matching, query, '/sell/fulfillment/v1/order', 200, 50);
      return json(response, 200, { ...meta, orders: items });
    }
    const match = /^\/order\/([^/]+)(\/shipping_fulfillment)?$/.exec(path);
    const order = match ? orders.find((candidate) => candidate.orderId === decodeURIComponent(match[1]) && visible(candidate)) : undefined;
    if (!order)
      return errors(response, 404, { errorId: 32100, domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid order ID.' });
    if (method === 'GET' && !match![2]) return json(response, 200, order);
    if (method === 'POST' && match![2]) {
      const shipment = body as { lineItems?: unknown[]; trackingNumber?: string; shippingCarrierCode?: string } | null;
      if (!shipment?.lineItems?.length || !shipment.trackingNumber || !shipment.shippingCarrierCode) {
        return errors(response, 400, {
          errorId: 34500,
          domain: 'API_FULFILLMENT',
          category: 'REQUEST',
          message: 'Invalid shipping fulfillment: line items, tracking number and carrier are required.',
        });
      }
      const fulfillmentId = `${shipment.trackingNumber}`;
      fulfillments.push({ orderId: order.orderId, fulfillmentId, body: shipment as Record<string, unknown> });
      order.orderFulfillmentStatus = 'FULFILLED';
      return empty(response, 201, { Location: `${url}/sell/fulfillment/v1/order/${order.orderId}/shipping_fulfillment/${fulfillmentId}` });
    }
    return notFound(response);
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    tokenRequests,
    calls,
    images,
    inventoryItems,
    offers,
    orders,
    fulfillments,
    issueCode: (seller) => {
      const code = `v^1.1#i^1#code-${(sequence += 1)}`;
      codes.set(code, seller);
      return code;
    },
    issueTokens: (seller) => {
      const accessToken = issueAccessToken(seller);
      const refreshToken = `v^1.1#i^1#refresh-token-${sequence}`;
      refreshTokens.set(refreshToken, seller);
      return { accessToken, refreshToken };
    },
    expireAccessToken: (accessToken) => expiredTokens.add(accessToken),
    failNext: (failure) => failures.push(failure),
    setImageUrlInCreateResponse: (included) => {
      imageUrlInCreateResponse = included;
    },
    seedListing: ({ sku, title, price, condition = 'USED_EXCELLENT', published = true }) => {
      inventoryItems.set(sku, {
        sku,
        locale: 'en_US',
        condition,
        availability: { shipToLocationAvailability: { quantity: 1 } },
        product: { title, imageUrls: ['https://i.ebayimg.com/images/g/seed/s-l1600.jpg'] },
      });
      const offerId = String(5_000_000_000 + (sequence += 1));
      const listingId = String(110_000_000_000 + (sequence += 1));
      offers.set(offerId, {
        offerId,
        sku,
        marketplaceId: MARKETPLACE,
        format: 'FIXED_PRICE',
        availableQuantity: 1,
        pricingSummary: { price: { value: price, currency: 'USD' } },
        status: published ? 'PUBLISHED' : 'UNPUBLISHED',
        ...(published && { listing: { listingId, listingStatus: 'ACTIVE' as const } }),
      });
      return published ? listingId : offerId;
    },
    addOrder: (order) => orders.push(order),
    seedImportListing: (listing) => {
      inventoryItems.set(listing.sku, {
        sku: listing.sku,
        locale: 'en_US',
        condition: listing.condition ?? 'USED_EXCELLENT',
        ...(listing.conditionDescription ? { conditionDescription: listing.conditionDescription } : {}),
        availability: { shipToLocationAvailability: { quantity: listing.quantity ?? 1 } },
        product: {
          title: listing.title,
          ...(listing.description ? { description: listing.description } : {}),
          aspects: listing.aspects ?? {},
          imageUrls: listing.imageUrls ?? [],
          ...(listing.upc ? { upc: listing.upc } : {}),
        },
      });
      const offerId = String(5_000_000_000 + (sequence += 1));
      const listingId = String(110_000_000_000 + (sequence += 1));
      offers.set(offerId, {
        offerId,
        sku: listing.sku,
        marketplaceId: MARKETPLACE,
        format: 'FIXED_PRICE',
        availableQuantity: listing.quantity ?? 1,
        pricingSummary: { price: { value: listing.price, currency: listing.currency ?? 'USD' } },
        status: 'PUBLISHED',
        listing: { listingId, listingStatus: 'ACTIVE' as const },
      });
      return listingId;
    },
    failInventoryPageAt: (offset, times = 1) => inventoryFailures.set(offset, (inventoryFailures.get(offset) ?? 0) + times),
    // --- Order sync: orders of one seller, changed as eBay changes them ---
    addSellerOrder: (sellerUserId, order) => {
      orderSellers.set(order.orderId, sellerUserId);
      orders.push(order);
      return order;
    },
    changeOrder: (orderId, fields) => {
      const order = orders.find((candidate) => candidate.orderId === orderId);
      if (!order) throw new Error(`no eBay order ${orderId}`);
      Object.assign(order, fields, { lastModifiedDate: new Date().toISOString() });
      return order;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
