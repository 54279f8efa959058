import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EtsyApp {
  keystring: string;
  sharedSecret: string;
}

export interface EtsySeller {
  userId: number;
  shopId: number | null;
  shopName: string;
}

/** A request to the Open API (`/v3/application/...`) the fake received, for assertions. */
export interface EtsyRecordedRequest {
  /** When it arrived (Date.now()), to count calls per rate-limit window. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  apiKey: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The form or JSON body; for a multipart upload, its fields with files as `{fileName, type, size, sha256}`. */
  body: unknown;
}

export interface EtsyRecordedTokenRequest {
  form: Record<string, string>;
  status: number;
}

export interface EtsyFakeListing {
  listing_id: number;
  shop_id: number;
  user_id: number;
  title: string;
  description: string;
  state: string;
  quantity: number;
  who_made: string;
  when_made: string;
  taxonomy_id: number;
  shipping_profile_id: number | null;
  listing_type: string;
  is_supply: boolean;
  price: number;
  fields: Record<string, string>;
  inventory: {
    products: Array<{
      product_id: number;
      sku: string;
      is_deleted: boolean;
      property_values: unknown[];
      offerings: Array<{
        offering_id: number;
        quantity: number;
        is_enabled: boolean;
        is_deleted: boolean;
        price: { amount: number; divisor: number; currency_code: string };
      }>;
    }>;
    price_on_property: number[];
    quantity_on_property: number[];
    sku_on_property: number[];
  };
  images: Array<{ listing_image_id: number; rank: number; fileName: string; type: string; size: number; sha256: string }>;
  /** Imports: the pictures' URLs on Etsy's image host (`includes=Images` answers them). */
  imageUrls?: string[];
}

/** A shop's existing listing as an import reads it. */
export interface FakeEtsyImportListing {
  title: string;
  description?: string;
  price: number;
  quantity?: number;
  sku?: string;
  tags?: string[];
  imageUrls?: string[];
}

export interface EtsyFakeReceipt {
  receipt_id: number;
  status: string;
  name: string;
  buyer_email: string;
  created_timestamp: number;
  updated_timestamp: number;
  grandtotal: { amount: number; divisor: number; currency_code: string };
  total_shipping_cost: { amount: number; divisor: number; currency_code: string };
  is_shipped: boolean;
  transactions: Array<{
    transaction_id: number;
    listing_id: number;
    sku: string;
    title: string;
    quantity: number;
    price: { amount: number; divisor: number; currency_code: string };
  }>;
  shipments: Array<{ carrier_name: string; tracking_code: string }>;
  /** Order sync: the buyer's ship-to, as getShopReceipts gives it. */
  first_line?: string;
  second_line?: string | null;
  city?: string;
  state?: string;
  zip?: string;
  country_iso?: string;
  formatted_address?: string;
}

export interface FakeEtsy {
  /** ETSY_API_URL and ETSY_WEB_URL for the app under test (one server plays both hosts). */
  url: string;
  requests: EtsyRecordedRequest[];
  tokenRequests: EtsyRecordedTokenRequest[];
  listings: Map<number, EtsyFakeListing>;
  /** The seller who consents at `/oauth/connect` next (a browser following the consent URL), or a refusal. */
  consentAs: (seller: EtsySeller) => void;
  declineNext: () => void;
  /** Tokens as after a finished connection, for adapter tests: `{accessToken, refreshToken}`. */
  issueTokens: (seller: EtsySeller) => { accessToken: string; refreshToken: string };
  /** Every access token issued so far stops working (as after their hour), refresh tokens keep working. */
  expireAccessTokens: () => void;
  addReceipt: (shopId: number, receipt: Omit<EtsyFakeReceipt, 'shipments'>) => void;
  receipts: Map<number, EtsyFakeReceipt>;
  /** Adds active listings with our SKU, for the paging of getListingsByShop. */
  addActiveListings: (seller: EtsySeller, count: number) => void;
  /** Replaces the seller taxonomy getSellerTaxonomyNodes answers (Etsy's tree, `children` nested). */
  setTaxonomy: (nodes: unknown[]) => void;
  /** The next Open API requests answer this status (Etsy's `{"error"}` body), then the fake behaves again. */
  failNext: (status: number, error?: string, times?: number) => void;
  // --- Imports ---
  /** Active listings of the seller's shop with what an import reads (description, tags, pictures); their listing ids. */
  addImportListings: (seller: EtsySeller, listings: FakeEtsyImportListing[]) => number[];
  /** getListingsByShop at this offset answers 429 (retry-after: 1) this many times, then behaves. */
  failListingsPageAt: (offset: number, times?: number) => void;
  close: () => Promise<void>;
}

