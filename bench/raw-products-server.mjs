// The baseline of bench/products-list.mjs: GET /api/v1/products/ with plain Fastify and pg, sending the service's
// SQL statements (texts copied from src/modules/{auth,products,inventory}) and answering byte-identical JSON.
// Only what the bench asks for: bearer tokens, the list filters, orderings and pagination; no validation errors.
//   DATABASE_URL=postgres://... PORT=3001 node bench/raw-products-server.mjs
// The bench imports countStatement and pageStatement for its EXPLAIN of the same SQL.
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

let pool;

// src/modules/auth/auth.repository.ts
const TOKEN_SQL = `SELECT t.id AS token_id, u.id AS user_id, u.uid AS user_uid, u.organization_id
         FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`;

// src/modules/products/product-list.query.ts
const ROW_COLUMNS = `p.id, p.uid, p.title, p.type, p.catalog_number, p.sku, p.upc, p.formats, p.year, p.marketplace_description,
  p.license_type, p.license_notes, p.tags, p.media_type, p.is_mature_content, p.default_visibility, p.default_shop_product,
  p.background_color, p.enabled_product_types, p.collections, p.price_override_usd, p.price_computed_usd, p.image_key,
  p.metadata, p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.created, p.updated,
  a.uid AS artist_uid, a.name AS artist_name, l.uid AS label_uid, l.name AS label_name`;
const ROW_SOURCE = `products p LEFT JOIN artists a ON a.id = p.artist_id LEFT JOIN music_labels l ON l.id = p.music_label_id`;
const ORDER_BY = {
  title: 'p.title ASC',
  '-title': 'p.title DESC',
  created: 'p.created ASC',
  '-created': 'p.created DESC',
  updated: 'p.updated ASC',
  '-updated': 'p.updated DESC',
  artist__name: 'p.artist_sort_name ASC NULLS LAST',
  '-artist__name': 'p.artist_sort_name DESC NULLS LAST',
  listed_first: '(p.listed_inventory_count > 0) DESC',
  unlisted_first: '(p.listed_inventory_count > 0) ASC',
  price_high_low: 'p.price_sort_usd DESC NULLS LAST',
  price_low_high: 'p.price_sort_usd ASC NULLS LAST',
  most_inventory: 'p.total_inventory_count DESC',
  least_inventory: 'p.total_inventory_count ASC',
};
const UPLOADABLE_TO_REDBUBBLE = `(p.type = 'digital' AND p.image_key IS NOT NULL AND NOT p.has_redbubble_presence)`;

// src/modules/inventory/inventory.repository.ts
const ITEMS_SQL = `SELECT product_id, uid, name, status, condition_item, condition_container, condition_comments, price_total_usd,
              listing_current_price, price_expected_usd, manual_sku, created, updated
         FROM inventory_items
        WHERE organization_id = $1 AND product_id = ANY($2) AND deleted_at IS NULL
        ORDER BY created, id`;
const PHOTOS_SQL = `SELECT DISTINCT ON (i.product_id) i.product_id, a.file_key
         FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id
        WHERE a.organization_id = $1 AND i.product_id = ANY($2) AND i.deleted_at IS NULL
        ORDER BY i.product_id, a.is_identifying_asset DESC, a.created, a.id`;

// src/modules/products/presences.repository.ts
const PRESENCES_SQL = `SELECT id, product_id, platform_id, external_listing_id, external_url, status, listing_price, listing_currency,
  listing_price_usd, is_selling_enabled, image_url, price_last_updated, last_checked_at, created_at, updated_at FROM marketplace_presences WHERE organization_id = $1 AND product_id = ANY($2) ORDER BY created_at, id`;

