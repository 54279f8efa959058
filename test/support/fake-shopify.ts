import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** GraphQL variables as the fake reads them: any JSON, whose shape each operation checks itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ShopifyApp {
  apiKey: string;
  apiSecret: string;
}

export interface FakeShop {
  domain: string;
  id: string;
  name: string;
}

export interface FakeProduct {
  id: string;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  descriptionHtml: string;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  variants: Array<{ id: string; sku: string | null; price: string; barcode: string | null }>;
  files: Array<{ originalSource: string; bytes: number }>;
}

export interface FakeFulfillmentOrder {
  id: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED';
}

export interface FakeOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  email: string | null;
  customerName: string | null;
  total: string;
  shipping: string;
  lines: Array<{ title: string; quantity: number; sku: string | null; productId: string | null; price: string }>;
  fulfillmentOrders: FakeFulfillmentOrder[];
  fulfillments: Array<{ fulfillmentOrderIds: string[]; trackingInfo: unknown; notifyCustomer: unknown }>;
  /** Order sync: the shop domain whose order it is (absent: every shop's). */
  shop?: string;
  cancelledAt?: string | null;
  /** displayFinancialStatus (default PAID). */
  financialStatus?: string;
  shippingAddress?: Record<string, string | null> | null;
}

/** What the next GraphQL call gets instead of its answer. */
export type ShopifyFailure = { throttled: true } | { status: 401 | 429 | 500 | 502 | 503 };

export interface GraphqlCall {
  shop: string;
  version: string;
  token: string | undefined;
  operation: string | null;
  query: string;
  variables: Record<string, Json>;
}

export interface FakeShopify {
  url: string;
  /** SHOPIFY_SHOP_URL_TEMPLATE for the app under test. */
  shopUrlTemplate: string;
  calls: GraphqlCall[];
  tokenRequests: Array<{ shop: string; body: Record<string, unknown> }>;
  uploads: Array<{ fields: Array<[string, string]>; file: Buffer; fileName: string; contentType: string }>;
  products: Map<string, FakeProduct>;
  orders: Map<string, FakeOrder>;
  /** An offline token for a shop, as the code exchange would have given it (expiring: with a refresh token). */
  issueToken: (shop: string, options?: { expiring?: boolean }) => { accessToken: string; refreshToken: string | null };
  /** Makes an access token invalid (as after its hour): the Admin API answers 401. */
  revokeToken: (accessToken: string) => void;
  failNext: (failure: ShopifyFailure) => void;
  addOrder: (order: Omit<FakeOrder, 'id' | 'fulfillments'> & { id?: string }) => FakeOrder;
  addProduct: (
    product: Omit<FakeProduct, 'id' | 'handle' | 'variants' | 'files' | 'descriptionHtml' | 'vendor' | 'productType'> & {
      sku: string;
      price: string;
    },
  ) => FakeProduct;
  // --- Imports ---
  /** An active product of this shop with what an import reads (description, vendor, type, barcode, images). */
  addImportProduct: (shop: string, product: FakeShopifyImportProduct) => FakeProduct;
  /** The import's products page starting at this index answers 429 (Retry-After: 1) this many times, then behaves. */
  failImportPageAt: (start: number, times?: number) => void;
  close: () => Promise<void>;
}

/** A shop's existing product as an import reads it. */
export interface FakeShopifyImportProduct {
  title: string;
  sku: string;
  price: string;
  tags?: string[];
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  barcode?: string;
  totalInventory?: number;
  imageUrls?: string[];
}

const MONEY = /^\d+(\.\d{1,2})?$/;
const STATUSES = ['ACTIVE', 'DRAFT', 'ARCHIVED'];
const COST = {
  requestedQueryCost: 10,
  actualQueryCost: 10,
  throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
};

/** The message Shopify signs: the query without `hmac`, sorted by name (written apart from the adapter's rules, on purpose). */
function sign(query: URLSearchParams, secret: string): string {
  const sorted = [...query.entries()].filter(([name]) => name !== 'hmac').sort(([a], [b]) => a.localeCompare(b, 'en'));
  return createHmac('sha256', secret).update(new URLSearchParams(sorted).toString()).digest('hex');
}

