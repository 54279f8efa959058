import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DomainEvents } from '../../infra/events/domain-events.js';
import { type Job, JobQueue, RetryLater } from '../../infra/queue/job-queue.js';
import { ListingEngineService, type SaleDelist } from '../listings/index.js';
import {
  MarketplaceAccountsService,
  MarketplaceAdapters,
  MarketplaceError,
  type RemoteAddress,
  type RemoteOrder,
} from '../marketplace/index.js';
import { type PlatformFacts, PlatformsService } from '../platforms/index.js';
import type { Order } from './entities/order.entity.js';
import { OrderListQuery } from './order-list.query.js';
import { OrderRecorded } from './order-recorded.event.js';
import { OrderSalesService } from './order-sales.service.js';
import { type AddressFields, OrdersRepository } from './orders.repository.js';
import { lineMoney, orderSearchText, orderStatus, type SaleState, syncSince } from './orders.rules.js';

/** The jobs of the `sync` queue this module runs. */
const JOB_TICK = 'orders-tick';
const JOB_SYNC = 'orders-sync';
const JOB_PUSH_SHIPMENT = 'orders-push-shipment';
const ATTEMPTS = 5;
const BACKOFF_MS = 2000;

export interface SyncJobData {
  organization_id: string;
  platform_id: string;
  account_uid: string;
}

export interface PushShipmentJobData {
  organization_id: string;
  order_id: string;
}

/** How a platform's news moves an order's sale state: cancelled is final, the others only go forward. */
function nextSaleState(current: SaleState, remote: RemoteOrder['state']): SaleState {
  if (current === 'cancelled' || current === 'completed') return current;
  if (remote === 'cancelled') return 'cancelled';
  const rank: Record<SaleState, number> = { unpaid: 0, paid: 1, shipped: 2, completed: 3, cancelled: 4 };
  return rank[remote] > rank[current] ? remote : current;
}

export function addressFields(address: RemoteAddress): AddressFields {
  const text = (value: string | null, max: number) => (value ?? '').slice(0, max);
  const country = address.country && /^[A-Z]{2}$/.test(address.country) ? address.country : '';
  return {
    name: text(address.name, 200),
    emailAddress: address.email?.slice(0, 254) ?? null,
    phoneNumber: address.phone?.slice(0, 50) ?? null,
    streetNumber: null,
    street1: text(address.street1, 200),
    street2: address.street2?.slice(0, 200) || null,
    city: text(address.city, 100),
    stateProvince: text(address.stateProvince, 100),
    postalCode: text(address.postalCode, 20),
    country,
    rawAddress: address.raw,
    rawAddressParsed: address.parsed,
  };
}

/**
 * The order sync: every ORDER_SYNC_INTERVAL_S a tick on the `sync` queue queues one sync job per live marketplace
 * connection (so a connection made or removed since is picked up at once); each reads the orders the platform created
 * or changed since the connection's watermark, page after page to the end, and records them. Also the job that pushes
 * a shipment's tracking to the platform.
 */
@Injectable()
export class OrderSyncService implements OnModuleInit {
  private readonly logger = new Logger(OrderSyncService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly db: TransactionalConnection,
    private readonly orders: OrdersRepository,
    private readonly query: OrderListQuery,
    private readonly sales: OrderSalesService,
    private readonly engine: ListingEngineService,
    private readonly accounts: MarketplaceAccountsService,
    private readonly adapters: MarketplaceAdapters,
    private readonly platforms: PlatformsService,
    private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.queue.process<unknown>('sync', (job) => this.run(job), {
      concurrency: 2,
      onFailed: (job, error) => this.giveUp(job, error),
    });
    const everyMs = this.config.orderSyncIntervalS * 1000;
    await this.queue.add('sync', JOB_TICK, {}, { jobId: JOB_TICK, repeat: { everyMs }, attempts: 1 }).catch((error: Error) => {
      this.logger.error(`The order sync could not be scheduled: ${error.message}`);
    });
  }

  /** Queues a sync of each live connection now (of one organization, or every one); the platforms they are for. */
  async queueSyncs(organizationId: string | null): Promise<string[]> {
    const catalog = await this.platforms.catalog();
    const run = newUid('job');
    const slugs: string[] = [];
    for (const connection of await this.accounts.liveConnections(organizationId)) {
      const platform = catalog.byId(connection.platformId);
      if (!platform || !this.adapters.forPlatform(platform.slug)) continue;
      const data: SyncJobData = {
        organization_id: connection.organizationId,
        platform_id: connection.platformId,
        account_uid: connection.accountUid,
      };
      await this.queue.add('sync', JOB_SYNC, data, {
        jobId: `orders-${connection.accountUid}-${run}`,
        attempts: ATTEMPTS,
        backoffMs: BACKOFF_MS,
      });
      slugs.push(platform.slug);
    }
    return slugs;
  }