const TYPE_DISPLAY = { physical: 'Physical', digital: 'Digital', 'digital-report': 'Digital Report', nft: 'NFT' };
const STATUS_DISPLAY = {
  draft: 'Draft',
  purchased: 'Purchased',
  received: 'Received',
  'ready-to-sell': 'Ready to Sell',
  listed: 'Listed',
  sold: 'Sold',
  cancelled: 'Cancelled',
};
const CONDITIONS = {
  mint: { label: 'M', tier: 'excellent' },
  nm: { label: 'NM', tier: 'excellent' },
  vg_plus: { label: 'VG+', tier: 'good' },
  vg: { label: 'VG', tier: 'good' },
  good_plus: { label: 'G+', tier: 'fair' },
  good: { label: 'G', tier: 'fair' },
  fair: { label: 'F', tier: 'poor' },
  poor: { label: 'P', tier: 'poor' },
};
const GRADE_TIERS = { excellent: 'Excellent', good: 'Good', fair: 'Fair', poor: 'Poor' };
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 15;

class HttpError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The platforms, read once like PlatformsService.catalog(). */
async function platformCatalog() {
  const { rows } = await pool.query('SELECT * FROM platforms ORDER BY position ASC, id ASC');
  const ref = (p) => ({ uid: p.uid, name: p.name, slug: p.slug });
  const summary = (p) => ({
    ...ref(p),
    display_name: p.display_name,
    platform_type: p.platform_type,
    supports_digital: p.supports_digital,
    supports_api_connection: p.supports_api_connection,
    connection_type: p.connection_type,
  });
  const sells = (kind) => rows.filter((p) => p.is_selling_active && (kind === 'physical' ? p.supports_physical : p.supports_digital));
  return {
    refs: new Map(rows.map((p) => [String(p.id), ref(p)])),
    available: { physical: sells('physical').map(summary), digital: sells('digital').map(summary) },
  };
}

function containsPattern(text) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function queryBoolean(value) {
  if (value === undefined) return undefined;
  const text = String(value).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new HttpError(400, 'Must be a valid boolean.');
}

