import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ITEM_COST_BASIS } from '../inventory/index.js';
import { DIRECT_SALE_PLATFORM_NAME, type SalesPeriod } from './orders.rules.js';

/*
 * What each order figure adds up, per order line `o` (one row of `orders`: one item sold), in numeric (never binary
 * floats); a missing amount counts as 0. The analytics and profit-and-loss DTOs document these definitions: change
 * them here and there together.
 */
/** Revenue: what the buyer paid for the item. */
const REVENUE = `COALESCE(o.sale_price, 0)`;
/** Fees: what the marketplace and the payment processing took. */
const FEES = `(COALESCE(o.marketplace_fee, 0) + COALESCE(o.platform_fee, 0))`;
/** Shipping: what shipping the item cost the seller. */
const SHIPPING = `COALESCE(o.shipping_cost, 0)`;
/** Cost: the sold item's cost basis as inventory analytics defines it (0 for a line matched to no item). */
const COST = `COALESCE(${ITEM_COST_BASIS}, 0)`;
/** Profit: revenue minus fees, shipping and cost. */
const PROFIT = `(${REVENUE} - ${FEES} - ${SHIPPING} - ${COST})`;
/** The line's item, for its cost basis and type (a deleted item still counts: the sale happened). */
const WITH_ITEM = `LEFT JOIN inventory_items i ON i.id = o.inventory_item_id AND i.organization_id = o.organization_id`;

/**
 * The sales that count: organization `$1`'s order lines that are not cancelled, sold from local day `$2` to `$3`
 * (both included) in zone `$4`, through the `(organization_id, sold_at)` index.
 */
const COUNTED_SALES = `o.organization_id = $1 AND o.sale_state <> 'cancelled'
   AND o.sold_at >= ($2::date::timestamp AT TIME ZONE $4) AND o.sold_at < (($3::date + 1)::timestamp AT TIME ZONE $4)`;

/** Local days `start` to `end` (`YYYY-MM-DD`, both included) in an IANA time zone. */
export interface SalesRange {
  start: string;
  end: string;
  timeZone: string;
}

const rangeParameters = (organizationId: string, range: SalesRange) => [organizationId, range.start, range.end, range.timeZone];

/** One bucket of the sales series, and the totals of the whole range (the same on every row). */
export interface SalesBucketRow {
  date: string;
  orders: number;
  revenue: string;
  total_orders: number;
  total_revenue: string;
}

/** The sales of one platform (`platform` null: sales outside the platforms), and the totals of all (the same on every row). */
export interface PlatformSalesRow {
  platform: string | null;
  platform_name: string;
  count: number;
  revenue: string;
  total_count: number;
  total_revenue: string;
}

/** The revenue figures of a period. */
export interface RevenueFiguresRow {
  total_orders: number;
  total_revenue: string;
  average_order_value: string;
  total_fees: string;
  total_shipping: string;
  net_revenue: string;
}

export interface CategorySalesRow {
  name: string;
  count: number;
  revenue: string;
}

/** One month of the profit and loss, and the totals of the whole period (the same on every row). */
export interface ProfitLossMonthRow {
  month: string;
  count: number;
  sales: string;
  fees: string;
  shipping: string;
  cost: string;
  profit: string;
  total_count: number;
  total_sales: string;
  total_fees: string;
  total_shipping: string;
  total_cost: string;
  total_profit: string;
  average_profit_per_item: string;
  profit_margin: string;
}

/** One sale of the profit and loss, with what it earned. */
export interface ProfitableSaleRow {
  order_uid: string;
  item_id: string | null;
  item_uid: string | null;
  item_title: string;
  platform: string | null;
  sold_at: Date;
  sale_price: string;
  fees: string;
  shipping: string;
  cost: string;
  profit: string;
}

/**
 * The order figures of analytics and reports: aggregates over one organization's sales in a range of local days,
 * computed by PostgreSQL (each one statement). It reads the items, item types and platforms tables in SQL; this
 * module imports none of their code.
 */
@Injectable()
export class OrderAnalyticsQuery {
  constructor(private readonly db: TransactionalConnection) {}