/** A part of Etsy's seller taxonomy: the Music node and its Cassettes, CDs and Vinyl children. */
export const ETSY_SELLER_TAXONOMY = [
  {
    id: 1,
    level: 0,
    name: 'Accessories',
    parent_id: null,
    children: [{ id: 2, level: 1, name: 'Hats & Caps', parent_id: 1, children: [] }],
  },
  {
    id: 66,
    level: 0,
    name: 'Art & Collectibles',
    parent_id: null,
    children: [
      {
        id: 340,
        level: 1,
        name: 'Music',
        parent_id: 66,
        children: [
          { id: 341, level: 2, name: 'Cassettes', parent_id: 340, children: [] },
          { id: 342, level: 2, name: 'CDs', parent_id: 340, children: [] },
          { id: 343, level: 2, name: 'Vinyl', parent_id: 340, children: [] },
        ],
      },
    ],
  },
];

const TITLE_REFUSED = /[^\p{L}\p{Nd}\p{P}\p{Sm}\p{Zs}™©®]|[$^\\`]/u;
const WHEN_MADE = new Set([
  'made_to_order',
  '2020_2025',
  '2010_2019',
  '2006_2009',
  'before_2006',
  '2000_2005',
  '1990s',
  '1980s',
  '1970s',
  '1960s',
  '1950s',
  '1940s',
  '1930s',
  '1920s',
  '1910s',
  '1900s',
  '1800s',
  '1700s',
  'before_1700',
]);
const LIMIT_PER_SECOND = 10;
const LIMIT_PER_DAY = 10_000;

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function money(decimal: number): { amount: number; divisor: number; currency_code: string } {
  return { amount: Math.round(decimal * 100), divisor: 100, currency_code: 'USD' };
}

/**
 * Etsy as its Open API v3 documentation describes it, for what connecting a seller and the adapter need.
 * OAuth 2 with PKCE: `GET /oauth/connect` (the consent page: a seller set with `consentAs` is redirected to the
 * redirect_uri with `code` and `state`, or `error=access_denied`), `POST /v3/public/oauth/token` (form body,
 * `client_id` = the keystring; the code grant checks the redirect_uri and that S256(code_verifier) is the challenge;
 * refresh tokens rotate: a used one is refused; `{error, error_description}` on refusal). The Open API under
 * `/v3/application` wants `x-api-key: <keystring>:<shared secret>` and a live `Authorization: Bearer` token,
 * answers `{"error": "..."}` on failure, and sends the `x-limit-per-second`/`x-remaining-this-second`/
 * `x-limit-per-day`/`x-remaining-today` headers (with `retry-after` on a 429).
 */
export async function startFakeEtsy(app: EtsyApp): Promise<FakeEtsy> {
  const requests: EtsyRecordedRequest[] = [];
  const tokenRequests: EtsyRecordedTokenRequest[] = [];
  const codes = new Map<string, { seller: EtsySeller; challenge: string; redirectUri: string }>();
  const accessTokens = new Map<string, EtsySeller>();
  const refreshTokens = new Map<string, EtsySeller>();
  const listings = new Map<number, EtsyFakeListing>();
  const receipts = new Map<number, EtsyFakeReceipt>();
  const receiptShops = new Map<number, number>();
  const sellersByShop = new Map<number, EtsySeller>();
  const failures: Array<{ status: number; error: string }> = [];
  let consent: EtsySeller | 'decline' | null = null;
  let taxonomy: unknown[] = ETSY_SELLER_TAXONOMY;
  let sequence = 1000;
  let usedToday = 0;

  const remember = (seller: EtsySeller) => {
    if (seller.shopId) sellersByShop.set(seller.shopId, seller);
  };
  const issueTokens = (seller: EtsySeller) => {
    remember(seller);
    const accessToken = `${seller.userId}.${randomBytes(24).toString('base64url')}`;
    const refreshToken = `${seller.userId}.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(accessToken, seller);
    refreshTokens.set(refreshToken, seller);
    return { accessToken, refreshToken };
  };

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
  };

  const readBody = async (request: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const parseBody = async (request: IncomingMessage): Promise<unknown> => {
    const raw = await readBody(request);
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) return raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : null;
    if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') fields[name] = value;
        else {
          const bytes = Buffer.from(await value.arrayBuffer());
          fields[name] = {
            fileName: value.name,
            type: value.type,
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          };
        }
      }
      return fields;
    }
    return raw.length ? raw.toString('utf8') : null;
  };

  const handleConnect = (url: URL, response: ServerResponse) => {
    const query = Object.fromEntries(url.searchParams);
    if (query.client_id !== app.keystring) return json(response, 400, { error: 'invalid_client', error_description: 'Unknown client_id' });
    if (query.response_type !== 'code' || !query.redirect_uri || !query.state || !query.code_challenge) {
      return json(response, 400, {
        error: 'invalid_request',
        error_description: 'response_type, redirect_uri, state and code_challenge are required',
      });
    }
    if (query.code_challenge_method !== 'S256')
      return json(response, 400, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    const back = new URL(query.redirect_uri);
    const consenting = consent;
    consent = null;
    if (consenting === null || consenting === 'decline') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
    } else {
      const code = randomBytes(18).toString('base64url');
      codes.set(code, { seller: consenting, challenge: query.code_challenge, redirectUri: query.redirect_uri });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', query.state);
    response.writeHead(302, { Location: back.toString() });
    response.end();
  };

  const handleToken = async (request: IncomingMessage, response: ServerResponse) => {
    const form = Object.fromEntries(new URLSearchParams((await readBody(request)).toString('utf8')));
    const answer = (status: number, body: unknown) => {
      tokenRequests.push({ form, status });
      json(response, status, body);
    };
    if (form.client_id !== app.keystring) return answer(401, { error: 'invalid_client', error_description: 'Unknown client_id' });
    let seller: EtsySeller | undefined;
    if (form.grant_type === 'authorization_code') {
      const issued = codes.get(form.code);
      if (!issued) return answer(400, { error: 'invalid_grant', error_description: 'code is invalid or expired' });
      codes.delete(form.code);
      if (issued.redirectUri !== form.redirect_uri)
        return answer(400, { error: 'invalid_grant', error_description: 'redirect_uri does not match' });
      if (!form.code_verifier || s256(form.code_verifier) !== issued.challenge) {
        return answer(400, { error: 'invalid_grant', error_description: 'code_verifier is invalid' });
      }
      seller = issued.seller;
    } else if (form.grant_type === 'refresh_token') {
      seller = refreshTokens.get(form.refresh_token);
      if (!seller) return answer(400, { error: 'invalid_grant', error_description: 'refresh_token is invalid or was already used' });
      refreshTokens.delete(form.refresh_token);
    } else {
      return answer(400, { error: 'unsupported_grant_type', error_description: 'grant_type is not supported' });
    }
    const tokens = issueTokens(seller);
    return answer(200, { access_token: tokens.accessToken, token_type: 'Bearer', expires_in: 3600, refresh_token: tokens.refreshToken });
  };

  const nextListingId = () => (sequence += 1);
  const listingPageFailures = new Map<number, number>();

  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const body = await parseBody(request);
    requests.push({
      at: Date.now(),
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      apiKey: request.headers['x-api-key'] as string | undefined,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      body,
    });
    usedToday += 1;
    const limits = {
      'x-limit-per-second': String(LIMIT_PER_SECOND),
      'x-remaining-this-second': String(LIMIT_PER_SECOND - 1),
      'x-limit-per-day': String(LIMIT_PER_DAY),
      'x-remaining-today': String(Math.max(0, LIMIT_PER_DAY - usedToday)),
    };
    const send = (status: number, payload?: unknown) => json(response, status, payload, limits);
    const error = (status: number, message: string) =>
      json(
        response,
        status,
        { error: message },
        status === 429 ? { ...limits, 'x-remaining-this-second': '0', 'retry-after': '2' } : limits,
      );

    const failure = failures.shift();
    if (failure) return error(failure.status, failure.error);
    if (request.headers['x-api-key'] !== `${app.keystring}:${app.sharedSecret}`) {
      return error(403, "Invalid API key: the x-api-key header must be the app's keystring and shared secret as keystring:shared_secret.");
    }
    const seller = accessTokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!seller) return error(401, 'invalid_token');
    const method = request.method;
    const path = url.pathname;
    const form = (body ?? {}) as Record<string, string>;

    if (method === 'GET' && path === '/v3/application/users/me') return send(200, { user_id: seller.userId, shop_id: seller.shopId });
    if (method === 'GET' && path === '/v3/application/seller-taxonomy/nodes')
      return send(200, { count: taxonomy.length, results: taxonomy });

    const shop = /^\/v3\/application\/shops\/(\d+)(\/.*)?$/.exec(path);
    if (shop) {
      const shopId = Number(shop[1]);
      const rest = shop[2] ?? '';
      const owner = sellersByShop.get(shopId);
      if (!owner) return error(404, `Could not find a shop with shop_id = ${shopId}`);
      if (owner.userId !== seller.userId) return error(403, 'The shop does not belong to the authenticated user');
      if (method === 'GET' && rest === '') {
        return send(200, {
          shop_id: shopId,
          shop_name: owner.shopName,
          user_id: owner.userId,
          currency_code: 'USD',
          url: `https://www.etsy.com/shop/${owner.shopName}`,
        });
      }
      if (method === 'GET' && rest === '/shipping-profiles') {
        return send(200, {
          count: 1,
          results: [{ shipping_profile_id: 9001, title: 'Records, tracked', user_id: owner.userId, origin_country_iso: 'US' }],
        });
      }
      if (method === 'GET' && rest === '/readiness-state-definitions') {
        return send(200, {
          count: 1,
          results: [
            { shop_id: shopId, readiness_state_id: 5150, readiness_state: 'ready_to_ship', min_processing_days: 1, max_processing_days: 3 },
          ],
        });
      }
      if (method === 'POST' && rest === '/listings') {
        const required = ['quantity', 'title', 'description', 'price', 'who_made', 'when_made', 'taxonomy_id'];
        const missing = required.filter((name) => !form[name]);
        if (missing.length > 0) return error(400, `Missing required parameters: ${missing.join(', ')}`);
        if (form.title.length > 140) return error(400, 'title must be 140 characters or fewer');
        if (TITLE_REFUSED.test(form.title)) return error(400, 'title contains characters that are not allowed');
        if (!WHEN_MADE.has(form.when_made)) return error(400, `when_made must be one of the allowed values, got "${form.when_made}"`);
        if (!['i_did', 'someone_else', 'collective'].includes(form.who_made))
          return error(400, 'who_made must be i_did, someone_else or collective');
        const type = form.type ?? 'physical';
        if (type === 'physical' && !form.shipping_profile_id) return error(400, 'A shipping_profile_id is required for a physical listing');
        if (type === 'physical' && !form.readiness_state_id) return error(400, 'A readiness_state_id is required for a physical listing');
        const price = Number(form.price);
        if (!(price >= 0.2)) return error(400, 'Price must be at least 0.20 USD');
        const listingId = nextListingId();
        const listing: EtsyFakeListing = {
          listing_id: listingId,
          shop_id: shopId,
          user_id: owner.userId,
          title: form.title,
          description: form.description,
          state: 'draft',
          quantity: Number(form.quantity),
          who_made: form.who_made,
          when_made: form.when_made,
          taxonomy_id: Number(form.taxonomy_id),
          shipping_profile_id: form.shipping_profile_id ? Number(form.shipping_profile_id) : null,
          listing_type: type,
          is_supply: form.is_supply === 'true',
          price,
          fields: { ...form },
          inventory: {
            products: [
              {
                product_id: nextListingId(),
                sku: '',
                is_deleted: false,
                property_values: [],
                offerings: [
                  {
                    offering_id: nextListingId(),
                    quantity: Number(form.quantity),
                    is_enabled: true,
                    is_deleted: false,
                    price: money(price),
                  },
                ],
              },
            ],
            price_on_property: [],
            quantity_on_property: [],
            sku_on_property: [],
          },
          images: [],
        };
        listings.set(listingId, listing);
        return send(201, listingJson(listing));
      }
      if (method === 'GET' && rest === '/listings' && (listingPageFailures.get(Number(url.searchParams.get('offset') ?? 0)) ?? 0) > 0) {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        listingPageFailures.set(offset, listingPageFailures.get(offset)! - 1);
        return json(response, 429, { error: 'You have exceeded your rate limit' }, { ...limits, 'retry-after': '1' });
      }
      if (method === 'GET' && rest === '/listings') {
        const state = url.searchParams.get('state') ?? 'active';
        const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const matching = [...listings.values()].filter((listing) => listing.shop_id === shopId && listing.state === state);
        return send(200, { count: matching.length, results: matching.slice(offset, offset + limit).map(listingJson) });
      }
      const images = /^\/listings\/(\d+)\/images$/.exec(rest);
      if (method === 'POST' && images) {
        const listing = listings.get(Number(images[1]));
        if (!listing || listing.shop_id !== shopId) return error(404, `Could not find a listing with listing_id = ${images[1]}`);
        const image = (body as Record<string, unknown> | null)?.image as
          { fileName: string; type: string; size: number; sha256: string } | undefined;
        if (!image || typeof image !== 'object') return error(400, 'An image file is required');
        if (!['image/jpeg', 'image/png', 'image/gif'].includes(image.type)) return error(400, 'The image must be a JPEG, PNG or GIF');
        const record = { listing_image_id: nextListingId(), rank: Number(form.rank ?? listing.images.length + 1), ...image };
        listing.images.push(record);
        return send(201, { listing_id: listing.listing_id, listing_image_id: record.listing_image_id, rank: record.rank });
      }
      const one = /^\/listings\/(\d+)$/.exec(rest);
      if (method === 'PATCH' && one) {
        const listing = listings.get(Number(one[1]));
        if (!listing || listing.shop_id !== shopId) return error(404, `Could not find a listing with listing_id = ${one[1]}`);
        if (form.state === 'active') {
          if (listing.images.length === 0) return error(400, 'A listing needs at least one image to be active');
          listing.state = 'active';
        } else if (form.state === 'inactive') {
          if (listing.state === 'draft') return error(400, 'A draft listing cannot be made inactive');
          listing.state = 'inactive';
        } else if (form.state) {
          return error(400, `state must be active or inactive, got "${form.state}"`);
        }
        return send(200, listingJson(listing));
      }
      if (method === 'GET' && rest === '/receipts') {
        const since = Number(url.searchParams.get('min_last_modified') ?? 0);
        const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const matching = [...receipts.values()].filter(
          (receipt) => receiptShops.get(receipt.receipt_id) === shopId && receipt.updated_timestamp >= since,
        );
        return send(200, { count: matching.length, results: matching.slice(offset, offset + limit) });
      }
      const tracking = /^\/receipts\/(\d+)\/tracking$/.exec(rest);
      if (method === 'POST' && tracking) {
        const receipt = receipts.get(Number(tracking[1]));
        if (!receipt || receiptShops.get(receipt.receipt_id) !== shopId)
          return error(404, `Could not find a receipt with receipt_id = ${tracking[1]}`);
        if (!form.tracking_code || !form.carrier_name) return error(400, 'tracking_code and carrier_name are required');
        receipt.shipments.push({ carrier_name: form.carrier_name, tracking_code: form.tracking_code });
        receipt.is_shipped = true;
        return send(200, receipt);
      }
      return error(404, `No route for ${method} ${path}`);
    }

    const inventory = /^\/v3\/application\/listings\/(\d+)\/inventory$/.exec(path);
    if (inventory) {
      const listing = listings.get(Number(inventory[1]));
      if (!listing || listing.user_id !== seller.userId) return error(404, `Could not find a listing with listing_id = ${inventory[1]}`);
      if (method === 'GET') return send(200, listing.inventory);
      if (method === 'PUT') {
        const update = body as {
          products?: Array<{
            sku?: string;
            property_values?: unknown[];
            offerings?: Array<{ price: unknown; quantity: number; is_enabled: boolean }>;
          }>;
        };
        if (!Array.isArray(update?.products) || update.products.length === 0) return error(400, 'products is required');
        for (const product of update.products) {
          for (const offering of product.offerings ?? []) {
            if (typeof offering.price !== 'number') return error(400, 'Expected offerings price to be a number');
          }
        }
        listing.inventory = {
          products: update.products.map((product) => ({
            product_id: nextListingId(),
            sku: product.sku ?? '',
            is_deleted: false,
            property_values: product.property_values ?? [],
            offerings: (product.offerings ?? []).map((offering) => ({
              offering_id: nextListingId(),
              quantity: offering.quantity,
              is_enabled: offering.is_enabled,
              is_deleted: false,
              price: money(offering.price as number),
            })),
          })),
          price_on_property: [],
          quantity_on_property: [],
          sku_on_property: [],
        };
        const first = update.products[0].offerings?.[0];
        if (first) {
          listing.price = first.price as number;
          listing.quantity = first.quantity;
        }
        return send(200, listing.inventory);
      }
    }
    const listingPath = /^\/v3\/application\/listings\/(\d+)$/.exec(path);
    if (listingPath && method === 'GET') {
      const listing = listings.get(Number(listingPath[1]));
      if (!listing) return error(404, `Could not find a listing with listing_id = ${listingPath[1]}`);
      return send(200, listingJson(listing));
    }
    if (listingPath && method === 'DELETE') {
      const listing = listings.get(Number(listingPath[1]));
      if (!listing || listing.user_id !== seller.userId) return error(404, `Could not find a listing with listing_id = ${listingPath[1]}`);
      listings.delete(listing.listing_id);
      return send(204);
    }
    return error(404, `No route for ${method} ${path}`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET' && url.pathname === '/oauth/connect') return handleConnect(url, response);
    if (request.method === 'POST' && url.pathname === '/v3/public/oauth/token') return handleToken(request, response);
    if (url.pathname.startsWith('/v3/application/')) return handleApi(request, response, url);
    return json(response, 404, { error: 'Not found' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { error: `fake-etsy: ${(error as Error).message}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests,
    listings,
    receipts,
    consentAs: (seller) => {
      remember(seller);
      consent = seller;
    },
    declineNext: () => {
      consent = 'decline';
    },
    issueTokens,
    expireAccessTokens: () => accessTokens.clear(),
    addReceipt: (shopId, receipt) => {
      receipts.set(receipt.receipt_id, { ...receipt, shipments: [] });
      receiptShops.set(receipt.receipt_id, shopId);
    },
    addActiveListings: (seller, count) => {
      remember(seller);
      for (let index = 0; index < count; index += 1) {
        const listingId = nextListingId();
        listings.set(listingId, {
          listing_id: listingId,
          shop_id: seller.shopId!,
          user_id: seller.userId,
          title: `Record ${index + 1}`,
          description: 'A record.',
          state: 'active',
          quantity: 1,
          who_made: 'someone_else',
          when_made: '1970s',
          taxonomy_id: 343,
          shipping_profile_id: 9001,
          listing_type: 'physical',
          is_supply: false,
          price: 10 + index,
          fields: {},
          inventory: {
            products: [
              {
                product_id: nextListingId(),
                sku: `it_page${index + 1}`,
                is_deleted: false,
                property_values: [],
                offerings: [{ offering_id: nextListingId(), quantity: 1, is_enabled: true, is_deleted: false, price: money(10 + index) }],
              },
            ],
            price_on_property: [],
            quantity_on_property: [],
            sku_on_property: [],
          },
          images: [],
        });
      }
    },
    addImportListings: (seller, imported) => {
      remember(seller);
      return imported.map((fields) => {
        const listingId = nextListingId();
        listings.set(listingId, {
          listing_id: listingId,
          shop_id: seller.shopId!,
          user_id: seller.userId,
          title: fields.title,
          description: fields.description ?? '',
          state: 'active',
          quantity: fields.quantity ?? 1,
          who_made: 'someone_else',
          when_made: '1970s',
          taxonomy_id: 343,
          shipping_profile_id: 9001,
          listing_type: 'physical',
          is_supply: false,
          price: fields.price,
          fields: { tags: (fields.tags ?? []).join(',') },
          inventory: {
            products: [
              {
                product_id: nextListingId(),
                sku: fields.sku ?? '',
                is_deleted: false,
                property_values: [],
                offerings: [
                  {
                    offering_id: nextListingId(),
                    quantity: fields.quantity ?? 1,
                    is_enabled: true,
                    is_deleted: false,
                    price: money(fields.price),
                  },
                ],
              },
            ],
            price_on_property: [],
            quantity_on_property: [],
            sku_on_property: [],
          },
          images: [],
          imageUrls: fields.imageUrls ?? [],
        });
        return listingId;
      });
    },
    failListingsPageAt: (offset, times = 1) => listingPageFailures.set(offset, (listingPageFailures.get(offset) ?? 0) + times),
    setTaxonomy: (nodes) => {
      taxonomy = nodes;
    },
    failNext: (status, error = status === 429 ? 'You have exceeded your rate limit' : 'Internal Server Error', times = 1) =>
      failures.push(...Array.from({ length: times }, () => ({ status, error }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A ShopListing as Etsy answers it. */
function listingJson(listing: EtsyFakeListing): Record<string, unknown> {
  return {
    listing_id: listing.listing_id,
    user_id: listing.user_id,
    shop_id: listing.shop_id,
    title: listing.title,
    description: listing.description,
    state: listing.state,
    quantity: listing.quantity,
    url: `https://www.etsy.com/listing/${listing.listing_id}/${listing.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    who_made: listing.who_made,
    when_made: listing.when_made,
    taxonomy_id: listing.taxonomy_id,
    shipping_profile_id: listing.shipping_profile_id,
    listing_type: listing.listing_type,
    is_supply: listing.is_supply,
    skus: listing.inventory.products.map((product) => product.sku).filter(Boolean),
    price: money(listing.price),
    ...(listing.fields.tags ? { tags: listing.fields.tags.split(',') } : {}),
    ...(listing.imageUrls
      ? {
          images: listing.imageUrls.map((url, index) => ({
            listing_id: listing.listing_id,
            listing_image_id: listing.listing_id * 100 + index,
            rank: index + 1,
            url_570xN: url,
            url_fullxfull: url,
          })),
        }
      : {}),
  };
}