/**
 * Shopify as its OAuth and GraphQL Admin API documentation describes them, one host per shop under `/shops/{shop}`:
 * `GET /admin/oauth/authorize` (the merchant approves at once: a 302 to `redirect_uri` with code, hmac, host, shop,
 * state, timestamp), `POST /admin/oauth/access_token` (JSON; an expiring offline token with `expiring=1`, renewed with
 * `grant_type=refresh_token`), `POST /admin/api/{version}/graphql.json` with `X-Shopify-Access-Token` (operations
 * matched by name, their variables checked against the documented input shapes, `userErrors`, THROTTLED with
 * `extensions.cost`, 429 with Retry-After, 401 `[API] Invalid API key...`), and a staged upload target taking the
 * multipart POST (its parameters, then `file`).
 */
export async function startFakeShopify(app: ShopifyApp, shops: FakeShop[], apiVersion = '2025-10'): Promise<FakeShopify> {
  const calls: GraphqlCall[] = [];
  const tokenRequests: FakeShopify['tokenRequests'] = [];
  const uploads: FakeShopify['uploads'] = [];
  const products = new Map<string, FakeProduct>();
  const orders = new Map<string, FakeOrder>();
  const codes = new Map<string, string>();
  const tokens = new Map<string, string>();
  const refreshTokens = new Map<string, string>();
  const staged = new Map<string, { key: string; received: number | null }>();
  const failures: ShopifyFailure[] = [];
  let sequence = 1000;
  let baseUrl = '';
  const shopByDomain = new Map(shops.map((shop) => [shop.domain, shop]));

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const readBody = async (request: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const issueToken = (shop: string, options: { expiring?: boolean } = {}) => {
    const accessToken = `shpat_${randomBytes(12).toString('hex')}`;
    tokens.set(accessToken, shop);
    if (!options.expiring) return { accessToken, refreshToken: null };
    const refreshToken = `shprt_${randomBytes(12).toString('hex')}`;
    refreshTokens.set(refreshToken, shop);
    return { accessToken, refreshToken };
  };
  const userErrors = (field: string[], message: string) => [{ field, message }];
  const productNode = (product: FakeProduct) => ({
    id: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    tags: product.tags,
    totalInventory: 0,
    variants: { nodes: product.variants.map(({ id, sku, price }) => ({ id, sku, price })) },
  });
  const importProducts = new Map<string, string[]>();
  const importDetails = new Map<string, { totalInventory: number; imageUrls: string[] }>();
  const importPageFailures = new Map<number, number>();
  const importProductNode = (product: FakeProduct) => ({
    ...productNode(product),
    vendor: product.vendor,
    productType: product.productType,
    descriptionHtml: product.descriptionHtml,
    totalInventory: importDetails.get(product.id)?.totalInventory ?? 1,
    variants: { nodes: product.variants.map(({ id, sku, price, barcode }) => ({ id, sku, price, barcode })) },
    media: { nodes: (importDetails.get(product.id)?.imageUrls ?? []).map((url) => ({ image: { url } })) },
  });
  const page = <T>(items: T[], query: string, cursor: unknown) => {
    const first = Math.min(250, Number(/first:\s*(\d+)/.exec(query)?.[1] ?? 50));
    const start = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('cursor:', '')) : 0;
    const slice = items.slice(start, start + first);
    const end = start + slice.length;
    return {
      nodes: slice,
      pageInfo: { hasNextPage: end < items.length, endCursor: slice.length ? Buffer.from(`cursor:${end}`).toString('base64') : null },
    };
  };
  const lineNode = (line: FakeOrder['lines'][number]) => ({
    title: line.title,
    quantity: line.quantity,
    sku: line.sku,
    product: line.productId ? { id: line.productId } : null,
    originalUnitPriceSet: { shopMoney: { amount: line.price } },
  });
  const handleOf = (title: string) => {
    const base =
      title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'product';
    let handle = base;
    for (let n = 1; [...products.values()].some((product) => product.handle === handle); n += 1) handle = `${base}-${n}`;
    return handle;
  };
  const addProduct: FakeShopify['addProduct'] = ({ sku, price, ...fields }) => {
    const product: FakeProduct = {
      ...fields,
      id: `gid://shopify/Product/${(sequence += 1)}`,
      handle: handleOf(fields.title),
      descriptionHtml: '',
      vendor: null,
      productType: null,
      variants: [{ id: `gid://shopify/ProductVariant/${(sequence += 1)}`, sku, price, barcode: null }],
      files: [],
    };
    products.set(product.id, product);
    return product;
  };

  /** The operations this adapter sends, by name: data, or userErrors for input Shopify would refuse. */
  const operations: Record<string, (variables: Record<string, Json>, shop: FakeShop, query: string) => unknown> = {
    ConnectedShop: (_variables, shop) => ({ shop: { id: shop.id, name: shop.name, myshopifyDomain: shop.domain } }),
    StagedUploadsCreate: ({ input }) => {
      const bad =
        !Array.isArray(input) ||
        input.some((upload) => upload.resource !== 'IMAGE' || upload.httpMethod !== 'POST' || !upload.filename || !upload.mimeType);
      if (bad) return { stagedUploadsCreate: { stagedTargets: [], userErrors: userErrors(['input'], 'Invalid staged upload input') } };
      return {
        stagedUploadsCreate: {
          stagedTargets: (input as Array<{ filename: string; mimeType: string }>).map((upload) => {
            const key = `tmp/${(sequence += 1)}/products/${upload.filename}`;
            const resourceUrl = `https://shopify-staged-uploads.storage.googleapis.com/${key}`;
            staged.set(resourceUrl, { key, received: null });
            return {
              url: `${baseUrl}/shopify-staged-uploads/`,
              resourceUrl,
              parameters: [
                { name: 'Content-Type', value: upload.mimeType },
                { name: 'success_action_status', value: '201' },
                { name: 'acl', value: 'private' },
                { name: 'key', value: key },
                { name: 'policy', value: Buffer.from(`policy:${key}`).toString('base64') },
              ],
            };
          }),
          userErrors: [],
        },
      };
    },
    ProductSet: ({ input, synchronous }) => {
      if (synchronous !== true) throw new Error('the adapter runs productSet synchronously');
      const title = typeof input?.title === 'string' ? input.title.trim() : '';
      if (!title)
        return {
          productSet: { product: null, userErrors: [{ field: ['input', 'title'], message: "Title can't be blank", code: 'INVALID' }] },
        };
      if (!STATUSES.includes(input.status)) throw new Error(`bad status ${input.status}`);
      const variants = input.variants as Array<Record<string, Json>>;
      if (!Array.isArray(variants) || variants.length === 0 || !Array.isArray(input.productOptions))
        throw new Error('variants and productOptions are required');
      for (const variant of variants) {
        if (!Array.isArray(variant.optionValues) || variant.optionValues.some((value: Json) => !value.optionName || !value.name))
          throw new Error('optionValues');
        const quantities = variant.inventoryQuantities as Json[] | undefined;
        if (
          quantities?.some(
            (entry) => typeof entry.locationId !== 'string' || entry.name !== 'available' || !Number.isInteger(entry.quantity),
          )
        ) {
          throw new Error('inventoryQuantities [{locationId, name, quantity}]');
        }
        if (typeof variant.price !== 'string' || !MONEY.test(variant.price)) {
          return {
            productSet: {
              product: null,
              userErrors: [{ field: ['input', 'variants', '0', 'price'], message: 'Price must be a decimal', code: 'INVALID' }],
            },
          };
        }
      }
      const files = (input.files ?? []) as Array<{ originalSource: string; contentType: string }>;
      for (const file of files) {
        const upload = staged.get(file.originalSource);
        if (!upload || upload.received === null || file.contentType !== 'IMAGE') {
          return {
            productSet: { product: null, userErrors: [{ field: ['input', 'files'], message: 'Image URL is invalid', code: 'INVALID' }] },
          };
        }
      }
      const product: FakeProduct = {
        id: `gid://shopify/Product/${(sequence += 1)}`,
        title,
        handle: handleOf(title),
        status: input.status,
        descriptionHtml: input.descriptionHtml ?? '',
        vendor: input.vendor ?? null,
        productType: input.productType ?? null,
        tags: input.tags ?? [],
        variants: variants.map((variant) => ({
          id: `gid://shopify/ProductVariant/${(sequence += 1)}`,
          sku: variant.sku ?? null,
          price: variant.price,
          barcode: variant.barcode ?? null,
        })),
        files: files.map((file) => ({ originalSource: file.originalSource, bytes: staged.get(file.originalSource)!.received! })),
      };
      products.set(product.id, product);
      return { productSet: { product: productNode(product), userErrors: [] } };
    },
    ProductUpdate: ({ product: input }) => {
      const product = products.get(input?.id);
      if (!product) return { productUpdate: { product: null, userErrors: userErrors(['id'], 'Product does not exist') } };
      if (input.status !== undefined) {
        if (!STATUSES.includes(input.status)) throw new Error(`bad status ${input.status}`);
        product.status = input.status;
      }
      return { productUpdate: { product: productNode(product), userErrors: [] } };
    },
    ProductVariantsBulkUpdate: ({ productId, variants }) => {
      const product = products.get(productId);
      if (!product)
        return { productVariantsBulkUpdate: { productVariants: null, userErrors: userErrors(['productId'], 'Product does not exist') } };
      for (const change of variants as Array<{ id: string; price: string }>) {
        const variant = product.variants.find((candidate) => candidate.id === change.id);
        if (!variant)
          return {
            productVariantsBulkUpdate: {
              productVariants: null,
              userErrors: userErrors(['variants', '0', 'id'], 'Product variant does not exist'),
            },
          };
        if (!MONEY.test(change.price))
          return {
            productVariantsBulkUpdate: {
              productVariants: null,
              userErrors: userErrors(['variants', '0', 'price'], 'Price must be a decimal'),
            },
          };
        variant.price = change.price;
      }
      return { productVariantsBulkUpdate: { productVariants: product.variants.map(({ id, price }) => ({ id, price })), userErrors: [] } };
    },
    ProductVariant: ({ id }) => {
      const product = products.get(id);
      return { product: product ? { variants: { nodes: product.variants.map(({ id: variantId }) => ({ id: variantId })) } } : null };
    },
    ImportProducts: ({ cursor }, shop, query) => {
      const ids = importProducts.get(shop.domain) ?? [];
      const active = ids.map((id) => products.get(id)).filter((product) => product?.status === 'ACTIVE') as FakeProduct[];
      return { shop: { currencyCode: 'USD' }, products: page(active.map(importProductNode), query, cursor) };
    },
    ActiveProducts: ({ cursor }, _shop, query) => {
      if (!query.includes('query: "status:active"')) throw new Error('expected the status:active search');
      return { products: page([...products.values()].filter((product) => product.status === 'ACTIVE').map(productNode), query, cursor) };
    },
    Orders: ({ cursor, query: search }, shop, query) => {
      const since = /^updated_at:>='([^']+)'$/.exec(search ?? '')?.[1];
      if (!since || Number.isNaN(Date.parse(since))) throw new Error(`bad orders search ${search}`);
      const matching = [...orders.values()]
        .filter((order) => Date.parse(order.updatedAt) >= Date.parse(since) && (order.shop ?? shop.domain) === shop.domain)
        .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
        .map((order) => ({
          id: order.id,
          name: order.name,
          createdAt: order.createdAt,
          updatedAt: order.updatedAt,
          cancelledAt: order.cancelledAt ?? null,
          displayFinancialStatus: order.financialStatus ?? 'PAID',
          displayFulfillmentStatus: order.fulfillmentOrders.every((fo) => fo.status === 'CLOSED') ? 'FULFILLED' : 'UNFULFILLED',
          email: order.email,
          customer: order.customerName ? { displayName: order.customerName } : null,
          totalPriceSet: { shopMoney: { amount: order.total, currencyCode: 'USD' } },
          totalShippingPriceSet: { shopMoney: { amount: order.shipping } },
          shippingAddress: order.shippingAddress ?? null,
          lineItems: page(order.lines.map(lineNode), /lineItems\(([^)]*)\)/.exec(query)?.[1] ?? '', null),
        }));
      return { orders: page(matching, query, cursor) };
    },
    OrderLineItems: ({ id, cursor }, _shop, query) => {
      const order = orders.get(id);
      return { order: order ? { lineItems: page(order.lines.map(lineNode), query, cursor) } : null };
    },
    FulfillmentOrders: ({ id }) => {
      const order = orders.get(id);
      if (!order) return { order: null };
      return {
        order: {
          fulfillmentOrders: {
            nodes: order.fulfillmentOrders.map((fo) => ({
              id: fo.id,
              status: fo.status,
              supportedActions: fo.status === 'CLOSED' ? [] : [{ action: 'CREATE_FULFILLMENT' }, { action: 'HOLD' }],
            })),
          },
        },
      };
    },
    FulfillmentCreate: ({ fulfillment }) => {
      const ids = (fulfillment?.lineItemsByFulfillmentOrder ?? []).map(
        (entry: { fulfillmentOrderId: string }) => entry.fulfillmentOrderId,
      ) as string[];
      const order = [...orders.values()].find((candidate) => candidate.fulfillmentOrders.some((fo) => ids.includes(fo.id)));
      const targets = order?.fulfillmentOrders.filter((fo) => ids.includes(fo.id)) ?? [];
      if (!order || targets.length !== ids.length || targets.some((fo) => fo.status === 'CLOSED')) {
        return {
          fulfillmentCreate: {
            fulfillment: null,
            userErrors: userErrors(['fulfillment'], 'Fulfillment order does not exist or is closed.'),
          },
        };
      }
      const tracking = fulfillment.trackingInfo;
      if (tracking && (typeof tracking.number !== 'string' || typeof tracking.company !== 'string'))
        throw new Error('trackingInfo {company, number}');
      for (const fo of targets) fo.status = 'CLOSED';
      order.fulfillments.push({ fulfillmentOrderIds: ids, trackingInfo: tracking, notifyCustomer: fulfillment.notifyCustomer });
      return {
        fulfillmentCreate: { fulfillment: { id: `gid://shopify/Fulfillment/${(sequence += 1)}`, status: 'SUCCESS' }, userErrors: [] },
      };
    },
  };

  const graphql = async (request: IncomingMessage, response: ServerResponse, shop: FakeShop, version: string) => {
    const token = request.headers['x-shopify-access-token'] as string | undefined;
    const body = JSON.parse((await readBody(request)).toString('utf8')) as { query: string; variables?: Record<string, Json> };
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? null;
    calls.push({ shop: shop.domain, version, token, operation, query: body.query, variables: body.variables ?? {} });
    if (!token || tokens.get(token) !== shop.domain) {
      return json(response, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    if (version !== apiVersion) return json(response, 404, { errors: 'Not Found' });
    if (operation === 'ImportProducts') {
      const cursor = body.variables?.cursor;
      const start = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('cursor:', '')) : 0;
      if ((importPageFailures.get(start) ?? 0) > 0) {
        importPageFailures.set(start, importPageFailures.get(start)! - 1);
        return json(response, 429, { errors: 'Exceeded 2 calls per second for api client.' }, { 'Retry-After': '1.0' });
      }
    }
    const failure = failures.shift();
    if (failure && 'throttled' in failure) {
      return json(response, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: {
          cost: {
            requestedQueryCost: 502,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 },
          },
        },
      });
    }
    if (failure?.status === 429) {
      return json(
        response,
        429,
        { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        { 'Retry-After': '2.0' },
      );
    }
    if (failure?.status === 401)
      return json(response, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    if (failure) return json(response, failure.status, { errors: 'Service Unavailable' });
    const resolve = operation ? operations[operation] : undefined;
    if (!resolve)
      return json(response, 200, { errors: [{ message: `Unknown operation ${operation}`, extensions: { code: 'undefinedField' } }] });
    try {
      return json(response, 200, { data: resolve(body.variables ?? {}, shop, body.query), extensions: { cost: COST } });
    } catch (error) {
      return json(response, 200, {
        errors: [{ message: `Variable $input is invalid: ${(error as Error).message}`, extensions: { code: 'INVALID_VARIABLE' } }],
      });
    }
  };

  const accessToken = async (request: IncomingMessage, response: ServerResponse, shop: FakeShop) => {
    const body = JSON.parse((await readBody(request)).toString('utf8')) as Record<string, unknown>;
    tokenRequests.push({ shop: shop.domain, body });
    if (body.client_id !== app.apiKey || body.client_secret !== app.apiSecret) {
      return json(response, 400, { error: 'invalid_client', error_description: 'Client credentials are invalid' });
    }
    if (body.grant_type === 'refresh_token') {
      const owner = refreshTokens.get(body.refresh_token as string);
      if (owner !== shop.domain)
        return json(response, 400, { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired' });
      refreshTokens.delete(body.refresh_token as string);
      const issued = issueToken(shop.domain, { expiring: true });
      return json(response, 200, {
        access_token: issued.accessToken,
        expires_in: 3600,
        refresh_token: issued.refreshToken,
        refresh_token_expires_in: 7776000,
        scope: 'read_products,write_products',
      });
    }
    const codeShop = codes.get(body.code as string);
    if (codeShop !== shop.domain) {
      return json(response, 400, {
        error: 'invalid_request',
        error_description: 'The authorization code was not found or was already used',
      });
    }
    codes.delete(body.code as string);
    const expiring = body.expiring === '1' || body.expiring === 1;
    const issued = issueToken(shop.domain, { expiring });
    const scope = 'read_products,write_products,read_orders,write_orders,read_fulfillments,write_fulfillments';
    return json(
      response,
      200,
      expiring
        ? {
            access_token: issued.accessToken,
            expires_in: 3600,
            refresh_token: issued.refreshToken,
            refresh_token_expires_in: 7776000,
            scope,
          }
        : { access_token: issued.accessToken, scope },
    );
  };

  const authorize = (url: URL, response: ServerResponse, shop: FakeShop) => {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (
      url.searchParams.get('client_id') !== app.apiKey ||
      !redirectUri ||
      !url.searchParams.has('state') ||
      !url.searchParams.get('scope')
    ) {
      response.writeHead(400, { 'Content-Type': 'text/html' });
      return response.end('<p>Oauth error invalid_request: The redirect_uri is missing or not whitelisted</p>');
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, shop.domain);
    const back = new URL(redirectUri);
    const query = new URLSearchParams({
      code,
      host: Buffer.from(`admin.shopify.com/store/${shop.domain.replace('.myshopify.com', '')}`).toString('base64url'),
      shop: shop.domain,
      state: url.searchParams.get('state')!,
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    query.set('hmac', sign(query, app.apiSecret));
    back.search = query.toString();
    response.writeHead(302, { Location: back.toString() });
    response.end();
  };

  const stagedUpload = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const form = await new Response(raw, { headers: { 'Content-Type': request.headers['content-type'] ?? '' } }).formData();
    const entries = [...form.entries()];
    const last = entries.at(-1);
    const key = form.get('key');
    const target = [...staged.entries()].find(([, upload]) => upload.key === key);
    if (!target || !last || last[0] !== 'file' || typeof last[1] === 'string') {
      response.writeHead(400, { 'Content-Type': 'application/xml' });
      return response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>Invalid argument.</Message></Error>',
      );
    }
    const file = last[1];
    const bytes = Buffer.from(await file.arrayBuffer());
    target[1].received = bytes.length;
    uploads.push({
      fields: entries.filter(([name]) => name !== 'file').map(([name, value]) => [name, String(value)]),
      file: bytes,
      fileName: file.name,
      contentType: file.type,
    });
    response.writeHead(201, { 'Content-Type': 'application/xml' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Location>${target[0]}</Location><Key>${target[1].key}</Key></PostResponse>`,
    );
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'POST' && url.pathname === '/shopify-staged-uploads/') return stagedUpload(request, response);
    const match = /^\/shops\/([^/]+)(\/.*)$/.exec(url.pathname);
    const shop = match ? shopByDomain.get(match[1]) : undefined;
    if (!match || !shop) return json(response, 404, { errors: 'Not Found' });
    const path = match[2];
    if (request.method === 'GET' && path === '/admin/oauth/authorize') return authorize(url, response, shop);
    if (request.method === 'POST' && path === '/admin/oauth/access_token') return accessToken(request, response, shop);
    const api = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (request.method === 'POST' && api) return graphql(request, response, shop, api[1]);
    return json(response, 404, { errors: 'Not Found' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { errors: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    shopUrlTemplate: `${baseUrl}/shops/{shop}`,
    calls,
    tokenRequests,
    uploads,
    products,
    orders,
    issueToken,
    revokeToken: (token) => void tokens.delete(token),
    failNext: (failure) => void failures.push(failure),
    addOrder: (fields) => {
      const order: FakeOrder = { id: `gid://shopify/Order/${(sequence += 1)}`, fulfillments: [], ...fields };
      orders.set(order.id, order);
      return order;
    },
    addProduct,
    addImportProduct: (shop, fields) => {
      const product = addProduct({ title: fields.title, status: 'ACTIVE', tags: fields.tags ?? [], sku: fields.sku, price: fields.price });
      Object.assign(product, {
        descriptionHtml: fields.descriptionHtml ?? '',
        vendor: fields.vendor ?? null,
        productType: fields.productType ?? null,
      });
      product.variants[0].barcode = fields.barcode ?? null;
      importDetails.set(product.id, { totalInventory: fields.totalInventory ?? 1, imageUrls: fields.imageUrls ?? [] });
      importProducts.set(shop, [...(importProducts.get(shop) ?? []), product.id]);
      return product;
    },
    failImportPageAt: (start, times = 1) => importPageFailures.set(start, (importPageFailures.get(start) ?? 0) + times),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
