import { Decimal } from 'decimal.js';

/**
 * Where a sale stands in our terms: what the platform said (`unpaid`, `paid`, `shipped`, `cancelled`), or
 * `completed` for a sale handed over at once (a manual sale without a shipping address).
 */
export const SALE_STATES = ['unpaid', 'paid', 'shipped', 'completed', 'cancelled'] as const;
export type SaleState = (typeof SALE_STATES)[number];

/** The statuses the list filters on and the statistics count; any other `status` is a platform's own (external) status. */
export const ORDER_STATUSES = ['awaiting_shipment', 'shipped', 'completed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What `shipment_status` takes: `delivered` completes the order, `shipped` and `in_transit` make it shipped. */
export const SHIPMENT_STATUSES = ['pending', 'label_created', 'shipped', 'in_transit', 'delivered', 'returned'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Where the tracking of a shipment stands on the platform: pushed, waiting (retried), or failed after the last try. */
export const SHIPMENT_SYNC_STATUSES = ['pending', 'pushed', 'failed'] as const;
export type ShipmentSyncStatus = (typeof SHIPMENT_SYNC_STATUSES)[number];

/** A sale made outside any platform shows as this platform name. */
export const DIRECT_SALE_PLATFORM_NAME = 'Direct sale';

/** What an order's status is computed from. */
export interface OrderStatusFacts {
  saleState: SaleState;
  externalOrderStatus: string | null;
  shipmentStatus: string | null;
  shipmentTrackingNumber: string | null;
}

/**
 * An order's `status`, as the seed computes it: `completed` (delivered, or handed over at once), `shipped` (a tracking
 * number, a shipment status on its way, or the platform says so), `awaiting_shipment` (paid, not shipped), or else the
 * platform's own status (`external_order_status`: an unpaid or cancelled order), `cancelled` / `unpaid` without one.
 */
export function orderStatus(facts: OrderStatusFacts): string {
  const external = facts.externalOrderStatus?.trim() || null;
  if (facts.saleState === 'cancelled') return external ?? 'cancelled';
  if (facts.saleState === 'completed' || facts.shipmentStatus === 'delivered') return 'completed';
  if (
    facts.saleState === 'shipped' ||
    facts.shipmentStatus === 'shipped' ||
    facts.shipmentStatus === 'in_transit' ||
    (facts.shipmentTrackingNumber?.trim() ?? '') !== ''
  ) {
    return 'shipped';
  }
  if (facts.saleState === 'unpaid') return external ?? 'unpaid';
  return 'awaiting_shipment';
}

/** The money of one order line, decimal strings with 2 decimals (null where the platform said nothing). */
export interface LineMoney {
  salePrice: string;
  marketplaceFee: string | null;
  platformFee: string | null;
  shippingCost: string | null;
  netRevenue: string;
}

const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const money = (value: Decimal) => cents(value).toFixed(2);

/** `net_revenue` = sale price − marketplace fee − platform fee − shipping cost (absent amounts count as 0), in decimal arithmetic. */
export function netRevenue(salePrice: string, fees: Array<string | null>): string {
  return money(fees.reduce((net: Decimal, fee) => (fee === null ? net : net.minus(fee)), new Decimal(salePrice)));
}

/**
 * Splits an order's money over its lines: each line's sale price is its price × quantity; the order's fees and shipping
 * are shared in proportion to the lines' sale prices, rounded to the cent, the rounding left over going to the first
 * line, so that the lines add up to the order exactly (one line takes the order's amounts as they are).
 */
export function lineMoney(
  lines: Array<{ priceUsd: string; quantity: number }>,
  order: { marketplaceFee: string | null; platformFee: string | null; shippingCost: string | null },
): LineMoney[] {
  const prices = lines.map((line) => new Decimal(line.priceUsd).times(Math.max(1, line.quantity)));
  const total = prices.reduce((sum, price) => sum.plus(price), new Decimal(0));
  const share = (amount: string | null): Array<string | null> => {
    if (amount === null) return lines.map(() => null);
    const whole = new Decimal(amount);
    const parts = prices.map((price, index) =>
      total.isZero() ? (index === 0 ? whole : new Decimal(0)) : cents(whole.times(price).dividedBy(total)),
    );
    const rest = whole.minus(parts.reduce((sum, part) => sum.plus(part), new Decimal(0)));
    if (parts.length > 0) parts[0] = parts[0].plus(rest);
    return parts.map(money);
  };
  const marketplaceFees = share(order.marketplaceFee);
  const platformFees = share(order.platformFee);
  const shipping = share(order.shippingCost);
  return prices.map((price, index) => {
    const salePrice = money(price);
    return {
      salePrice,
      marketplaceFee: marketplaceFees[index],
      platformFee: platformFees[index],
      shippingCost: shipping[index],
      netRevenue: netRevenue(salePrice, [marketplaceFees[index], platformFees[index], shipping[index]]),
    };
  });
}

/** What `search` matches of an order: its order id, tracking number, buyer name and item title, lowercased in one text. */
export function orderSearchText(order: {
  platformOrderId: string | null;
  shipmentTrackingNumber: string | null;
  buyerName: string | null;
  itemTitle: string | null;
}): string {
  return [order.platformOrderId, order.shipmentTrackingNumber, order.buyerName, order.itemTitle]
    .filter((part): part is string => Boolean(part?.trim()))
    .map((part) => part.trim().toLowerCase())
    .join(' ');
}

const ORDERING_FIELDS = ['created', 'sold_at', 'sale_price', 'net_revenue'] as const;
export const ORDER_ORDERINGS = ORDERING_FIELDS.flatMap((field) => [field, `-${field}`] as const);
export type OrderOrdering = (typeof ORDER_ORDERINGS)[number];

/** How far back the first sync of a connection reads orders. */
export const FIRST_SYNC_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
/** Each sync reads again from a little before the last one started, so that an order the platform indexed late is not missed. */
export const SYNC_OVERLAP_MS = 10 * 60 * 1000;

/** Where a sync of a connection starts reading: a little before the last one started, or the lookback on the first. */
export function syncSince(lastStartedAt: Date | null, now: Date): Date {
  if (lastStartedAt === null) return new Date(now.getTime() - FIRST_SYNC_LOOKBACK_MS);
  return new Date(lastStartedAt.getTime() - SYNC_OVERLAP_MS);
}

/** The audit message of a sale: `Sold on eBay (order 12-34567-89012) for $34.99.` */
export function saleMessage(platformName: string | null, orderId: string | null, salePrice: string): string {
  const where = platformName === null ? 'Sold outside the platforms' : `Sold on ${platformName}`;
  return `${where}${orderId ? ` (order ${orderId})` : ''} for $${salePrice}.`;
}

/** The bucket sizes of the sales series: a local day, an ISO week (from Monday), a calendar month. */
export const SALES_PERIODS = ['day', 'week', 'month'] as const;
export type SalesPeriod = (typeof SALES_PERIODS)[number];
