import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { AGING_BUCKETS, SELLABLE_STATUSES, STOCK_STATUSES } from './inventory-analytics.rules.js';
import { IN_INVENTORY_SINCE, ITEM_TITLE } from './inventory-list.query.js';
import { type InventoryStatus, UNSOLD_STATUSES } from './inventory.rules.js';

/*
 * What each figure adds up, per item `i`, in numeric (never binary floats); a missing price counts as 0.
 * The definitions the analytics DTO documents; change them here and there together.
 */
/** What the item `i` cost: its purchase price plus the shipping paid for it (the cost basis the orders' profit figures use too). */
export const ITEM_COST_BASIS = `COALESCE(i.price_purchased_item, 0) + COALESCE(i.price_for_purchases_shipping, 0)`;
const COST_BASIS = ITEM_COST_BASIS;
/** What an unsold item should fetch: the expected price, else the asking price. */
const EXPECTED_PRICE = `COALESCE(i.price_expected_usd, i.price_total_usd, 0)`;
/** What a listing asks: the current listing price, else the asking price. */
const LISTING_PRICE = `COALESCE(i.listing_current_price, i.price_total_usd, 0)`;
/**
 * What a sold item fetched: the sale price of its current order (the newest that is not cancelled, as
 * `GET /api/v1/inventory/{uid}/order/` answers it, through the orders' `(organization_id, inventory_item_id)` index),
 * else (a sale recorded without an order, or an order without a price) the price it was listed at.
 */
const SALE_PRICE = `COALESCE((SELECT o.sale_price FROM orders o
   WHERE o.organization_id = i.organization_id AND o.inventory_item_id = i.id AND o.sale_state <> 'cancelled'
   ORDER BY o.sold_at DESC, o.id DESC LIMIT 1), ${LISTING_PRICE})`;
/** Days from coming into stock to the sale, never negative (an imported sale may predate the item's creation here). */
const DAYS_TO_SELL = `GREATEST(0, extract(epoch FROM i.sold_at - ${IN_INVENTORY_SINCE})) / 86400`;

/** The organization's live items. */
const LIVE_ITEMS_OF_ORGANIZATION = `i.organization_id = $1 AND i.deleted_at IS NULL`;

/** What an item counts for in a valuation: nothing once cancelled, else its cost basis. */
const ITEM_COST = `CASE WHEN i.status = 'cancelled' THEN 0 ELSE ${COST_BASIS} END`;
/** What an item is worth: what it fetched once sold, nothing once cancelled, else what it should fetch. */
const ITEM_VALUE = `CASE i.status WHEN 'sold' THEN ${SALE_PRICE} WHEN 'cancelled' THEN 0 ELSE ${EXPECTED_PRICE} END`;

/** The organization's items with a listing live (`listed`) on some platform; join on `ll.inventory_item_id`. */
const LIVE_LISTED = `SELECT DISTINCT l.inventory_item_id FROM inventory_item_listings l WHERE l.organization_id = $1 AND l.status = 'listed'`;
/** Whether the item `i` (joined with LIVE_LISTED as `ll`) is listed: by its status, or a listing live on a platform. */
const IS_LISTED = `(i.status = 'listed' OR ll.inventory_item_id IS NOT NULL)`;
/** The funnel stage (FUNNEL_STAGES in inventory-analytics.rules.ts) of the item `i` joined with LIVE_LISTED as `ll`. */
const FUNNEL_STAGE = `CASE WHEN i.status = 'sold' THEN 'sold' WHEN i.status = 'cancelled' THEN NULL
  WHEN ${IS_LISTED} THEN 'listed' WHEN i.status = 'ready-to-sell' THEN 'ready_to_sell' ELSE 'draft' END`;

/** An item's age in whole local days (zone `tz`) on the local day `today`: days since it came into stock, never negative. */
const ageDays = (today: string, tz: string) => `GREATEST(0, ${today}::date - (${IN_INVENTORY_SINCE} AT TIME ZONE ${tz})::date)`;

/** The position (0 = youngest) of the aging bucket an age falls in: AGING_BUCKETS as SQL. */
const AGING_BUCKET_VALUES = AGING_BUCKETS.map(
  (bucket, position) => `(${position}, ${bucket.min_days}, ${bucket.max_days === null ? 'NULL::int' : bucket.max_days})`,
).join(', ');

