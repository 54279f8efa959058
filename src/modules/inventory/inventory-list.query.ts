import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { containsPattern } from '../../infra/database/like-pattern.js';
import { type InlineValue, sqlLiteral } from '../../infra/database/sql-literals.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import type { InventoryOrdering } from './dto/inventory-query.dto.js';
import { CSV_COLUMNS, type CsvColumn, FORMULA_START } from './inventory-csv.rules.js';
import { CONDITIONS, CONTAINER_STATES, type InventoryStatus, itemTitle } from './inventory.rules.js';

/** A timestamp column as ISO 8601 UTC text with milliseconds, as Date.toISOString() writes it. */
const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A text value as its CSV cell holds it: escapeCell (inventory-csv.rules.ts) in SQL. */
const formulaSafe = (text: string) => `CASE WHEN ${text} ~ ${sqlLiteral(FORMULA_START.source)} THEN '''' || ${text} ELSE ${text} END`;
/** A money column as its cell holds it: a negative amount starts with `-`, which escapeCell prefixes. */
const moneyCell = (column: string) => `CASE WHEN ${column} < 0 THEN '''' || ${column} ELSE ${column}::text END`;

/** conditionDisplay (inventory.rules.ts) in SQL: the grade's label, the code itself when it has none. */
const CONDITION_LABEL = `CASE i.condition_item ${Object.entries({ ...CONDITIONS, ...CONTAINER_STATES })
  .map(([code, { label }]) => `WHEN ${sqlLiteral(code)} THEN ${sqlLiteral(label)}`)
  .join(' ')} ELSE i.condition_item END`;

/** itemTitle (inventory.rules.ts) in SQL over the item `i` and its product `p`: the manual name, else the product title with the grade. */
export const ITEM_TITLE = `COALESCE(NULLIF(btrim(i.name, E' \\t\\n\\r\\f\\v'), ''), p.title || COALESCE(' - ' || ${CONDITION_LABEL}, ''))`;

/** Each column of the inventory CSV as SQL over the item `i`, its product `p`, its type `t` and its `computed.title`. */
const CSV_CELLS: Record<CsvColumn, string> = {
  uid: 'i.uid',
  title: formulaSafe('computed.title'),
  product_uid: 'p.uid',
  product_title: formulaSafe('p.title'),
  name: formulaSafe('i.name'),
  status: 'i.status',
  condition_item: 'i.condition_item',
  condition_container: 'i.condition_container',
  condition_container_manually_set: `CASE WHEN i.condition_container_manually_set THEN 'true' ELSE 'false' END`,
  condition_comments: formulaSafe('i.condition_comments'),
  condition_seller_description: formulaSafe('i.condition_seller_description'),
  price_total_usd: moneyCell('i.price_total_usd'),
  price_item_usd: moneyCell('i.price_item_usd'),
  price_shipping_usd: moneyCell('i.price_shipping_usd'),
  price_expected_usd: moneyCell('i.price_expected_usd'),
  price_purchased_item: moneyCell('i.price_purchased_item'),
  price_for_purchases_shipping: moneyCell('i.price_for_purchases_shipping'),
  listing_current_price: moneyCell('i.listing_current_price'),
  manual_description: formulaSafe('i.manual_description'),
  manual_sku: formulaSafe('i.manual_sku'),
  notes: formulaSafe('i.notes'),
  location: formulaSafe('i.location'),
  inventory_item_type_uid: 't.uid',
  created: isoUtc('i.created'),
  updated: isoUtc('i.updated'),
};

/** Which items a list or an export reads: a search (already trimmed; absent for none) and statuses (absent for all). */
export interface InventoryFilters {
  search?: string;
  statuses?: InventoryStatus[];
}

/** The columns an item response shows, with its product, artist, organization, user and type. */
export interface ItemRow {
  id: string;
  uid: string;
  product_id: string;
  inventory_item_type_id: string | null;
  name: string | null;
  status: InventoryStatus;
  condition_item: string | null;
  condition_container: string | null;
  condition_container_manually_set: boolean;
  condition_comments: string | null;
  condition_seller_description: string | null;
  price_total_usd: string | null;
  price_item_usd: string | null;
  price_shipping_usd: string | null;
  price_expected_usd: string | null;
  price_purchased_item: string | null;
  price_for_purchases_shipping: string | null;
  listing_current_price: string | null;
  manual_description: string | null;
  manual_sku: string | null;
  notes: string | null;
  location: string | null;
  listed_at: Date | null;
  purchased_at: Date | null;
  received_at: Date | null;
  created: Date;
  updated: Date;
  product_uid: string;
  product_title: string;
  product_type: 'physical' | 'digital';
  product_sku: string | null;
  product_catalog_number: string | null;
  artist_uid: string | null;
  artist_name: string | null;
  organization_uid: string;
  organization_display_name: string;
  organization_slug: string;
  organization_default_barcode_type: string;
  user_uid: string | null;
  user_username: string | null;
  user_email: string | null;
}

/** The columns of an item's photo. */
export interface AssetRow {
  inventory_item_id: string;
  uid: string;
  type: string;
  description: string;
  file_key: string;
  thumbnail_key: string | null;
  file_name: string;
  file_size: number;
  is_identifying_asset: boolean;
  created: Date;
  updated: Date;
}

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

/** Must read as the inventory-items-api migration's index expressions do, so that the indexes serve them. */
const CONDITION_RANK = `array_position(ARRAY['mint','nm','vg_plus','vg','good_plus','good','fair','poor']::text[], i.condition_item::text)`;
/** Since when an item has been in stock (`days_in_inventory`, and analytics' days to sell): received, else purchased, else created. */
export const IN_INVENTORY_SINCE = `COALESCE(i.received_at, i.purchased_at, i.created)`;

