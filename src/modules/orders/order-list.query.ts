import { Injectable } from '@nestjs/common';
import { containsPattern } from '../../infra/database/like-pattern.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import type { OrderOrdering } from './orders.rules.js';

/** What the list filters on, as the service resolved it (a platform by its id). */
export interface OrderFilters {
  search?: string;
  status?: string;
  platformId?: string;
}

/** One order with its listing, item and address, as the responses need it (snake_case: straight from SQL). */
export interface OrderRow {
  id: string;
  uid: string;
  platform_id: string | null;
  platform_order_id: string | null;
  status: string;
  sale_state: string;
  external_order_status: string | null;
  buyer_name: string | null;
  sale_price: string | null;
  marketplace_fee: string | null;
  platform_fee: string | null;
  shipping_cost: string | null;
  net_revenue: string | null;
  sold_at: Date;
  order_created: Date | null;
  created: Date;
  updated: Date;
  shipment_service_id: string | null;
  shipment_tracking_number: string | null;
  shipment_tracking_created: Date | null;
  shipment_carrier: string | null;
  shipment_status: string | null;
  shipment_rate_detail: Record<string, unknown> | null;
  shipment_rate_retrieval_tried: boolean;
  shipment_rate_cheapest_price: string | null;
  shipment_rate_cheapest_carrier: string | null;
  shipment_rate_cheapest_product: string | null;
  shipment_rate_cheapest_service_id: string | null;
  label_detail: Record<string, unknown> | null;
  label_last_updated: Date | null;
  shipment_recipient_detail: Record<string, unknown> | null;
  shipment_recipient_last_updated: Date | null;
  shipment_label_url: string | null;
  shipment_packing_slip_url: string | null;
  shipment_sync_status: string | null;
  shipment_sync_error: string | null;
  listing_uid: string | null;
  listing_platform_id: string | null;
  listing_status: string | null;
  listing_url: string | null;
  listing_external_id: string | null;
  listing_price_usd: string | null;
  item_id: string | null;
  item_uid: string | null;
  item_condition: string | null;
  item_image_key: string | null;
  address_uid: string | null;
  address_name: string | null;
  address_email_address: string | null;
  address_phone_number: string | null;
  address_street_number: string | null;
  address_street_1: string | null;
  address_street_2: string | null;
  address_city: string | null;
  address_state_province: string | null;
  address_postal_code: string | null;
  address_country: string | null;
  address_raw_address: string | null;
  address_raw_address_parsed: Record<string, unknown> | null;
}

/** The organization's totals, as SQL sums them (decimal strings). */
export interface OrderStatsRow {
  awaiting_shipment: string;
  shipped: string;
  completed: string;
  total: string;
  total_revenue: string;
  total_fees: string;
  total_shipping: string;
  total_net: string;
}

/** A line's match among the organization's listings and items. */
export interface LineMatch {
  itemId: string;
  listingId: string | null;
}

const ORDER_COLUMNS: Record<Exclude<OrderOrdering, `-${string}`>, string> = {
  created: 'o.created',
  sold_at: 'o.sold_at',
  sale_price: 'o.sale_price',
  net_revenue: 'o.net_revenue',
};

