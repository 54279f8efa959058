// The baseline of bench/products-list.mjs: GET /api/v1/products/ with plain Fastify and pg, sending the service's
// SQL statements (texts copied from src/modules/{products,inventory}; the token look-up, paging and the item rules are
// in raw-lib.mjs) and answering byte-identical JSON.
// Only what the bench asks for: bearer tokens, the list filters, orderings and pagination; no validation errors.
//   DATABASE_URL=postgres://... PORT=3001 node bench/raw-products-server.mjs
// The bench imports countStatement and pageStatement for its EXPLAIN of the same SQL.
import { pathToFileURL } from 'node:url';
import {
  conditionDisplay,
  containsPattern,
  firstTrimmed,
  gradeTier,
  HttpError,
  itemTitle,
  mediaPath,
  queryBoolean,
  queryList,
  resolvedSku,
  serveList,
  statusDisplay,
} from './raw-lib.mjs';

// src/modules/products/product-list.query.ts
const ROW_COLUMNS = `p.id, p.uid, p.title, p.type, p.catalog_number, p.sku, p.upc, p.formats, p.year, p.marketplace_description,
  p.license_type, p.license_notes, p.tags, p.media_type, p.is_mature_content, p.default_visibility, p.default_shop_product,
  p.background_color, p.enabled_product_types, p.collections, p.price_override_usd, p.price_computed_usd, p.image_key,
  p.metadata, p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.created, p.updated,
  EXISTS (SELECT 1 FROM digital_assets da WHERE da.product_id = p.id AND da.is_primary) AS has_primary_asset,
  a.uid AS artist_uid, a.name AS artist_name, l.uid AS label_uid, l.name AS label_name`;
const ROW_JOINS = `LEFT JOIN artists a ON a.id = p.artist_id LEFT JOIN music_labels l ON l.id = p.music_label_id`;
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
const DEFAULT_PAGE_SIZE = 15;

/** The platforms, read once like PlatformsService.catalog(). */
async function platformCatalog(pool) {
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

function conditionsOf(organizationId, query) {
  const parameters = [];
  const clauses = [];
  const parameter = (value) => `$${parameters.push(value)}`;
  clauses.push(`p.organization_id = ${parameter(organizationId)}`);
  const search = typeof query.search === 'string' ? query.search.trim() : '';
  if (search) {
    const organization = parameter(organizationId);
    const pattern = parameter(containsPattern(search));
    clauses.push(
      `(p.search_text LIKE ${pattern} OR p.id = ANY(ARRAY(SELECT da.product_id FROM digital_assets da WHERE da.organization_id = ${organization} AND lower(da.file_name) LIKE ${pattern})))`,
    );
  }
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
  const orderBy = `${ORDER_BY[ordering]}, p.id DESC`;
  const offsetParameter = `$${where.parameters.push(offset)}`;
  const limitParameter = `$${where.parameters.push(limit)}`;
  return {
    text: `SELECT ${ROW_COLUMNS}
         FROM (SELECT p.* FROM products p WHERE ${where.sql} ORDER BY ${orderBy} OFFSET ${offsetParameter} LIMIT ${limitParameter}) p
         ${ROW_JOINS}
        ORDER BY ${orderBy}`,
    values: where.parameters,
  };
}

function mapItem(item, product) {
  const sku = resolvedSku(item.manual_sku, product.sku, product.catalog_number);
  const tier = gradeTier(item.condition_item);
  return {
    uid: item.uid,
    title: itemTitle(item.name, product.title, item.condition_item),
    status: item.status,
    status_display: statusDisplay(item.status),
    condition_item: item.condition_item,
    condition_item_display: conditionDisplay(item.condition_item),
    condition_container: item.condition_container,
    condition_container_display: conditionDisplay(item.condition_container),
    condition_comments: item.condition_comments,
    price_total_usd: item.price_total_usd,
    listing_current_price: item.listing_current_price,
    price_expected_usd: item.price_expected_usd,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    grade_tier_code: tier?.code ?? null,
    grade_tier_label: tier?.label ?? null,
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

function mapProduct(row, items, rawPresences, firstPhotoKey, catalog, origin) {
  const identifier = firstTrimmed([
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
    has_primary_asset: row.has_primary_asset,
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

async function present(pool, organizationId, rows, catalog, origin) {
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

async function serve() {
  await serveList({
    path: '/api/v1/products/',
    defaultPageSize: DEFAULT_PAGE_SIZE,
    setup: async (pool) => {
      const catalog = await platformCatalog(pool);
      return {
        count: async (organizationId, query) => Number((await pool.query(countStatement(organizationId, query))).rows[0]?.count ?? 0),
        rows: async (organizationId, query, offset, limit, origin) =>
          present(pool, organizationId, (await pool.query(pageStatement(organizationId, query, offset, limit))).rows, catalog, origin),
      };
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