/** Each ordering is served by one index of the inventory-items-api migration; ties go by id in the same direction. */
const ORDER_BY: Record<InventoryOrdering, string> = {
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
  // Fewest days in inventory first: the latest start first.
  days_in_inventory: `${IN_INVENTORY_SINCE} DESC, i.id DESC`,
  '-days_in_inventory': `${IN_INVENTORY_SINCE} ASC, i.id ASC`,
};

function conditionsOf(organizationId: string, filters: InventoryFilters): { sql: string; parameters: InlineValue[] } {
  const parameters: InlineValue[] = [organizationId];
  const clauses = ['i.organization_id = $1', 'i.deleted_at IS NULL'];
  // search_text is kept lowercased by a trigger and trigram-indexed.
  if (filters.search) clauses.push(`i.search_text LIKE $${parameters.push(containsPattern(filters.search))}`);
  if (filters.statuses?.length) clauses.push(`i.status = ANY($${parameters.push(filters.statuses)})`);
  return { sql: clauses.join(' AND '), parameters };
}

/**
 * The item list's read model: the one place whose SQL reads the product, artist, organization and user of an
 * item, for a whole page at once. Every query is scoped by the organization and leaves soft-deleted items out.
 */
@Injectable()
export class InventoryListQuery {
  constructor(private readonly db: TransactionalConnection) {}

  /** Without a search, the counts kept per status (inventory-counts migration) are summed; a search counts its matches. */
  async count(organizationId: string, filters: InventoryFilters): Promise<number> {
    if (!filters.search) {
      const statusFilter = filters.statuses?.length ? ' AND status = ANY($2)' : '';
      const [kept] = await this.db.select<{ count: string }>(
        `SELECT COALESCE(sum(item_count), 0) AS count FROM organization_inventory_counts WHERE organization_id = $1${statusFilter}`,
        filters.statuses?.length ? [organizationId, filters.statuses] : [organizationId],
      );
      return Number(kept?.count ?? 0);
    }
    const where = conditionsOf(organizationId, filters);
    const [row] = await this.db.select<{ count: string }>(
      `SELECT count(*) AS count FROM inventory_items i WHERE ${where.sql}`,
      where.parameters,
    );
    return Number(row?.count ?? 0);
  }

  page(organizationId: string, filters: InventoryFilters, ordering: InventoryOrdering, offset: number, limit: number): Promise<ItemRow[]> {
    const where = conditionsOf(organizationId, filters);
    const offsetParameter = `$${where.parameters.push(offset)}`;
    const limitParameter = `$${where.parameters.push(limit)}`;
    // The page is cut from the items alone (their ordering's index), then joined: a deep page joins its own rows only.
    return this.db.select(
      `SELECT ${ROW_COLUMNS}
         FROM (SELECT * FROM inventory_items i WHERE ${where.sql}
                ORDER BY ${ORDER_BY[ordering]} OFFSET ${offsetParameter} LIMIT ${limitParameter}) AS i
         ${ROW_JOINS}
        ORDER BY ${ORDER_BY[ordering]}`,
      where.parameters,
    );
  }

  async byUid(organizationId: string, uid: string): Promise<ItemRow | null> {
    const [row] = await this.db.select<ItemRow>(
      `SELECT ${ROW_COLUMNS} FROM inventory_items i ${ROW_JOINS} WHERE i.organization_id = $1 AND i.uid = $2 AND i.deleted_at IS NULL`,
      [organizationId, uid],
    );
    return row ?? null;
  }

  /**
   * Every live item matching the filters as the inventory CSV's data rows (`columns`, default all; no header; LF line ends), oldest first
   * (the `created` ordering's index), written by PostgreSQL's COPY: see TransactionalConnection.copyOut for the
   * connection it holds while read.
   */
  csvText(organizationId: string, filters: InventoryFilters, columns: readonly CsvColumn[] = CSV_COLUMNS): Promise<Readable> {
    const where = conditionsOf(organizationId, filters);
    return this.db.copyOut(
      `COPY (SELECT ${columns.map((column) => CSV_CELLS[column]).join(', ')}
               FROM inventory_items i
               JOIN products p ON p.id = i.product_id
               LEFT JOIN inventory_item_types t ON t.id = i.inventory_item_type_id
               CROSS JOIN LATERAL (SELECT ${ITEM_TITLE} AS title) computed
              WHERE ${where.sql}
              ORDER BY ${ORDER_BY.created}) TO STDOUT WITH (FORMAT csv)`,
      where.parameters,
    );
  }

  /** The computed titles of these items as they are now (in the current transaction; soft-deleted ones included), by id. */
  async titles(organizationId: string, itemIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.select<{ id: string; name: string | null; condition_item: string | null; product_title: string }>(
      `SELECT i.id, i.name, i.condition_item, p.title AS product_title
         FROM inventory_items i JOIN products p ON p.id = i.product_id
        WHERE i.organization_id = $1 AND i.id = ANY($2)`,
      [organizationId, itemIds],
    );
    return new Map(rows.map((row) => [String(row.id), itemTitle(row.name, row.product_title, row.condition_item)]));
  }

  /** The photos of these items: per item the identifying one first, then oldest first. */
  assets(organizationId: string, itemIds: string[]): Promise<AssetRow[]> {
    return this.db.select(
      `SELECT inventory_item_id, uid, type, description, file_key, thumbnail_key, file_name, file_size, is_identifying_asset, created, updated
         FROM inventory_assets
        WHERE organization_id = $1 AND inventory_item_id = ANY($2)
        ORDER BY inventory_item_id, is_identifying_asset DESC, created, id`,
      [organizationId, itemIds],
    );
  }
}
