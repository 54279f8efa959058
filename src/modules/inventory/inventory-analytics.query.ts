import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { SELLABLE_STATUSES } from './inventory-analytics.rules.js';
import { IN_INVENTORY_SINCE } from './inventory-list.query.js';
import { UNSOLD_STATUSES } from './inventory.rules.js';

/*
 * What each figure adds up, per item `i`, in numeric (never binary floats); a missing price counts as 0.
 * The definitions the analytics DTO documents; change them here and there together.
 */
/** What the item cost: its purchase price plus the shipping paid for it. */
const COST_BASIS = `COALESCE(i.price_purchased_item, 0) + COALESCE(i.price_for_purchases_shipping, 0)`;
/** What an unsold item should fetch: the expected price, else the asking price. */
const EXPECTED_PRICE = `COALESCE(i.price_expected_usd, i.price_total_usd, 0)`;
/** What a listing asks: the current listing price, else the asking price. */
const LISTING_PRICE = `COALESCE(i.listing_current_price, i.price_total_usd, 0)`;
/** What a sold item fetched: until orders record their sale price, the price it was listed at. */
const SALE_PRICE = LISTING_PRICE;
/** Days from coming into stock to the sale, never negative (an imported sale may predate the item's creation here). */
const DAYS_TO_SELL = `GREATEST(0, extract(epoch FROM i.sold_at - ${IN_INVENTORY_SINCE})) / 86400`;

/** The organization's live items. */
const LIVE_ITEMS_OF_ORGANIZATION = `i.organization_id = $1 AND i.deleted_at IS NULL`;

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
                sum(${LISTING_PRICE}) AS listing_value, sum(${SALE_PRICE}) AS sale_value,
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
}