function queryList(value) {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((part) => String(part).split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function conditionsOf(organizationId, query) {
  const parameters = [];
  const clauses = [];
  const parameter = (value) => `$${parameters.push(value)}`;
  clauses.push(`p.organization_id = ${parameter(organizationId)}`);
  const search = typeof query.search === 'string' ? query.search.trim() : '';
  if (search) clauses.push(`p.search_text LIKE ${parameter(containsPattern(search))}`);
  const hasInventory = queryBoolean(query.has_inventory);
  if (hasInventory !== undefined) clauses.push(`p.total_inventory_count ${hasInventory ? '> 0' : '= 0'}`);
  const hasAvailable = queryBoolean(query.has_available_inventory);
  if (hasAvailable !== undefined) clauses.push(`p.available_inventory_count ${hasAvailable ? '> 0' : '= 0'}`);
  const statuses = queryList(query.status);
  if (statuses?.length) {
    clauses.push(
      `EXISTS (SELECT 1 FROM inventory_items i WHERE i.organization_id = p.organization_id AND i.product_id = p.id AND i.deleted_at IS NULL AND i.status = ANY(${parameter(statuses)}))`,
    );
  }
  if (query.type) clauses.push(`p.type = ${parameter(query.type)}`);
  const tags = queryList(query.tags);
  if (tags?.length) clauses.push(`p.tags_text LIKE ANY(${parameter(tags.map(containsPattern))})`);
  const uploadable = queryBoolean(query.uploadable_to_redbubble);
  if (uploadable !== undefined) clauses.push(uploadable ? UPLOADABLE_TO_REDBUBBLE : `NOT ${UPLOADABLE_TO_REDBUBBLE}`);
  return { sql: clauses.join(' AND '), parameters, size: clauses.length };
}

export function countStatement(organizationId, query) {
  const where = conditionsOf(organizationId, query);
  return where.size === 1
    ? { text: `SELECT product_count AS count FROM organization_product_counts WHERE organization_id = $1`, values: [organizationId] }
    : { text: `SELECT count(*) AS count FROM products p WHERE ${where.sql}`, values: where.parameters };
}

export function pageStatement(organizationId, query, offset, limit) {
  const ordering = query.ordering ?? '-created';
  if (!Object.hasOwn(ORDER_BY, ordering)) throw new HttpError(400, 'Invalid ordering.');
  const where = conditionsOf(organizationId, query);
  const offsetParameter = `$${where.parameters.push(offset)}`;
  const limitParameter = `$${where.parameters.push(limit)}`;
  return {
    text: `SELECT ${ROW_COLUMNS} FROM ${ROW_SOURCE} WHERE ${where.sql}
        ORDER BY ${ORDER_BY[ordering]}, p.id DESC OFFSET ${offsetParameter} LIMIT ${limitParameter}`,
    values: where.parameters,
  };
}

async function count(organizationId, query) {
  const { rows } = await pool.query(countStatement(organizationId, query));
  return Number(rows[0]?.count ?? 0);
}

async function pageRows(organizationId, query, offset, limit) {
  return (await pool.query(pageStatement(organizationId, query, offset, limit))).rows;
}

function trimmedOrNull(candidates) {
  for (const [source, value] of candidates) if (value?.trim()) return { value: value.trim(), source };
  return { value: null, source: null };
}

function conditionDisplay(condition) {
  if (condition === null) return null;
  return CONDITIONS[condition]?.label ?? condition;
}

function mapItem(item, product) {
  const sku = trimmedOrNull([
    ['manual', item.manual_sku],
    ['product', product.sku],
    ['catalog_number', product.catalog_number],
  ]);
  const tier = item.condition_item === null ? undefined : CONDITIONS[item.condition_item]?.tier;
  const grade = conditionDisplay(item.condition_item);
  return {
    uid: item.uid,
    title: item.name?.trim() ? item.name.trim() : grade ? `${product.title} - ${grade}` : product.title,
    status: item.status,
    status_display: STATUS_DISPLAY[item.status] ?? item.status,
    condition_item: item.condition_item,
    condition_item_display: grade,
    condition_container: item.condition_container,
    condition_container_display: conditionDisplay(item.condition_container),
    condition_comments: item.condition_comments,
    price_total_usd: item.price_total_usd,
    listing_current_price: item.listing_current_price,
    price_expected_usd: item.price_expected_usd,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    grade_tier_code: tier ?? null,
    grade_tier_label: tier ? GRADE_TIERS[tier] : null,
    created: item.created.toISOString(),
    updated: item.updated.toISOString(),
  };
}

function mapPresence(presence, catalog) {
  return {
    id: presence.id,
    platform: presence.platform_id === null ? null : (catalog.refs.get(String(presence.platform_id)) ?? null),
    external_listing_id: presence.external_listing_id,
    external_url: presence.external_url,
    status: presence.status,
    listing_price: presence.listing_price,
    listing_currency: presence.listing_currency,
    listing_price_usd: presence.listing_price_usd,
    is_selling_enabled: presence.is_selling_enabled,
    price_last_updated: presence.price_last_updated?.toISOString() ?? null,
    last_checked_at: presence.last_checked_at?.toISOString() ?? null,
    created_at: presence.created_at.toISOString(),
    updated_at: presence.updated_at.toISOString(),
  };
}

function mediaPath(key) {
  return `/media/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function mapProduct(row, items, rawPresences, firstPhotoKey, catalog, origin) {
  const identifier = trimmedOrNull([
    ['upc', row.upc],
    ['catalog_number', row.catalog_number],
    ['sku', row.sku],
    ['external_id', row.metadata?.external_id ?? null],
  ]);
  const presences = rawPresences.map((presence) => mapPresence(presence, catalog));
  const redbubble = presences.find((presence) => presence.platform?.slug === 'redbubble');
  const image =
    (row.image_key ? origin + mediaPath(row.image_key) : null) ??
    (firstPhotoKey ? origin + mediaPath(firstPhotoKey) : null) ??
    rawPresences.map((presence) => presence.image_url).find((url) => !!url) ??
    null;
  return {
    uid: row.uid,
    title: row.title,
    type: row.type,
    type_display: TYPE_DISPLAY[row.type] ?? row.type,
    artist: row.artist_uid ? { uid: row.artist_uid, name: row.artist_name } : null,
    music_label: row.label_uid ? { uid: row.label_uid, name: row.label_name } : null,
    catalog_number: row.catalog_number,
    sku: row.sku,
    upc: row.upc,
    formats: row.formats,
    year: row.year,
    marketplace_description: row.marketplace_description,
    license_type: row.license_type,
    license_notes: row.license_notes,
    tags: row.tags,
    media_type: row.media_type,
    is_mature_content: row.is_mature_content,
    default_visibility: row.default_visibility,
    default_shop_product: row.default_shop_product,
    background_color: row.background_color,
    enabled_product_types: row.enabled_product_types,
    collections: row.collections,
    price_computed_usd: row.price_computed_usd,
    price_override_usd: row.price_override_usd,
    resolved_identifier: identifier.value,
    resolved_identifier_source: identifier.source,
    product_image: image,
    total_inventory_count: row.total_inventory_count,
    listed_inventory_count: row.listed_inventory_count,
    available_inventory_count: row.available_inventory_count,
    has_primary_asset: false,
    inventory_items: items,
    available_platforms: catalog.available[row.type === 'physical' ? 'physical' : 'digital'],
    marketplace_presences: presences,
    redbubble_presence: {
      exists: !!redbubble,
      external_url: redbubble?.external_url ?? null,
      external_listing_id: redbubble?.external_listing_id ?? null,
      status: redbubble?.status ?? null,
    },
    metadata: row.metadata
      ? { external_id: row.metadata.external_id ?? null, external_id_title: row.metadata.external_id_title ?? null }
      : null,
    created: row.created.toISOString(),
    updated: row.updated.toISOString(),
  };
}

async function present(organizationId, rows, catalog, origin) {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => String(row.id));
  const [items, photos, presences] = await Promise.all([
    pool.query(ITEMS_SQL, [organizationId, ids]),
    pool.query(PHOTOS_SQL, [organizationId, ids]),
    pool.query(PRESENCES_SQL, [organizationId, ids]),
  ]);
  const byId = new Map(rows.map((row) => [String(row.id), { row, items: [], presences: [], photo: null }]));
  for (const item of items.rows) {
    const entry = byId.get(String(item.product_id));
    entry?.items.push(mapItem(item, entry.row));
  }
  for (const photo of photos.rows) byId.get(String(photo.product_id)).photo = photo.file_key;
  for (const presence of presences.rows) byId.get(String(presence.product_id))?.presences.push(presence);
  return [...byId.values()].map((entry) => mapProduct(entry.row, entry.items, entry.presences, entry.photo, catalog, origin));
}

async function organizationOf(authorization) {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (!/^bearer$/i.test(scheme ?? '') || !token) throw new HttpError(401, 'Authentication credentials were not provided.');
  const { rows } = await pool.query(TOKEN_SQL, [createHash('sha256').update(token, 'utf8').digest('hex')]);
  if (rows.length === 0) throw new HttpError(401, 'Invalid token.');
  return rows[0].organization_id;
}

function pageRequest(query) {
  const raw = query.page_size;
  const size = Number(raw);
  const pageSize = raw === undefined || !Number.isInteger(size) || size < 1 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  const page = query.page === undefined || query.page === '' ? 1 : Number(query.page);
  if (!Number.isInteger(page) || page < 1) throw new HttpError(404, 'Invalid page.');
  return { page, pageSize, offset: (page - 1) * pageSize };
}

async function serve() {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c jit=off' });
  const catalog = await platformCatalog();
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  app.get('/api/v1/products/', async (request, reply) => {
    try {
      const organizationId = await organizationOf(request.headers.authorization);
      const { query } = request;
      const page = pageRequest(query);
      const origin = `${request.protocol}://${request.host}`;
      const [total, results] = await Promise.all([
        count(organizationId, query),
        pageRows(organizationId, query, page.offset, page.pageSize).then((rows) => present(organizationId, rows, catalog, origin)),
      ]);
      if (page.page > 1 && page.offset >= total) throw new HttpError(404, 'Invalid page.');
      const link = (number) => {
        const url = new URL(request.url, origin);
        url.searchParams.set('page', String(number));
        url.searchParams.sort();
        return url.toString();
      };
      const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
      return {
        count: total,
        next: page.page < lastPage ? link(page.page + 1) : null,
        previous: page.page > 1 ? link(Math.min(page.page - 1, lastPage)) : null,
        results,
      };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return reply.status(error.status).send({ detail: error.message });
    }
  });
  await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
