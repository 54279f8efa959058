import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ApiError, foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import { Msg } from '../../common/errors/messages.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DomainEvents } from '../../infra/events/domain-events.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { ActivityService } from '../activity/index.js';
import { type Actor, InventoryService } from '../inventory/index.js';
import { BLOCKING_CODES, ListingEngineService } from '../listings/index.js';
import { PlatformsService } from '../platforms/index.js';
import type { OrderDetailDto, OrderDto, OrderStatsDto, OrderSyncAcceptedDto } from './dto/order.dto.js';
import type { OrderQueryDto } from './dto/order-query.dto.js';
import type { ManualSaleDto, OrderAddressInputDto, ShipOrderDto, UpdateOrderDto } from './dto/order-write.dto.js';
import type { Order } from './entities/order.entity.js';
import {
  type CategorySalesRow,
  OrderAnalyticsQuery,
  type PlatformSalesRow,
  type ProfitableSaleRow,
  type ProfitLossMonthRow,
  type RevenueFiguresRow,
  type SalesBucketRow,
  type SalesRange,
} from './order-analytics.query.js';
import { type OrderFilters, OrderListQuery, type OrderRow } from './order-list.query.js';
import { OrderRecorded } from './order-recorded.event.js';
import { OrderSalesService } from './order-sales.service.js';
import { moneyColumns, OrderSyncService } from './order-sync.service.js';
import { mapOrder, mapOrderDetail, mapOrderStats, type OrderContext } from './orders.mapper.js';
import { type AddressFields, OrdersRepository } from './orders.repository.js';
import { lineMoney, orderSearchText, orderStatus, type SalesPeriod } from './orders.rules.js';

/** The address parts a nested write sends, as columns (a blank optional part is null, a blank required one empty). */
function addressInput(input: OrderAddressInputDto): AddressFields {
  const fields: AddressFields = {};
  const put = <K extends keyof AddressFields>(key: K, value: AddressFields[K] | undefined) => {
    if (value !== undefined) fields[key] = value;
  };
  put('name', input.name?.trim());
  put('emailAddress', input.email_address);
  put('phoneNumber', input.phone_number);
  put('streetNumber', input.street_number);
  put('street1', input.street_1?.trim());
  put('street2', input.street_2);
  put('city', input.city?.trim());
  put('stateProvince', input.state_province?.trim());
  put('postalCode', input.postal_code?.trim());
  put('country', input.country);
  return fields;
}