export interface SummaryRow {
  total_items: number;
  sellable_items: number;
  listed_items: number;
  sold_items: number;
  total_cost_basis: string;
  expected_value: string;
  listed_value: string;
  sold_revenue: string;
  sold_profit: string;
  sell_through_rate: string;
  average_days_to_sell: string | null;
  status_counts: Record<string, number>;
}

/** One UTC day of the trends: each series' count and value. */
export interface TrendDayRow {
  date: string;
  purchases: number;
  purchases_value: string;
  listings: number;
  listings_value: string;
  sales: number;
  sales_value: string;
}

/** The items of one trend series on each day of the range (`$2` to `$3`, UTC days) that had some. */
function dailyItems(dateColumn: string, value: string, condition = ''): string {
  return `SELECT (i.${dateColumn} AT TIME ZONE 'UTC')::date AS day, count(*)::int AS items, sum(${value}) AS value
      FROM inventory_items i
     WHERE ${LIVE_ITEMS_OF_ORGANIZATION} ${condition}
       AND i.${dateColumn} >= ($2::date::timestamp AT TIME ZONE 'UTC') AND i.${dateColumn} < (($3::date + 1)::timestamp AT TIME ZONE 'UTC')
     GROUP BY 1`;
}

/** Count, cost and value of a group of items (a status, a category, an age bucket); `key` null on the total row. */
export interface FigureRow {
  key: string | null;
  count: number;
  total_cost: string;
  total_value: string;
  /** total_value / count, rounded to cents ("0.00" without items). */
  average_value: string;
}

export interface FunnelRow {
  draft: number;
  ready_to_sell: number;
  listed: number;
  sold: number;
}

/** One item of a report's item table. */
export interface ReportItemRow {
  uid: string;
  title: string;
  status: InventoryStatus;
  value: string;
  cost: string;
  created: Date;
  in_inventory_since: Date;
  age_days: number;
}

export interface AgingSummaryRow {
  total_items: number;
  total_value: string;
  total_cost: string;
  average_age_days: string | null;
}

/** The items that came into stock in a period: what they are now and what they cost and fetch. */
export interface PeriodSummaryRow {
  total_items: number;
  listed_items: number;
  sold_items: number;
  unsold_items: number;
  cancelled_items: number;
  total_purchase_cost: string;
  total_listed_value: string;
  average_purchase_cost: string;
  average_listed_price: string;
  potential_profit: string;
}

/** Inventory analytics: aggregates over one organization's live items, computed by PostgreSQL. */
@Injectable()
export class InventoryAnalyticsQuery {
  constructor(private readonly db: TransactionalConnection) {}

  /**
   * Every summary figure in one scan of the organization's live items: sums per status, then the figures
   * from those few rows (one snapshot, so the breakdown always adds up to `total_items`).
   */
  async summary(organizationId: string): Promise<SummaryRow> {
    const [row] = await this.db.select<SummaryRow>(
      `WITH by_status AS (
         SELECT i.status, count(*) AS items, sum(${COST_BASIS}) AS cost_basis, sum(${EXPECTED_PRICE}) AS expected_value,
                sum(${LISTING_PRICE}) AS listing_value, sum(CASE WHEN i.status = 'sold' THEN ${SALE_PRICE} END) AS sale_value,
                sum(${DAYS_TO_SELL}) AS days_to_sell, count(i.sold_at) AS timed_sales
           FROM inventory_items i
          WHERE ${LIVE_ITEMS_OF_ORGANIZATION}
          GROUP BY i.status)
       SELECT COALESCE(sum(items), 0)::int AS total_items,
              COALESCE(sum(items) FILTER (WHERE status = ANY($2)), 0)::int AS sellable_items,
              COALESCE(sum(items) FILTER (WHERE status = 'listed'), 0)::int AS listed_items,
              COALESCE(sum(items) FILTER (WHERE status = 'sold'), 0)::int AS sold_items,
              round(COALESCE(sum(cost_basis) FILTER (WHERE status <> 'cancelled'), 0), 2) AS total_cost_basis,
              round(COALESCE(sum(expected_value) FILTER (WHERE status = ANY($3)), 0), 2) AS expected_value,
              round(COALESCE(sum(listing_value) FILTER (WHERE status = 'listed'), 0), 2) AS listed_value,
              round(COALESCE(sum(sale_value) FILTER (WHERE status = 'sold'), 0), 2) AS sold_revenue,
              round(COALESCE(sum(sale_value - cost_basis) FILTER (WHERE status = 'sold'), 0), 2) AS sold_profit,
              round(COALESCE(sum(items) FILTER (WHERE status = 'sold')
                / NULLIF(sum(items) FILTER (WHERE status = 'sold' OR status = ANY($2)), 0), 0), 3) AS sell_through_rate,
              round(sum(days_to_sell) FILTER (WHERE status = 'sold') / NULLIF(sum(timed_sales) FILTER (WHERE status = 'sold'), 0), 1)
                AS average_days_to_sell,
              COALESCE(json_object_agg(status, items), '{}') AS status_counts
         FROM by_status`,
      [organizationId, SELLABLE_STATUSES, UNSOLD_STATUSES],
    );
    return row;
  }

