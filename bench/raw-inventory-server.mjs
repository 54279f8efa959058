// The baseline of bench/inventory-list.mjs: GET /api/v1/inventory/ with plain Fastify and pg, sending the service's
// SQL statements (texts copied from src/modules/{inventory,listings}; the token look-up, paging and the item rules are
// in raw-lib.mjs) and answering byte-identical JSON. The item types are read once at start, as ItemTypesService
// caches them. Only what the bench asks for: bearer tokens, search, status, orderings and pagination.
//   DATABASE_URL=postgres://... PORT=3001 node bench/raw-inventory-server.mjs
// The bench imports countStatement, pageStatement, assetsStatement and activeListingsStatement for its EXPLAIN.
import { pathToFileURL } from 'node:url';
import {
  conditionDisplay,
  containsPattern,
  gradeTier,
  HttpError,
  itemTitle,
  mediaPath,
  queryList,
  resolvedSku,
  serveList,
  statusDisplay,
} from './raw-lib.mjs';

// src/modules/inventory/inventory-list.query.ts
const ROW_COLUMNS = `i.id, i.uid, i.product_id, i.inventory_item_type_id, i.name, i.status, i.condition_item, i.condition_container,
  i.condition_container_manually_set, i.condition_comments, i.condition_seller_description, i.price_total_usd, i.price_item_usd,
  i.price_shipping_usd, i.price_expected_usd, i.price_purchased_item, i.price_for_purchases_shipping, i.listing_current_price,
  i.manual_description, i.manual_sku, i.notes, i.location, i.listed_at, i.purchased_at, i.received_at, i.created, i.updated,
  p.uid AS product_uid, p.title AS product_title, p.type AS product_type, p.sku AS product_sku, p.catalog_number AS product_catalog_number,
  a.uid AS artist_uid, a.name AS artist_name,
  o.uid AS organization_uid, o.display_name AS organization_display_name, o.slug AS organization_slug,
  o.default_barcode_type AS organization_default_barcode_type,
  u.uid AS user_uid, u.username AS user_username, u.email AS user_email`;
/** The item's product, artist, organization and user, joined to `i` (items, or a page of them). */
const ROW_JOINS = `  JOIN products p ON p.id = i.product_id
  LEFT JOIN artists a ON a.id = p.artist_id
  JOIN organizations o ON o.id = i.organization_id
  LEFT JOIN users u ON u.id = i.user_id`;
const CONDITION_RANK = `array_position(ARRAY['mint','nm','vg_plus','vg','good_plus','good','fair','poor']::text[], i.condition_item::text)`;
const IN_INVENTORY_SINCE = `COALESCE(i.received_at, i.purchased_at, i.created)`;
const ORDER_BY = {
  created: 'i.created ASC, i.id ASC',
  '-created': 'i.created DESC, i.id DESC',
  updated: 'i.updated ASC, i.id ASC',
  '-updated': 'i.updated DESC, i.id DESC',
  name: 'i.sort_title ASC, i.id ASC',
  '-name': 'i.sort_title DESC, i.id DESC',
  title: 'i.sort_title ASC, i.id ASC',
  '-title': 'i.sort_title DESC, i.id DESC',
  status: 'i.status ASC, i.id ASC',
  '-status': 'i.status DESC, i.id DESC',
  price_total_usd: 'i.price_total_usd ASC NULLS LAST, i.id ASC',
  '-price_total_usd': 'i.price_total_usd DESC NULLS LAST, i.id DESC',
  manual_sku: 'i.manual_sku ASC NULLS LAST, i.id ASC',
  '-manual_sku': 'i.manual_sku DESC NULLS LAST, i.id DESC',
  condition_item: `${CONDITION_RANK} ASC NULLS LAST, i.id ASC`,
  '-condition_item': `${CONDITION_RANK} DESC NULLS LAST, i.id DESC`,
  days_in_inventory: `${IN_INVENTORY_SINCE} DESC, i.id DESC`,
  '-days_in_inventory': `${IN_INVENTORY_SINCE} ASC, i.id ASC`,
};
const ASSETS_SQL = `SELECT inventory_item_id, uid, type, description, file_key, thumbnail_key, file_name, file_size, is_identifying_asset, created, updated
         FROM inventory_assets
        WHERE organization_id = $1 AND inventory_item_id = ANY($2)
        ORDER BY inventory_item_id, is_identifying_asset DESC, created, id`;