  /** One row per `period` bucket from the one holding `start` to the one holding `end` (every bucket, zeros included). */
  salesSeries(organizationId: string, range: SalesRange, period: SalesPeriod): Promise<SalesBucketRow[]> {
    return this.db.select<SalesBucketRow>(
      `WITH buckets AS (
              SELECT bucket::date AS bucket
                FROM generate_series(date_trunc($5, $2::date::timestamp), date_trunc($5, $3::date::timestamp), ('1 ' || $5)::interval) AS bucket),
            sales AS (
              SELECT date_trunc($5, o.sold_at AT TIME ZONE $4)::date AS bucket, count(*)::int AS orders, sum(${REVENUE}) AS revenue
                FROM orders o
               WHERE ${COUNTED_SALES}
               GROUP BY 1)
       SELECT to_char(b.bucket, 'YYYY-MM-DD') AS date, COALESCE(s.orders, 0) AS orders, round(COALESCE(s.revenue, 0), 2) AS revenue,
              (COALESCE(sum(s.orders) OVER (), 0))::int AS total_orders, round(COALESCE(sum(s.revenue) OVER (), 0), 2) AS total_revenue
         FROM buckets b
         LEFT JOIN sales s ON s.bucket = b.bucket
        ORDER BY b.bucket`,
      [...rangeParameters(organizationId, range), period],
    );
  }

  /** The platforms that sold in the range, the highest revenue first (ties: more sales, then by name). */
  platformBreakdown(organizationId: string, range: SalesRange): Promise<PlatformSalesRow[]> {
    return this.db.select<PlatformSalesRow>(
      `SELECT p.slug AS platform, COALESCE(p.display_name, $5) AS platform_name, count(*)::int AS count,
              round(sum(${REVENUE}), 2) AS revenue,
              (sum(count(*)) OVER ())::int AS total_count, round(sum(sum(${REVENUE})) OVER (), 2) AS total_revenue
         FROM orders o
         LEFT JOIN platforms p ON p.id = o.platform_id
        WHERE ${COUNTED_SALES}
        GROUP BY p.slug, p.display_name
        ORDER BY revenue DESC, count DESC, platform_name`,
      [...rangeParameters(organizationId, range), DIRECT_SALE_PLATFORM_NAME],
    );
  }

  /**
   * The revenue figures of the range and of the days before it from local day `previousStart` (the previous period:
   * up to the range's start), in one scan of both.
   */
  async revenue(
    organizationId: string,
    range: SalesRange,
    previousStart: string,
  ): Promise<{ current: RevenueFiguresRow; previous: RevenueFiguresRow }> {
    const current = `o.sold_at >= ($2::date::timestamp AT TIME ZONE $4)`;
    const figures = (name: string, condition: string) => `
      count(*) FILTER (WHERE ${condition})::int AS ${name}_orders,
      round(COALESCE(sum(${REVENUE}) FILTER (WHERE ${condition}), 0), 2) AS ${name}_revenue,
      round(COALESCE(avg(${REVENUE}) FILTER (WHERE ${condition}), 0), 2) AS ${name}_average,
      round(COALESCE(sum(${FEES}) FILTER (WHERE ${condition}), 0), 2) AS ${name}_fees,
      round(COALESCE(sum(${SHIPPING}) FILTER (WHERE ${condition}), 0), 2) AS ${name}_shipping,
      round(COALESCE(sum(${REVENUE} - ${FEES} - ${SHIPPING}) FILTER (WHERE ${condition}), 0), 2) AS ${name}_net`;
    const [row] = await this.db.select<Record<string, string | number>>(
      `SELECT ${figures('current', current)}, ${figures('previous', `NOT ${current}`)}
         FROM orders o
        WHERE o.organization_id = $1 AND o.sale_state <> 'cancelled'
          AND o.sold_at >= ($5::date::timestamp AT TIME ZONE $4) AND o.sold_at < (($3::date + 1)::timestamp AT TIME ZONE $4)`,
      [organizationId, range.start, range.end, range.timeZone, previousStart],
    );
    const of = (name: string): RevenueFiguresRow => ({
      total_orders: Number(row[`${name}_orders`]),
      total_revenue: String(row[`${name}_revenue`]),
      average_order_value: String(row[`${name}_average`]),
      total_fees: String(row[`${name}_fees`]),
      total_shipping: String(row[`${name}_shipping`]),
      net_revenue: String(row[`${name}_net`]),
    });
    return { current: of('current'), previous: of('previous') };
  }

