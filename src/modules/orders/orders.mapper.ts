import type { PlatformCatalog } from '../platforms/index.js';
import type { OrderAddressDto, OrderDetailDto, OrderDto, OrderListingDto, OrderStatsDto } from './dto/order.dto.js';
import type { OrderRow, OrderStatsRow } from './order-list.query.js';
import { DIRECT_SALE_PLATFORM_NAME } from './orders.rules.js';

/** What an order response needs besides its row: the platforms, its item's labels, and where its photo is served. */
export interface OrderContext {
  catalog: PlatformCatalog;
  itemLabels: Map<string, { title: string; sku: string | null }>;
  mediaUrl: (fileKey: string) => string;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

function mapListing(row: OrderRow, context: OrderContext): OrderListingDto | null {
  if (row.listing_uid === null || row.listing_platform_id === null || row.item_uid === null) return null;
  const platform = context.catalog.byId(String(row.listing_platform_id));
  const labels = context.itemLabels.get(String(row.item_id));
  return {
    uid: row.listing_uid,
    platform_slug: platform?.slug ?? '',
    platform_name: platform?.displayName ?? '',
    status: row.listing_status ?? '',
    listing_url: row.listing_url,
    listing_id: row.listing_external_id,
    price: row.listing_price_usd,
    inventory_item: {
      uid: row.item_uid,
      title: labels?.title ?? '',
      sku: labels?.sku ?? null,
      condition: row.item_condition,
      primary_image_url: row.item_image_key === null ? null : context.mediaUrl(row.item_image_key),
    },
  };
}

function mapAddress(row: OrderRow): OrderAddressDto | null {
  if (row.address_uid === null) return null;
  return {
    uid: row.address_uid,
    name: row.address_name ?? '',
    email_address: row.address_email_address,
    phone_number: row.address_phone_number,
    street_number: row.address_street_number,
    street_1: row.address_street_1 ?? '',
    street_2: row.address_street_2,
    city: row.address_city ?? '',
    state_province: row.address_state_province ?? '',
    postal_code: row.address_postal_code ?? '',
    country: row.address_country ?? '',
    raw_address: row.address_raw_address ?? '',
    raw_address_parsed: row.address_raw_address_parsed,
  };
}

function listFields(row: OrderRow, context: OrderContext): Omit<OrderDto, 'shipment_address'> {
  const platform = row.platform_id === null ? null : context.catalog.byId(String(row.platform_id));
  return {
    uid: row.uid,
    order_id: row.platform_order_id,
    status: row.status,
    platform: platform?.slug ?? null,
    platform_name: platform?.displayName ?? DIRECT_SALE_PLATFORM_NAME,
    buyer_name: row.address_name?.trim() ? row.address_name : row.buyer_name,
    sale_price: row.sale_price,
    marketplace_fee: row.marketplace_fee,
    platform_fee: row.platform_fee,
    shipping_cost: row.shipping_cost,
    net_revenue: row.net_revenue,
    sold_at: iso(row.sold_at)!,
    inventory_item_listing: mapListing(row, context),
    shipment_tracking_number: row.shipment_tracking_number,
    shipment_carrier: row.shipment_carrier,
    shipment_status: row.shipment_status,
    created: iso(row.created)!,
    updated: iso(row.updated)!,
  };
}

export function mapOrder(row: OrderRow, context: OrderContext): OrderDto {
  const address = mapAddress(row);
  return {
    ...listFields(row, context),
    shipment_address: address && {
      uid: address.uid,
      full_name: address.name,
      city: address.city,
      postal_code: address.postal_code,
      country: address.country,
    },
  };
}

export function mapOrderDetail(row: OrderRow, context: OrderContext): OrderDetailDto {
  return {
    ...listFields(row, context),
    shipment_address: mapAddress(row),
    order_created: iso(row.order_created),
    external_order_status: row.external_order_status,
    platform_order_id: row.platform_order_id,
    shipment_service_id: row.shipment_service_id,
    shipment_tracking_created: iso(row.shipment_tracking_created),
    shipment_rate_detail: row.shipment_rate_detail,
    shipment_rate_retrieval_tried: row.shipment_rate_retrieval_tried,
    shipment_rate_cheapest_price: row.shipment_rate_cheapest_price,
    shipment_rate_cheapest_carrier: row.shipment_rate_cheapest_carrier,
    shipment_rate_cheapest_product: row.shipment_rate_cheapest_product,
    shipment_rate_cheapest_service_id: row.shipment_rate_cheapest_service_id,
    label_detail: row.label_detail,
    label_last_updated: iso(row.label_last_updated),
    shipment_recipient_detail: row.shipment_recipient_detail,
    shipment_recipient_last_updated: iso(row.shipment_recipient_last_updated),
    shipment_label_url: row.shipment_label_url,
    shipment_packing_slip_url: row.shipment_packing_slip_url,
    shipment_sync_status: row.shipment_sync_status,
    shipment_sync_error: row.shipment_sync_error,
  };
}

export function mapOrderStats(row: OrderStatsRow): OrderStatsDto {
  return {
    awaiting_shipment: Number(row.awaiting_shipment),
    shipped: Number(row.shipped),
    completed: Number(row.completed),
    total: Number(row.total),
    total_revenue: row.total_revenue,
    total_fees: row.total_fees,
    total_shipping: row.total_shipping,
    total_net: row.total_net,
  };
}