// src/modules/listings/listings.repository.ts (itemIdsWithStatus) with listings.rules.ts ACTIVE_LISTING_STATUSES
const ACTIVE_LISTINGS_SQL = `SELECT DISTINCT inventory_item_id FROM inventory_item_listings
        WHERE organization_id = $1 AND inventory_item_id = ANY($2::bigint[]) AND status = ANY($3::text[])`;
const ACTIVE_LISTING_STATUSES = ['pending', 'in_progress', 'listed', 'delisting', 'delisting_failed'];

// src/modules/inventory/inventory.rules.ts
const STATUSES = ['draft', 'purchased', 'received', 'ready-to-sell', 'listed', 'sold', 'cancelled'];
const DEFAULT_PRICING_MODEL = { uid: 'pm_fixed_price', type: 'fixed_price', type_display: 'Fixed price' };
const DAY_MS = 24 * 60 * 60 * 1000;
// src/modules/inventory/inventory-items.controller.ts
const DEFAULT_PAGE_SIZE = 10;

function filtersOf(query) {
  const search = typeof query.search === 'string' ? query.search.trim() : '';
  const statuses = queryList(query.status);
  if (statuses?.some((status) => !STATUSES.includes(status))) throw new HttpError(400, 'Invalid status.');
  return { search: search || undefined, statuses };
}

function conditionsOf(organizationId, filters) {
  const parameters = [organizationId];
  const clauses = ['i.organization_id = $1', 'i.deleted_at IS NULL'];
  if (filters.search) clauses.push(`i.search_text LIKE $${parameters.push(containsPattern(filters.search))}`);
  if (filters.statuses?.length) clauses.push(`i.status = ANY($${parameters.push(filters.statuses)})`);
  return { sql: clauses.join(' AND '), parameters };
}

// src/modules/inventory/inventory-list.query.ts (count): the kept per-status counts unless there is a search.
export function countStatement(organizationId, query) {
  const filters = filtersOf(query);
  if (!filters.search) {
    const byStatus = filters.statuses?.length ? ' AND status = ANY($2)' : '';
    return {
      text: `SELECT COALESCE(sum(item_count), 0) AS count FROM organization_inventory_counts WHERE organization_id = $1${byStatus}`,
      values: filters.statuses?.length ? [organizationId, filters.statuses] : [organizationId],
    };
  }
  const where = conditionsOf(organizationId, filters);
  return { text: `SELECT count(*) AS count FROM inventory_items i WHERE ${where.sql}`, values: where.parameters };
}

export function pageStatement(organizationId, query, offset, limit) {
  const ordering = query.ordering ?? '-created';
  if (!Object.hasOwn(ORDER_BY, ordering)) throw new HttpError(400, 'Invalid ordering.');
  const where = conditionsOf(organizationId, filtersOf(query));
  const offsetParameter = `$${where.parameters.push(offset)}`;
  const limitParameter = `$${where.parameters.push(limit)}`;
  return {
    text: `SELECT ${ROW_COLUMNS}
         FROM (SELECT * FROM inventory_items i WHERE ${where.sql}
                ORDER BY ${ORDER_BY[ordering]} OFFSET ${offsetParameter} LIMIT ${limitParameter}) AS i
         ${ROW_JOINS}
        ORDER BY ${ORDER_BY[ordering]}`,
    values: where.parameters,
  };
}

export function assetsStatement(organizationId, itemIds) {
  return { text: ASSETS_SQL, values: [organizationId, itemIds] };
}

export function activeListingsStatement(organizationId, itemIds) {
  return { text: ACTIVE_LISTINGS_SQL, values: [organizationId, itemIds, ACTIVE_LISTING_STATUSES] };
}

/** `{uid, name, slug}` of each item type by its id, read once like ItemTypesService's catalog. */
async function itemTypeRefs(pool) {
  const { rows } = await pool.query('SELECT id, uid, name, slug FROM inventory_item_types ORDER BY position ASC, id ASC');
  return new Map(rows.map((type) => [String(type.id), { uid: type.uid, name: type.name, slug: type.slug }]));
}

function daysSince(since, now) {
  return Math.max(0, Math.round(((now.getTime() - since.getTime()) / DAY_MS) * 10) / 10);
}