  /** Sales per item type (`Uncategorized`: an item without one, or a line matched to no item), the highest revenue first. */
  topCategories(organizationId: string, range: SalesRange, limit: number): Promise<CategorySalesRow[]> {
    return this.db.select<CategorySalesRow>(
      `SELECT COALESCE(t.name, 'Uncategorized') AS name, count(*)::int AS count, round(sum(${REVENUE}), 2) AS revenue
         FROM orders o
         ${WITH_ITEM}
         LEFT JOIN inventory_item_types t ON t.id = i.inventory_item_type_id
        WHERE ${COUNTED_SALES}
        GROUP BY 1
        ORDER BY revenue DESC, count DESC, name
        LIMIT $5`,
      [...rangeParameters(organizationId, range), limit],
    );
  }

  /** One row per local calendar month the range touches (every month, zeros included), with the period's totals. */
  profitLossMonths(organizationId: string, range: SalesRange): Promise<ProfitLossMonthRow[]> {
    return this.db.select<ProfitLossMonthRow>(
      `WITH months AS (
              SELECT to_char(month, 'YYYY-MM') AS month
                FROM generate_series(date_trunc('month', $2::date::timestamp), date_trunc('month', $3::date::timestamp), interval '1 month') AS month),
            sales AS (
              SELECT to_char(o.sold_at AT TIME ZONE $4, 'YYYY-MM') AS month, count(*) AS count, sum(${REVENUE}) AS sales,
                     sum(${FEES}) AS fees, sum(${SHIPPING}) AS shipping, sum(${COST}) AS cost, sum(${PROFIT}) AS profit
                FROM orders o
                ${WITH_ITEM}
               WHERE ${COUNTED_SALES}
               GROUP BY 1),
            totals AS (
              SELECT COALESCE(sum(count), 0) AS count, COALESCE(sum(sales), 0) AS sales, COALESCE(sum(fees), 0) AS fees,
                     COALESCE(sum(shipping), 0) AS shipping, COALESCE(sum(cost), 0) AS cost, COALESCE(sum(profit), 0) AS profit
                FROM sales)
       SELECT m.month, COALESCE(s.count, 0)::int AS count, round(COALESCE(s.sales, 0), 2) AS sales, round(COALESCE(s.fees, 0), 2) AS fees,
              round(COALESCE(s.shipping, 0), 2) AS shipping, round(COALESCE(s.cost, 0), 2) AS cost, round(COALESCE(s.profit, 0), 2) AS profit,
              t.count::int AS total_count, round(t.sales, 2) AS total_sales, round(t.fees, 2) AS total_fees,
              round(t.shipping, 2) AS total_shipping, round(t.cost, 2) AS total_cost, round(t.profit, 2) AS total_profit,
              round(COALESCE(t.profit / NULLIF(t.count, 0), 0), 2) AS average_profit_per_item,
              round(COALESCE(t.profit / NULLIF(t.sales, 0), 0), 3) AS profit_margin
         FROM months m
        CROSS JOIN totals t
         LEFT JOIN sales s ON s.month = m.month
        ORDER BY m.month`,
      rangeParameters(organizationId, range),
    );
  }

  /** The `limit` sales of the range that earned the most (PROFIT), ties by the latest sale. */
  mostProfitable(organizationId: string, range: SalesRange, limit: number): Promise<ProfitableSaleRow[]> {
    return this.db.select<ProfitableSaleRow>(
      `SELECT o.uid AS order_uid, i.id AS item_id, i.uid AS item_uid, o.item_title, p.slug AS platform, o.sold_at,
              round(${REVENUE}, 2) AS sale_price, round(${FEES}, 2) AS fees, round(${SHIPPING}, 2) AS shipping,
              round(${COST}, 2) AS cost, round(${PROFIT}, 2) AS profit
         FROM orders o
         ${WITH_ITEM}
         LEFT JOIN platforms p ON p.id = o.platform_id
        WHERE ${COUNTED_SALES}
        ORDER BY ${PROFIT} DESC, o.sold_at DESC, o.id DESC
        LIMIT $5`,
      [...rangeParameters(organizationId, range), limit],
    );
  }
}