  /** Queues the push of an order's tracking to its platform (retried; the outcome shows as `shipment_sync_status`). */
  async queueShipmentPush(organizationId: string, order: { id: string; uid: string }): Promise<void> {
    const data: PushShipmentJobData = { organization_id: organizationId, order_id: order.id };
    await this.queue.add('sync', JOB_PUSH_SHIPMENT, data, {
      jobId: `${order.uid}-ship-${newUid('job')}`,
      attempts: ATTEMPTS,
      backoffMs: BACKOFF_MS,
    });
  }

  private async run(job: Job<unknown>): Promise<void> {
    switch (job.name) {
      case JOB_TICK:
        await this.queueSyncs(null);
        return;
      case JOB_SYNC:
        return this.syncConnection(job.data as SyncJobData);
      case JOB_PUSH_SHIPMENT:
        return this.pushShipment(job.data as PushShipmentJobData);
      default:
        this.logger.warn(`Unknown job ${job.name} on the sync queue.`);
    }
  }

  private async giveUp(job: Job<unknown>, error: Error): Promise<void> {
    if (job.name === JOB_SYNC) {
      const data = job.data as SyncJobData;
      await this.orders.saveSyncRun(data.organization_id, data.platform_id, { syncedFrom: null, orders: 0, error: error.message });
    }
    if (job.name === JOB_PUSH_SHIPMENT) {
      const data = job.data as PushShipmentJobData;
      await this.orders.update(data.organization_id, data.order_id, { shipmentSyncStatus: 'failed', shipmentSyncError: error.message });
    }
  }

  /**
   * One sync of one connection: the orders since its watermark, each recorded in its own transaction (a sale's delists
   * queued as soon as it commits, ahead of other work on those platforms' queues); the watermark moves to when this sync
   * started once it has read to the end. A failure keeps the watermark: what was recorded stays, the next try reads again.
   */
  async syncConnection(data: SyncJobData): Promise<void> {
    const { organization_id: organizationId, platform_id: platformId } = data;
    const platform = (await this.platforms.catalog()).byId(platformId);
    const adapter = platform && this.adapters.forPlatform(platform.slug);
    if (!platform || !adapter) return;
    const session = await this.accounts.sellerSession(organizationId, platformId);
    if (!session || session.accountUid !== data.account_uid) return;
    const startedAt = new Date();
    const since = syncSince((await this.orders.syncState(organizationId, platformId))?.syncedFrom ?? null, startedAt);
    let recorded = 0;
    try {
      for await (const remote of adapter.fetchOrders(session, since)) recorded += await this.record(organizationId, platform, remote);
    } catch (error) {
      if (!(error instanceof MarketplaceError)) throw error;
      await this.orders.saveSyncRun(organizationId, platformId, { syncedFrom: null, orders: recorded, error: error.message });
      if (error.kind === 'unauthorized') return this.accounts.markExpired(organizationId, session.accountUid, error.message);
      if (error.kind === 'rejected') return;
      throw new RetryLater((error.retryAfterSeconds ?? 0) * 1000, error.message);
    }
    await this.orders.saveSyncRun(organizationId, platformId, { syncedFrom: startedAt, orders: recorded, error: null });
  }

  /**
   * Records a platform order, line by line, in one transaction: a line seen before is updated (status, money; a
   * cancellation restores its item), a new one inserted unless another sync just did (the unique index decides) and,
   * matched to an item, sold. Returns how many lines were new or changed.
   */
  private async record(organizationId: string, platform: PlatformFacts, remote: RemoteOrder): Promise<number> {
    const money = lineMoney(remote.lines, {
      marketplaceFee: remote.feesUsd,
      platformFee: remote.platformFeeUsd,
      shippingCost: remote.shippingUsd,
    });
    const sold: SaleDelist[][] = [];
    const changed = await this.db.transaction(async () => {
      let count = 0;
      for (const [lineNumber, line] of remote.lines.entries()) {
        const existing = await this.orders.lockLine(organizationId, platform.id, remote.orderId, lineNumber);
        if (existing) {
          if (await this.applyChange(existing, remote, platform, money[lineNumber])) count += 1;
          continue;
        }
        const match = await this.query.matchLine(organizationId, platform.id, line);
        const saleState: SaleState = remote.state;
        const buyerName = remote.shippingAddress?.name || remote.buyerName;
        const facts = { saleState, externalOrderStatus: remote.status, shipmentStatus: null, shipmentTrackingNumber: null };
        const inserted = await this.orders.insertUnlessRecorded({
          organizationId,
          platformId: platform.id,
          platformOrderId: remote.orderId,
          lineNumber,
          inventoryItemId: match?.itemId ?? null,
          inventoryItemListingId: match?.listingId ?? null,
          saleState,
          status: orderStatus(facts),
          externalOrderStatus: remote.status.slice(0, 100),
          buyerName: buyerName?.slice(0, 300) ?? null,
          buyerEmail: (remote.shippingAddress?.email || remote.buyerEmail)?.slice(0, 254) ?? null,
          itemTitle: line.title.slice(0, 600),
          ...moneyColumns(money[lineNumber]),
          soldAt: remote.createdAt,
          orderCreated: remote.createdAt,
          marketplaceDetails: remote.details,
          searchText: orderSearchText({ platformOrderId: remote.orderId, shipmentTrackingNumber: null, buyerName, itemTitle: line.title }),
          shipmentStatus: remote.state === 'shipped' ? 'shipped' : null,
        });
        if (!inserted) continue;
        count += 1;
        if (remote.shippingAddress) {
          const addressId = await this.orders.insertAddress(organizationId, addressFields(remote.shippingAddress));
          await this.orders.update(organizationId, inserted.id, { shipmentAddressId: addressId });
        }
        const sale =
          match && saleState !== 'cancelled'
            ? await this.sales.sell(null, {
                organizationId,
                orderUid: inserted.uid,
                itemId: match.itemId,
                listingId: match.listingId,
                platform,
                platformOrderId: remote.orderId,
                salePrice: money[lineNumber].salePrice,
                soldAt: remote.createdAt,
              })
            : null;
        if (sale) sold.push(sale.delists);
        await this.events.publish(
          new OrderRecorded(
            organizationId,
            inserted.id,
            inserted.uid,
            platform.slug,
            sale ? { id: match!.itemId, ...sale.item } : null,
            remote.shippingAddress?.email || remote.buyerEmail,
            saleState === 'cancelled',
          ),
        );
      }
      return count;
    });
    for (const delists of sold) await this.engine.queueSaleDelists(delists);
    return changed;
  }