/** The address given by hand: its parts, and as raw address the parts on their lines. */
function typedAddress(input: OrderAddressInputDto): AddressFields {
  const fields = addressInput(input);
  const cityLine = [fields.city, [fields.stateProvince, fields.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const rawAddress = [
    fields.name,
    [fields.streetNumber, fields.street1].filter(Boolean).join(' '),
    fields.street2,
    cityLine,
    fields.country,
  ]
    .filter(Boolean)
    .join('\n');
  return { ...fields, rawAddress };
}

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/**
 * The orders API: the list, one order, the statistics, the sync on demand, and an item's order (manual sale, shipping);
 * and the order figures analytics and reports build on, each one SQL aggregate of OrderAnalyticsQuery (its definitions).
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly orders: OrdersRepository,
    private readonly query: OrderListQuery,
    private readonly figures: OrderAnalyticsQuery,
    private readonly sync: OrderSyncService,
    private readonly sales: OrderSalesService,
    private readonly engine: ListingEngineService,
    private readonly inventory: InventoryService,
    private readonly platforms: PlatformsService,
    private readonly activity: ActivityService,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
  ) {}

  async list(auth: AuthContext, input: OrderQueryDto, page: PageRequest, urls: RequestUrls): Promise<Page<OrderDto>> {
    const filters = await this.filters(input);
    return paginate(
      page,
      {
        count: () => this.query.count(auth.organizationId, filters),
        rows: async (offset, limit) => {
          const rows = await this.query.page(auth.organizationId, filters, input.ordering ?? '-created', offset, limit);
          const context = await this.context(auth.organizationId, rows, urls);
          return rows.map((row) => mapOrder(row, context));
        },
      },
      urls,
    );
  }

  async get(auth: AuthContext, uid: string, urls: RequestUrls): Promise<OrderDetailDto> {
    return this.detail(auth.organizationId, foundOrFail(await this.query.byUid(auth.organizationId, uid)), urls);
  }

  async stats(auth: AuthContext): Promise<OrderStatsDto> {
    return mapOrderStats(await this.query.stats(auth.organizationId));
  }

  /** The sales (orders not cancelled) and their revenue per `period` bucket of the range, every bucket present. */
  salesSeries(organizationId: string, range: SalesRange, period: SalesPeriod): Promise<SalesBucketRow[]> {
    return this.figures.salesSeries(organizationId, range, period);
  }

  /** The sales and revenue of the range per platform that sold (the sales outside the platforms as one). */
  platformBreakdown(organizationId: string, range: SalesRange): Promise<PlatformSalesRow[]> {
    return this.figures.platformBreakdown(organizationId, range);
  }

  /** The revenue figures of the range and of the period before it, from local day `previousStart` to the range's start. */
  revenue(
    organizationId: string,
    range: SalesRange,
    previousStart: string,
  ): Promise<{ current: RevenueFiguresRow; previous: RevenueFiguresRow }> {
    return this.figures.revenue(organizationId, range, previousStart);
  }

  /** The `limit` item types that brought the most revenue in the range. */
  topCategories(organizationId: string, range: SalesRange, limit: number): Promise<CategorySalesRow[]> {
    return this.figures.topCategories(organizationId, range, limit);
  }

  /**
   * The profit and loss of the range: per local month (every month, with the period's totals) and its `limit` most
   * profitable sales, titled as their items are now (the line's own title for a line matched to no item).
   */
  async profitLoss(
    organizationId: string,
    range: SalesRange,
    limit: number,
  ): Promise<{ months: ProfitLossMonthRow[]; mostProfitable: ProfitableSaleRow[] }> {
    const [months, sales] = await Promise.all([
      this.figures.profitLossMonths(organizationId, range),
      this.figures.mostProfitable(organizationId, range, limit),
    ]);
    const itemIds = sales.map((sale) => sale.item_id).filter((id) => id !== null);
    const labels = await this.inventory.saleLabels(organizationId, [...new Set(itemIds.map(String))]);
    const mostProfitable = sales.map((sale) => ({
      ...sale,
      item_title: (sale.item_id !== null && labels.get(String(sale.item_id))?.title) || sale.item_title,
    }));
    return { months, mostProfitable };
  }

  async queueSync(auth: AuthContext): Promise<OrderSyncAcceptedDto> {
    const platforms = await this.sync.queueSyncs(auth.organizationId);
    const connections = platforms.length === 1 ? '1 connection' : `${platforms.length} connections`;
    return {
      platforms,
      detail: platforms.length === 0 ? 'No marketplace is connected: nothing to sync.' : `Order sync queued for ${connections}.`,
    };
  }

  /** The item's order (the newest that is not cancelled), or the documented 404. */
  async itemOrder(auth: AuthContext, itemUid: string, urls: RequestUrls): Promise<OrderDetailDto> {
    const item = foundOrFail(await this.inventory.itemForSale(auth.organizationId, itemUid));
    const order = foundOrFail(await this.orders.currentForItem(auth.organizationId, item.id));
    return this.detail(auth.organizationId, (await this.query.byId(auth.organizationId, order.id))!, urls);
  }

  /**
   * A sale made outside any platform: recorded as an order of no platform, and the same rules as a marketplace sale
   * apply (the item sold, every live listing taken down ahead of other work, audit and feed).
   */
  async recordManualSale(actor: Actor, itemUid: string, input: ManualSaleDto, urls: RequestUrls): Promise<OrderDetailDto> {
    const organizationId = actor.auth.organizationId;
    const item = foundOrFail(await this.inventory.itemForSale(organizationId, itemUid));
    if (item.status === 'sold' || item.status === 'cancelled') {
      const code = item.status === 'sold' ? 'item_sold' : 'item_cancelled';
      throw new ApiError({ non_field_errors: [BLOCKING_CODES[code]], blocking_code: code }, 400);
    }
    const soldAt = input.sold_at === undefined ? new Date() : new Date(input.sold_at);
    const [money] = lineMoney([{ priceUsd: input.sale_price, quantity: 1 }], {
      marketplaceFee: null,
      platformFee: null,
      shippingCost: input.shipping_cost ?? null,
    });
    const address = input.shipment_address ? typedAddress(input.shipment_address) : null;
    const saleState = address ? 'paid' : 'completed';
    const buyerName = address?.name || null;
    const recorded = await this.db.transaction(async () => {
      const shipmentAddressId = address ? await this.orders.insertAddress(organizationId, address) : null;
      const inserted = (await this.orders.insertUnlessRecorded({
        organizationId,
        userId: actor.auth.userId,
        platformId: null,
        platformOrderId: null,
        inventoryItemId: item.id,
        saleState,
        status: orderStatus({ saleState, externalOrderStatus: null, shipmentStatus: null, shipmentTrackingNumber: null }),
        buyerName,
        buyerEmail: address?.emailAddress ?? null,
        itemTitle: item.title.slice(0, 600),
        ...moneyColumns(money),
        soldAt,
        shipmentAddressId,
        searchText: orderSearchText({ platformOrderId: null, shipmentTrackingNumber: null, buyerName, itemTitle: item.title }),
      }))!;
      const sale = await this.sales.sell(actor, {
        organizationId,
        orderUid: inserted.uid,
        itemId: item.id,
        listingId: null,
        platform: null,
        platformOrderId: null,
        salePrice: money.salePrice,
        soldAt,
      });
      await this.events.publish(
        new OrderRecorded(
          organizationId,
          inserted.id,
          inserted.uid,
          null,
          sale ? { id: item.id, ...sale.item } : null,
          address?.emailAddress ?? null,
          false,
        ),
      );
      return { ...inserted, delists: sale?.delists ?? [] };
    });
    await this.engine.queueSaleDelists(recorded.delists);
    return this.detail(organizationId, (await this.query.byId(organizationId, recorded.id))!, urls);
  }

  /**
   * Marks the item's order shipped with its tracking, and sends the tracking to the platform in the background (retried;
   * `shipment_sync_status` shows where it stands). Shipping again (another tracking number, or after a failure) sends again.
   */
  async ship(actor: Actor, itemUid: string, input: ShipOrderDto, urls: RequestUrls): Promise<OrderDetailDto> {
    const organizationId = actor.auth.organizationId;
    const item = foundOrFail(await this.inventory.itemForSale(organizationId, itemUid));
    const order = await this.db.transaction(async () => {
      const current = foundOrFail(await this.orders.currentForItem(organizationId, item.id, { lock: true }));
      const shipment = {
        shipmentTrackingNumber: input.tracking_number,
        shipmentCarrier: input.carrier,
        shipmentStatus: 'shipped',
        shipmentTrackingCreated: new Date(),
      };
      await this.orders.update(organizationId, current.id, {
        ...shipment,
        ...this.computed({ ...current, ...shipment }),
        shipmentSyncStatus: current.platformId === null ? null : 'pending',
        shipmentSyncError: null,
      });
      await this.activity.record({
        organizationId,
        userId: actor.auth.userId,
        eventType: 'order_shipped',
        subjectType: 'order',
        subjectUid: current.uid,
        platformSlug: current.platformId === null ? null : ((await this.platforms.catalog()).byId(current.platformId)?.slug ?? null),
        message: `Shipped ${item.title} with ${input.carrier.toUpperCase()}, tracking ${input.tracking_number}.`,
        metadata: { item_uid: item.uid, tracking_number: input.tracking_number, carrier: input.carrier },
      });
      return current;
    });
    if (order.platformId !== null) await this.sync.queueShipmentPush(organizationId, order);
    return this.detail(organizationId, (await this.query.byId(organizationId, order.id))!, urls);
  }

  /** Changes the shipment fields sent (null and blank clear them), the buyer's address as a nested update. */
  async update(actor: Actor, itemUid: string, input: UpdateOrderDto, urls: RequestUrls): Promise<OrderDetailDto> {
    const organizationId = actor.auth.organizationId;
    const item = foundOrFail(await this.inventory.itemForSale(organizationId, itemUid));
    const order = await this.db.transaction(async () => {
      const current = foundOrFail(await this.orders.currentForItem(organizationId, item.id, { lock: true }));
      const fields: Partial<Order> = {};
      const put = <K extends keyof Order>(key: K, value: Order[K] | undefined) => {
        if (value !== undefined) fields[key] = value;
      };
      put('shipmentServiceId', input.shipment_service_id);
      put('shipmentTrackingNumber', input.shipment_tracking_number);
      put('shipmentTrackingCreated', toDate(input.shipment_tracking_created));
      put('shipmentCarrier', input.shipment_carrier);
      put('shipmentStatus', input.shipment_status);
      put('shipmentRateDetail', input.shipment_rate_detail);
      put('shipmentRateRetrievalTried', input.shipment_rate_retrieval_tried === null ? false : input.shipment_rate_retrieval_tried);
      put('shipmentRateCheapestPrice', input.shipment_rate_cheapest_price);
      put('shipmentRateCheapestCarrier', input.shipment_rate_cheapest_carrier);
      put('shipmentRateCheapestProduct', input.shipment_rate_cheapest_product);
      put('shipmentRateCheapestServiceId', input.shipment_rate_cheapest_service_id);
      put('labelDetail', input.label_detail);
      put('labelLastUpdated', toDate(input.label_last_updated));
      put('shipmentRecipientDetail', input.shipment_recipient_detail);
      put('shipmentRecipientLastUpdated', toDate(input.shipment_recipient_last_updated));
      if (input.shipment_address === null) fields.shipmentAddressId = null;
      else if (input.shipment_address !== undefined) {
        const address = addressInput(input.shipment_address);
        if (current.shipmentAddressId !== null) await this.orders.updateAddress(organizationId, current.shipmentAddressId, address);
        else fields.shipmentAddressId = await this.orders.insertAddress(organizationId, typedAddress(input.shipment_address));
        if (address.name) fields.buyerName = address.name;
      }
      await this.orders.update(organizationId, current.id, { ...fields, ...this.computed({ ...current, ...fields }) });
      return current;
    });
    return this.detail(organizationId, (await this.query.byId(organizationId, order.id))!, urls);
  }

  /** The columns computed from the others: the status and the search text. */
  private computed(order: Order): Pick<Order, 'status' | 'searchText'> {
    return {
      status: orderStatus(order),
      searchText: orderSearchText(order),
    };
  }

  private async filters(input: OrderQueryDto): Promise<OrderFilters> {
    const filters: OrderFilters = { search: input.search?.trim() || undefined, status: input.status?.trim() || undefined };
    if (input.platform !== undefined && input.platform.trim() !== '') {
      const platform = (await this.platforms.catalog()).bySlug(input.platform.trim());
      if (!platform) throw new ValidationFailed({ platform: [Msg.choice(input.platform)] });
      filters.platformId = platform.id;
    }
    return filters;
  }

  private async detail(organizationId: string, row: OrderRow, urls: RequestUrls): Promise<OrderDetailDto> {
    return mapOrderDetail(row, await this.context(organizationId, [row], urls));
  }

  /** What the rows' responses need besides themselves: the platforms and their items' labels (one query for the page). */
  private async context(organizationId: string, rows: OrderRow[], urls: RequestUrls): Promise<OrderContext> {
    const itemIds = [...new Set(rows.map((row) => row.item_id).filter((id) => id !== null))].map(String);
    const [catalog, itemLabels] = await Promise.all([this.platforms.catalog(), this.inventory.saleLabels(organizationId, itemIds)]);
    return { catalog, itemLabels, mediaUrl: (key) => urls.absolute(this.storage.urlPath(key)) };
  }
}
