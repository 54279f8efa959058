/**
 * Announced once an order line is recorded (a marketplace order synced, or a sale made outside the platforms), after
 * its transaction commits: what fulfilling it needs (a digital product's download, for one), without this module
 * knowing who reacts.
 */
export class OrderRecorded {
  static readonly NAME = 'order.recorded';
  readonly name = OrderRecorded.NAME;
  constructor(
    readonly organizationId: string,
    readonly orderId: string,
    readonly orderUid: string,
    /** The platform slug; null for a sale made outside the platforms. */
    readonly platformSlug: string | null,
    /** The item sold (internal id and uid) and its product's internal id; null for a line matched to no item. */
    readonly item: { id: string; uid: string; productId: string } | null,
    readonly buyerEmail: string | null,
    /** Whether the platform says the order is cancelled already (nothing to fulfil). */
    readonly cancelled: boolean,
  ) {}
}