/** The row of an order: its columns, and those of its listing, item, product, first photo and address (one row each). */
const SELECT_ORDER = `
  SELECT o.id, o.uid, o.platform_id, o.platform_order_id, o.status, o.sale_state, o.external_order_status, o.buyer_name,
         o.sale_price, o.marketplace_fee, o.platform_fee, o.shipping_cost, o.net_revenue, o.sold_at, o.order_created, o.created, o.updated,
         o.shipment_service_id, o.shipment_tracking_number, o.shipment_tracking_created, o.shipment_carrier, o.shipment_status,
         o.shipment_rate_detail, o.shipment_rate_retrieval_tried, o.shipment_rate_cheapest_price, o.shipment_rate_cheapest_carrier,
         o.shipment_rate_cheapest_product, o.shipment_rate_cheapest_service_id, o.label_detail, o.label_last_updated,
         o.shipment_recipient_detail, o.shipment_recipient_last_updated, o.shipment_label_url, o.shipment_packing_slip_url,
         o.shipment_sync_status, o.shipment_sync_error,
         l.uid AS listing_uid, l.platform_id AS listing_platform_id, l.status AS listing_status, l.marketplace_url AS listing_url,
         l.listing_id AS listing_external_id, l.listing_price_usd,
         i.id AS item_id, i.uid AS item_uid, i.condition_item AS item_condition,
         (SELECT a.file_key FROM inventory_assets a
           WHERE a.organization_id = o.organization_id AND a.inventory_item_id = i.id
           ORDER BY a.is_identifying_asset DESC, a.created, a.id LIMIT 1) AS item_image_key,
         ad.uid AS address_uid, ad.name AS address_name, ad.email_address AS address_email_address,
         ad.phone_number AS address_phone_number, ad.street_number AS address_street_number, ad.street_1 AS address_street_1,
         ad.street_2 AS address_street_2, ad.city AS address_city, ad.state_province AS address_state_province,
         ad.postal_code AS address_postal_code, ad.country AS address_country, ad.raw_address AS address_raw_address,
         ad.raw_address_parsed AS address_raw_address_parsed
    FROM orders o
    LEFT JOIN inventory_item_listings l ON l.id = o.inventory_item_listing_id
    LEFT JOIN inventory_items i ON i.id = COALESCE(l.inventory_item_id, o.inventory_item_id)
    LEFT JOIN order_addresses ad ON ad.id = o.shipment_address_id`;

/**
 * The orders read model: the list (filters, ordering, one page joined to its listings, items and addresses, and a
 * count), one order, the statistics, and matching an order line to a listing. It reads the listings and inventory
 * tables in SQL; this module imports none of their code.
 */
@Injectable()
export class OrderListQuery {
  constructor(private readonly db: TransactionalConnection) {}

  private where(organizationId: string, filters: OrderFilters): { sql: string; parameters: unknown[] } {
    const parameters: unknown[] = [organizationId];
    const clauses = ['o.organization_id = $1'];
    if (filters.status !== undefined) {
      parameters.push(filters.status);
      clauses.push(`o.status = $${parameters.length}`);
    }
    if (filters.platformId !== undefined) {
      parameters.push(filters.platformId);
      clauses.push(`o.platform_id = $${parameters.length}`);
    }
    if (filters.search !== undefined) {
      parameters.push(containsPattern(filters.search));
      clauses.push(`o.search_text LIKE $${parameters.length}`);
    }
    return { sql: clauses.join(' AND '), parameters };
  }

  async count(organizationId: string, filters: OrderFilters): Promise<number> {
    const { sql, parameters } = this.where(organizationId, filters);
    const [row] = await this.db.select<{ count: string }>(`SELECT count(*) AS count FROM orders o WHERE ${sql}`, parameters);
    return Number(row.count);
  }

  /** One page, in the ordering asked (ties by creation, then id: a stable order across pages); money orderings put nulls last. */
  page(organizationId: string, filters: OrderFilters, ordering: OrderOrdering, offset: number, limit: number): Promise<OrderRow[]> {
    const { sql, parameters } = this.where(organizationId, filters);
    const descending = ordering.startsWith('-');
    const column = ORDER_COLUMNS[(descending ? ordering.slice(1) : ordering) as keyof typeof ORDER_COLUMNS];
    const direction = descending ? 'DESC' : 'ASC';
    const nulls = column === 'o.sale_price' || column === 'o.net_revenue' ? ' NULLS LAST' : '';
    const tieBreak = column === 'o.created' ? `o.id ${direction}` : `o.created ${direction}, o.id ${direction}`;
    parameters.push(limit, offset);
    return this.db.select<OrderRow>(
      `${SELECT_ORDER}
        WHERE o.id IN (SELECT o.id FROM orders o WHERE ${sql} ORDER BY ${column} ${direction}${nulls}, ${tieBreak}
                        LIMIT $${parameters.length - 1} OFFSET $${parameters.length})
        ORDER BY ${column} ${direction}${nulls}, ${tieBreak}`,
      parameters,
    );
  }