  /**
   * Per UTC day from `start` to `end` (`YYYY-MM-DD`, both included; every day, with zeros): the items purchased
   * (not cancelled; valued at cost), listed (at their listing price) and sold (at their sale price) that day.
   * Each series reads only its range, through its date's index.
   */
  trends(organizationId: string, start: string, end: string): Promise<TrendDayRow[]> {
    return this.db.select<TrendDayRow>(
      `WITH days AS (SELECT day::date AS day FROM generate_series($2::date, $3::date, interval '1 day') AS day),
            purchases AS (${dailyItems('purchased_at', COST_BASIS, `AND i.status <> 'cancelled'`)}),
            listings AS (${dailyItems('listed_at', LISTING_PRICE)}),
            sales AS (${dailyItems('sold_at', SALE_PRICE)})
       SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
              COALESCE(p.items, 0) AS purchases, round(COALESCE(p.value, 0), 2) AS purchases_value,
              COALESCE(l.items, 0) AS listings, round(COALESCE(l.value, 0), 2) AS listings_value,
              COALESCE(s.items, 0) AS sales, round(COALESCE(s.value, 0), 2) AS sales_value
         FROM days d
         LEFT JOIN purchases p ON p.day = d.day
         LEFT JOIN listings l ON l.day = d.day
         LEFT JOIN sales s ON s.day = d.day
        ORDER BY d.day`,
      [organizationId, start, end],
    );
  }

  /** Items per funnel stage (FUNNEL_STAGES), in one scan of the live items and one of the live listings. */
  async funnel(organizationId: string): Promise<FunnelRow> {
    const [row] = await this.db.select<FunnelRow>(
      `WITH ll AS (${LIVE_LISTED}),
            staged AS (SELECT ${FUNNEL_STAGE} AS stage FROM inventory_items i LEFT JOIN ll ON ll.inventory_item_id = i.id
                        WHERE ${LIVE_ITEMS_OF_ORGANIZATION})
       SELECT count(*) FILTER (WHERE stage = 'draft')::int AS draft,
              count(*) FILTER (WHERE stage = 'ready_to_sell')::int AS ready_to_sell,
              count(*) FILTER (WHERE stage = 'listed')::int AS listed,
              count(*) FILTER (WHERE stage = 'sold')::int AS sold
         FROM staged`,
      [organizationId],
    );
    return row;
  }

  /**
   * Count, cost (ITEM_COST) and value (ITEM_VALUE) per status of the live items in `statuses`, and their total (key null);
   * `unrealized_gain`: value minus cost of those in stock (STOCK_STATUSES).
   */
  statusFigures(organizationId: string, statuses: readonly InventoryStatus[]): Promise<Array<FigureRow & { unrealized_gain: string }>> {
    return this.db.select<FigureRow & { unrealized_gain: string }>(
      `SELECT i.status AS key, count(*)::int AS count,
              round(COALESCE(sum(${ITEM_COST}), 0), 2) AS total_cost, round(COALESCE(sum(${ITEM_VALUE}), 0), 2) AS total_value,
              round(COALESCE(avg(${ITEM_VALUE}), 0), 2) AS average_value,
              round(COALESCE(sum(${ITEM_VALUE} - ${ITEM_COST}) FILTER (WHERE i.status = ANY($3)), 0), 2) AS unrealized_gain
         FROM inventory_items i
        WHERE ${LIVE_ITEMS_OF_ORGANIZATION} AND i.status = ANY($2)
        GROUP BY ROLLUP (i.status)`,
      [organizationId, statuses, STOCK_STATUSES],
    );
  }