function mapAsset(asset, origin) {
  return {
    uid: asset.uid,
    type: asset.type,
    description: asset.description,
    file_url: origin + mediaPath(asset.file_key),
    thumbnail_url: origin + mediaPath(asset.thumbnail_key ?? asset.file_key),
    file_size: asset.file_size,
    file_name: asset.file_name,
    is_identifying_asset: asset.is_identifying_asset,
    listing_assets: [],
    created: asset.created.toISOString(),
    updated: asset.updated.toISOString(),
  };
}

function mapItem(row, assets, itemType, hasActiveListing, now, origin) {
  const sku = resolvedSku(row.manual_sku, row.product_sku, row.product_catalog_number);
  const tier = gradeTier(row.condition_item);
  return {
    uid: row.uid,
    title: itemTitle(row.name, row.product_title, row.condition_item),
    name: row.name,
    user: row.user_uid ? { uid: row.user_uid, username: row.user_username ?? '', email: row.user_email ?? '' } : null,
    organization: {
      uid: row.organization_uid,
      display_name: row.organization_display_name,
      slug: row.organization_slug,
      default_barcode_type: row.organization_default_barcode_type,
    },
    product: {
      uid: row.product_uid,
      title: row.product_title,
      type: row.product_type,
      artist: row.artist_uid ? { uid: row.artist_uid, name: row.artist_name ?? '' } : null,
      catalog_number: row.product_catalog_number,
    },
    inventory_item_type: itemType,
    condition_item: row.condition_item,
    condition_item_display: conditionDisplay(row.condition_item),
    condition_container: row.condition_container,
    condition_container_display: conditionDisplay(row.condition_container),
    condition_container_manually_set: row.condition_container_manually_set,
    condition_comments: row.condition_comments,
    condition_seller_description: row.condition_seller_description,
    grade_tier_code: tier?.code ?? null,
    grade_tier_label: tier?.label ?? null,
    status: row.status,
    status_display: statusDisplay(row.status),
    price_total_usd: row.price_total_usd,
    price_item_usd: row.price_item_usd,
    price_shipping_usd: row.price_shipping_usd,
    price_expected_usd: row.price_expected_usd,
    price_purchased_item: row.price_purchased_item,
    price_for_purchases_shipping: row.price_for_purchases_shipping,
    listing_current_price: row.listing_current_price,
    default_pricing_model: { ...DEFAULT_PRICING_MODEL },
    manual_description: row.manual_description,
    manual_sku: row.manual_sku,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    notes: row.notes,
    location: row.location,
    assets: assets.map((asset) => mapAsset(asset, origin)),
    days_in_inventory: daysSince(row.received_at ?? row.purchased_at ?? row.created, now),
    days_listed: row.listed_at ? daysSince(row.listed_at, now) : 0,
    listed_at: row.listed_at?.toISOString() ?? null,
    purchased_at: row.purchased_at?.toISOString() ?? null,
    received_at: row.received_at?.toISOString() ?? null,
    is_deletable: row.status !== 'sold' && !hasActiveListing,
    created: row.created.toISOString(),
    updated: row.updated.toISOString(),
  };
}

/** The page's responses: its photos and which items have an active listing, side by side (two queries). */
async function present(pool, organizationId, rows, itemTypes, origin) {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => String(row.id));
  const [assets, active] = await Promise.all([
    pool.query(assetsStatement(organizationId, ids)),
    pool.query(activeListingsStatement(organizationId, ids)),
  ]);
  const assetsOf = new Map(ids.map((id) => [id, []]));
  for (const asset of assets.rows) assetsOf.get(String(asset.inventory_item_id))?.push(asset);
  const listed = new Set(active.rows.map((row) => String(row.inventory_item_id)));
  const now = new Date();
  return rows.map((row) =>
    mapItem(
      row,
      assetsOf.get(String(row.id)) ?? [],
      row.inventory_item_type_id === null ? null : (itemTypes.get(String(row.inventory_item_type_id)) ?? null),
      listed.has(String(row.id)),
      now,
      origin,
    ),
  );
}

async function serve() {
  await serveList({
    path: '/api/v1/inventory/',
    defaultPageSize: DEFAULT_PAGE_SIZE,
    setup: async (pool) => {
      const itemTypes = await itemTypeRefs(pool);
      return {
        count: async (organizationId, query) => Number((await pool.query(countStatement(organizationId, query))).rows[0]?.count ?? 0),
        rows: async (organizationId, query, offset, limit, origin) =>
          present(pool, organizationId, (await pool.query(pageStatement(organizationId, query, offset, limit))).rows, itemTypes, origin),
      };
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();
