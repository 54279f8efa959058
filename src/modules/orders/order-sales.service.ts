import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/index.js';
import { type Actor, InventoryService } from '../inventory/index.js';
import { ListingEngineService, type SaleDelist } from '../listings/index.js';
import type { PlatformFacts } from '../platforms/index.js';
import { saleMessage } from './orders.rules.js';

/** A sale to apply to its item: the order line recorded, and what it sold. */
export interface Sale {
  organizationId: string;
  orderUid: string;
  itemId: string;
  /** The listing that sold (internal id); null for a sale outside the platforms or a line matched by SKU to no listing there. */
  listingId: string | null;
  platform: PlatformFacts | null;
  platformOrderId: string | null;
  salePrice: string;
  soldAt: Date;
}

/**
 * What a sale does to the rest of the application, inside the transaction that records it: the item `sold`, its
 * listing `sold`, every other live listing `delisting` (the jobs queued once it commits: see ListingEngineService
 * .queueSaleDelists), each step in the item's audit log and the activity feed; and the reverse when the sale is undone.
 */
@Injectable()
export class OrderSalesService {
  constructor(
    private readonly inventory: InventoryService,
    private readonly engine: ListingEngineService,
    private readonly activity: ActivityService,
  ) {}

  /** Applies the sale; null when the item is gone (the order stays recorded). Returns the delists to queue after commit. */
  async sell(actor: Actor | null, sale: Sale): Promise<{ item: { uid: string; productId: string }; delists: SaleDelist[] } | null> {
    const platformName = sale.platform?.displayName ?? null;
    const message = saleMessage(platformName, sale.platformOrderId, sale.salePrice);
    const metadata = { order_uid: sale.orderUid, order_id: sale.platformOrderId, platform: sale.platform?.slug ?? null };
    const sold = await this.inventory.markSold(actor, sale.organizationId, sale.itemId, { at: sale.soldAt, message, metadata });
    if (!sold) return null;
    if (sale.listingId !== null) await this.engine.recordSale(sale.organizationId, sale.listingId, sale.soldAt, message);
    const delists = await this.engine.withdrawForSale(
      sale.organizationId,
      sale.itemId,
      sale.listingId,
      `${platformName ? `Sold on ${platformName}` : 'Sold outside the platforms'}: taken down everywhere else.`,
    );
    await this.activity.record({
      organizationId: sale.organizationId,
      userId: actor?.auth.userId ?? null,
      eventType: 'item_sold',
      subjectType: 'order',
      subjectUid: sale.orderUid,
      platformSlug: sale.platform?.slug ?? null,
      message,
      metadata: { ...metadata, item_uid: sold.uid, sale_price: sale.salePrice, already_sold: sold.alreadySold },
      occurredAt: sale.soldAt,
    });
    return { item: { uid: sold.uid, productId: sold.productId }, delists };
  }

  /** The platform cancelled or refunded the order: the item is for sale again (not relisted), recorded in its audit log and the feed. */
  async undo(sale: Omit<Sale, 'salePrice' | 'soldAt'> & { externalStatus: string | null }): Promise<void> {
    const where = sale.platform ? `on ${sale.platform.displayName}` : 'outside the platforms';
    const message = `The order${sale.platformOrderId ? ` ${sale.platformOrderId}` : ''} ${where} was cancelled${
      sale.externalStatus ? ` (${sale.externalStatus})` : ''
    }.`;
    const metadata = { order_uid: sale.orderUid, order_id: sale.platformOrderId, platform: sale.platform?.slug ?? null };
    await this.inventory.restoreAfterCancelledSale(sale.organizationId, sale.itemId, message, metadata);
    if (sale.listingId !== null) await this.engine.releaseSale(sale.organizationId, sale.listingId, `${message} Relist it when you want.`);
    await this.activity.record({
      organizationId: sale.organizationId,
      userId: null,
      eventType: 'order_cancelled',
      subjectType: 'order',
      subjectUid: sale.orderUid,
      platformSlug: sale.platform?.slug ?? null,
      message,
      metadata,
    });
  }
}