  /** The platform's news on a line already recorded; true when something changed. */
  private async applyChange(
    order: Order,
    remote: RemoteOrder,
    platform: PlatformFacts,
    money: ReturnType<typeof lineMoney>[number],
  ): Promise<boolean> {
    const saleState = nextSaleState(order.saleState, remote.state);
    const moneyNow = moneyColumns(money);
    const moneyChanged = (Object.keys(moneyNow) as Array<keyof typeof moneyNow>).some(
      (key) => (order[key] === null ? null : Number(order[key])) !== (moneyNow[key] === null ? null : Number(moneyNow[key])),
    );
    const externalOrderStatus = remote.status.slice(0, 100);
    if (saleState === order.saleState && externalOrderStatus === order.externalOrderStatus && !moneyChanged) return false;
    const shipmentStatus = saleState === 'shipped' && order.shipmentStatus === null ? 'shipped' : order.shipmentStatus;
    await this.orders.update(order.organizationId, order.id, {
      saleState,
      externalOrderStatus,
      shipmentStatus,
      status: orderStatus({ saleState, externalOrderStatus, shipmentStatus, shipmentTrackingNumber: order.shipmentTrackingNumber }),
      ...moneyNow,
    });
    if (saleState === 'cancelled' && order.saleState !== 'cancelled' && order.inventoryItemId !== null) {
      await this.sales.undo({
        organizationId: order.organizationId,
        orderUid: order.uid,
        itemId: order.inventoryItemId,
        listingId: order.inventoryItemListingId,
        platform,
        platformOrderId: order.platformOrderId,
        externalStatus: externalOrderStatus,
      });
    }
    return true;
  }

  /** Sends an order's tracking to its platform; a refusal is shown on the order, an outage retried. */
  private async pushShipment(data: PushShipmentJobData): Promise<void> {
    const order = await this.orders.findById(data.organization_id, data.order_id);
    if (!order || order.platformId === null || order.platformOrderId === null || !order.shipmentTrackingNumber) return;
    const platform = (await this.platforms.catalog()).byId(order.platformId);
    const adapter = platform && this.adapters.forPlatform(platform.slug);
    if (!platform || !adapter) return;
    const fail = (message: string) =>
      this.orders.update(order.organizationId, order.id, { shipmentSyncStatus: 'failed', shipmentSyncError: message.slice(0, 2000) });
    const session = await this.accounts.sellerSession(order.organizationId, order.platformId);
    if (!session) return fail(`${platform.displayName} is not connected: reconnect it, then ship again.`);
    try {
      await adapter.markShipped(
        session,
        { orderId: order.platformOrderId, details: order.marketplaceDetails },
        {
          carrier: order.shipmentCarrier ?? 'other',
          trackingNumber: order.shipmentTrackingNumber,
          shippedAt: order.shipmentTrackingCreated ?? new Date(),
        },
      );
    } catch (error) {
      if (!(error instanceof MarketplaceError)) throw error;
      if (error.kind === 'rejected') return fail(error.message);
      if (error.kind === 'unauthorized') {
        await this.accounts.markExpired(order.organizationId, session.accountUid, error.message);
        return fail(`${platform.displayName} no longer accepts the connection: reconnect it, then ship again.`);
      }
      throw new RetryLater((error.retryAfterSeconds ?? 0) * 1000, error.message);
    }
    await this.orders.update(order.organizationId, order.id, { shipmentSyncStatus: 'pushed', shipmentSyncError: null });
  }
}

/** An order line's money as its columns. */
export function moneyColumns(money: ReturnType<typeof lineMoney>[number]) {
  return {
    salePrice: money.salePrice,
    marketplaceFee: money.marketplaceFee,
    platformFee: money.platformFee,
    shippingCost: money.shippingCost,
    netRevenue: money.netRevenue,
  };
}