  /** The same per item type (its name; `Uncategorized` without one), and their total (key null). */
  categoryFigures(organizationId: string, statuses: readonly InventoryStatus[]): Promise<Array<FigureRow & { is_total: boolean }>> {
    return this.db.select<FigureRow & { is_total: boolean }>(
      `SELECT COALESCE(t.name, 'Uncategorized') AS key, GROUPING(COALESCE(t.name, 'Uncategorized')) = 1 AS is_total, count(*)::int AS count,
              round(COALESCE(sum(${ITEM_COST}), 0), 2) AS total_cost, round(COALESCE(sum(${ITEM_VALUE}), 0), 2) AS total_value,
              round(COALESCE(avg(${ITEM_VALUE}), 0), 2) AS average_value
         FROM inventory_items i
         LEFT JOIN inventory_item_types t ON t.id = i.inventory_item_type_id
        WHERE ${LIVE_ITEMS_OF_ORGANIZATION} AND i.status = ANY($2)
        GROUP BY ROLLUP (COALESCE(t.name, 'Uncategorized'))
        ORDER BY is_total, total_value DESC, key`,
      [organizationId, statuses],
    );
  }

  /** The `limit` live items in `statuses` worth the most (ITEM_VALUE), ties by age (oldest first). */
  topItemsByValue(
    organizationId: string,
    statuses: readonly InventoryStatus[],
    limit: number,
    today: string,
    timeZone: string,
  ): Promise<ReportItemRow[]> {
    return this.reportItems(organizationId, statuses, `${ITEM_VALUE} DESC, ${IN_INVENTORY_SINCE} ASC, i.id ASC`, limit, today, timeZone);
  }

  /** The `limit` items in stock (STOCK_STATUSES) longest in stock. */
  oldestItems(organizationId: string, limit: number, today: string, timeZone: string): Promise<ReportItemRow[]> {
    return this.reportItems(organizationId, STOCK_STATUSES, `${IN_INVENTORY_SINCE} ASC, i.id ASC`, limit, today, timeZone);
  }

  /**
   * Count, value and cost of the items in stock per age bucket (AGING_BUCKETS, every bucket, youngest first: key is
   * the bucket's position), ages in whole days of zone `timeZone` on its local day `today`.
   */
  agingBuckets(organizationId: string, today: string, timeZone: string): Promise<FigureRow[]> {
    return this.db.select<FigureRow>(
      `WITH aged AS (
              SELECT ${ageDays('$3', '$4')} AS age_days, ${ITEM_COST} AS cost, ${ITEM_VALUE} AS value
                FROM inventory_items i
               WHERE ${LIVE_ITEMS_OF_ORGANIZATION} AND i.status = ANY($2)),
            buckets(position, min_days, max_days) AS (VALUES ${AGING_BUCKET_VALUES})
       SELECT b.position::text AS key, count(a.age_days)::int AS count,
              round(COALESCE(sum(a.cost), 0), 2) AS total_cost, round(COALESCE(sum(a.value), 0), 2) AS total_value,
              round(COALESCE(avg(a.value), 0), 2) AS average_value
         FROM buckets b
         LEFT JOIN aged a ON a.age_days >= b.min_days AND (b.max_days IS NULL OR a.age_days <= b.max_days)
        GROUP BY b.position
        ORDER BY b.position`,
      [organizationId, STOCK_STATUSES, today, timeZone],
    );
  }

  /** The totals of the items in stock and their mean age in days (1 decimal; null without items). */
  async agingSummary(organizationId: string, today: string, timeZone: string): Promise<AgingSummaryRow> {
    const [row] = await this.db.select<AgingSummaryRow>(
      `SELECT count(*)::int AS total_items, round(COALESCE(sum(${ITEM_VALUE}), 0), 2) AS total_value,
              round(COALESCE(sum(${ITEM_COST}), 0), 2) AS total_cost, round(avg(${ageDays('$3', '$4')}), 1) AS average_age_days
         FROM inventory_items i
        WHERE ${LIVE_ITEMS_OF_ORGANIZATION} AND i.status = ANY($2)`,
      [organizationId, STOCK_STATUSES, today, timeZone],
    );
    return row;
  }