  async byUid(organizationId: string, uid: string): Promise<OrderRow | null> {
    const [row] = await this.db.select<OrderRow>(`${SELECT_ORDER} WHERE o.organization_id = $1 AND o.uid = $2`, [organizationId, uid]);
    return row ?? null;
  }

  async byId(organizationId: string, id: string): Promise<OrderRow | null> {
    const [row] = await this.db.select<OrderRow>(`${SELECT_ORDER} WHERE o.organization_id = $1 AND o.id = $2`, [organizationId, id]);
    return row ?? null;
  }

  /** Counts by status and money totals of the orders that are not cancelled, in one aggregate. */
  async stats(organizationId: string): Promise<OrderStatsRow> {
    const [row] = await this.db.select<OrderStatsRow>(
      `SELECT count(*) FILTER (WHERE status = 'awaiting_shipment') AS awaiting_shipment,
              count(*) FILTER (WHERE status = 'shipped') AS shipped,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) AS total,
              COALESCE(sum(sale_price), 0)::numeric(14, 2)::text AS total_revenue,
              (COALESCE(sum(marketplace_fee), 0) + COALESCE(sum(platform_fee), 0))::numeric(14, 2)::text AS total_fees,
              COALESCE(sum(shipping_cost), 0)::numeric(14, 2)::text AS total_shipping,
              COALESCE(sum(net_revenue), 0)::numeric(14, 2)::text AS total_net
         FROM orders WHERE organization_id = $1 AND sale_state <> 'cancelled'`,
      [organizationId],
    );
    return row;
  }

  /**
   * The organization's listing (and item) an order line is for: the listing on that platform with the line's listing
   * id; else the item whose uid or manual SKU is the line's SKU, then whose uid is its external id, with its listing on
   * that platform if it has one. Deleted items are not matched.
   */
  async matchLine(
    organizationId: string,
    platformId: string,
    line: { listingId: string | null; sku: string | null; externalId: string | null },
  ): Promise<LineMatch | null> {
    if (line.listingId) {
      const [byListing] = await this.db.select<{ item_id: string; listing_id: string }>(
        `SELECT l.inventory_item_id AS item_id, l.id AS listing_id
           FROM inventory_item_listings l JOIN inventory_items i ON i.id = l.inventory_item_id
          WHERE l.organization_id = $1 AND l.platform_id = $2 AND l.listing_id = $3 AND i.deleted_at IS NULL
          ORDER BY l.id DESC LIMIT 1`,
        [organizationId, platformId, line.listingId],
      );
      if (byListing) return { itemId: String(byListing.item_id), listingId: String(byListing.listing_id) };
    }
    for (const [key, columns] of [
      [line.sku, ['i.uid', 'i.manual_sku']],
      [line.externalId, ['i.uid']],
    ] as const) {
      if (!key) continue;
      const [byItem] = await this.db.select<{ item_id: string; listing_id: string | null }>(
        `SELECT i.id AS item_id, l.id AS listing_id
           FROM inventory_items i
           LEFT JOIN inventory_item_listings l ON l.inventory_item_id = i.id AND l.platform_id = $2
          WHERE i.organization_id = $1 AND i.deleted_at IS NULL AND (${columns.map((column) => `${column} = $3`).join(' OR ')})
          ORDER BY (i.uid = $3) DESC, i.id DESC LIMIT 1`,
        [organizationId, platformId, key],
      );
      if (byItem) return { itemId: String(byItem.item_id), listingId: byItem.listing_id === null ? null : String(byItem.listing_id) };
    }
    return null;
  }
}