  /**
   * The live items that came into stock (IN_INVENTORY_SINCE) from local day `start` to `end` in zone `timeZone`: their
   * counts by what they are now, and the financials of the inventory summary report (see its DTO for each definition).
   */
  async periodSummary(organizationId: string, start: string, end: string, timeZone: string): Promise<PeriodSummaryRow> {
    const [row] = await this.db.select<PeriodSummaryRow>(
      `WITH ll AS (${LIVE_LISTED}),
            period AS (
              SELECT i.status, ${IS_LISTED} AS listed, ${COST_BASIS} AS cost, ${EXPECTED_PRICE} AS expected, ${LISTING_PRICE} AS listing
                FROM inventory_items i LEFT JOIN ll ON ll.inventory_item_id = i.id
               WHERE ${LIVE_ITEMS_OF_ORGANIZATION}
                 AND ${IN_INVENTORY_SINCE} >= ($2::date::timestamp AT TIME ZONE $4)
                 AND ${IN_INVENTORY_SINCE} < (($3::date + 1)::timestamp AT TIME ZONE $4))
       SELECT count(*)::int AS total_items,
              count(*) FILTER (WHERE listed AND status <> 'sold')::int AS listed_items,
              count(*) FILTER (WHERE status = 'sold')::int AS sold_items,
              count(*) FILTER (WHERE status = ANY($5))::int AS unsold_items,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled_items,
              round(COALESCE(sum(cost) FILTER (WHERE status <> 'cancelled'), 0), 2) AS total_purchase_cost,
              round(COALESCE(sum(listing) FILTER (WHERE listed AND status <> 'sold'), 0), 2) AS total_listed_value,
              round(COALESCE(avg(cost) FILTER (WHERE status <> 'cancelled'), 0), 2) AS average_purchase_cost,
              round(COALESCE(avg(listing) FILTER (WHERE listed AND status <> 'sold'), 0), 2) AS average_listed_price,
              round(COALESCE(sum(expected - cost) FILTER (WHERE status = ANY($5)), 0), 2) AS potential_profit
         FROM period`,
      [organizationId, start, end, timeZone, STOCK_STATUSES],
    );
    return row;
  }

  /** Count, cost and value per status of the items that came into stock in the period (as periodSummary), and their total. */
  periodStatusFigures(organizationId: string, start: string, end: string, timeZone: string): Promise<FigureRow[]> {
    return this.db.select<FigureRow>(
      `SELECT i.status AS key, count(*)::int AS count,
              round(COALESCE(sum(${ITEM_COST}), 0), 2) AS total_cost, round(COALESCE(sum(${ITEM_VALUE}), 0), 2) AS total_value,
              round(COALESCE(avg(${ITEM_VALUE}), 0), 2) AS average_value
         FROM inventory_items i
        WHERE ${LIVE_ITEMS_OF_ORGANIZATION}
          AND ${IN_INVENTORY_SINCE} >= ($2::date::timestamp AT TIME ZONE $4)
          AND ${IN_INVENTORY_SINCE} < (($3::date + 1)::timestamp AT TIME ZONE $4)
        GROUP BY ROLLUP (i.status)`,
      [organizationId, start, end, timeZone],
    );
  }

  private reportItems(
    organizationId: string,
    statuses: readonly InventoryStatus[],
    orderBy: string,
    limit: number,
    today: string,
    timeZone: string,
  ): Promise<ReportItemRow[]> {
    return this.db.select<ReportItemRow>(
      `SELECT i.uid, ${ITEM_TITLE} AS title, i.status, round(${ITEM_VALUE}, 2) AS value, round(${ITEM_COST}, 2) AS cost,
              i.created, ${IN_INVENTORY_SINCE} AS in_inventory_since, ${ageDays('$4', '$5')} AS age_days
         FROM inventory_items i
         JOIN products p ON p.id = i.product_id
        WHERE ${LIVE_ITEMS_OF_ORGANIZATION} AND i.status = ANY($2)
        ORDER BY ${orderBy}
        LIMIT $3`,
      [organizationId, statuses, limit, today, timeZone],
    );
  }
}
