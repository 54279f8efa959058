import { ApiProperty, OmitType } from '@nestjs/swagger';
import { dateTimeProperty, moneyProperty } from '../../../common/swagger/properties.js';
import { SHIPMENT_SYNC_STATUSES } from '../orders.rules.js';

/** The item a listing sells, as an order shows it. */
export class OrderInventoryItemDto {
  @ApiProperty({ description: 'Inventory item identifier.', example: 'inv_d4e5f6' })
  uid!: string;

  @ApiProperty({
    description: 'The computed title of the item (its name, else the product title with the grade).',
    example: 'Abbey Road - VG+',
  })
  title!: string;

  @ApiProperty({
    description: 'The SKU the item is known by (manual SKU, else the product SKU, else its catalog number).',
    type: String,
    nullable: true,
    example: 'PCS-7088-001',
  })
  sku!: string | null;

  @ApiProperty({ description: 'Grade of the item (a condition code).', type: String, nullable: true, example: 'vg_plus' })
  condition!: string | null;

  @ApiProperty({
    description: 'URL of its first photo (the identifying one first).',
    type: String,
    nullable: true,
    format: 'uri',
    example: 'https://cdn.example.com/media/inventory/inv_d4e5f6/front.jpg',
  })
  primary_image_url!: string | null;
}

/** The listing an order line was matched to, with its item. */
export class OrderListingDto {
  @ApiProperty({ description: 'Listing identifier.', example: 'lst_abc123' })
  uid!: string;

  @ApiProperty({ description: 'Platform slug of the listing.', example: 'ebay' })
  platform_slug!: string;

  @ApiProperty({ description: 'Human-readable platform name.', example: 'eBay' })
  platform_name!: string;

  @ApiProperty({ description: 'Listing status (`sold` once the order came in).', example: 'sold' })
  status!: string;

  @ApiProperty({
    description: 'The listing on the marketplace.',
    type: String,
    nullable: true,
    example: 'https://www.ebay.com/itm/394857201',
  })
  listing_url!: string | null;

  @ApiProperty({ description: "The marketplace's listing id.", type: String, nullable: true, example: '394857201' })
  listing_id!: string | null;

  @ApiProperty(moneyProperty('The price the listing went out at.'))
  price!: string | null;

  @ApiProperty({ description: 'The inventory item the listing sells.', type: OrderInventoryItemDto })
  inventory_item!: OrderInventoryItemDto;
}

/** The buyer's address as the list shows it. */
export class OrderAddressSummaryDto {
  @ApiProperty({ description: 'Address identifier.', example: 'adr_5Hq2Lm9Kp3Xw7Tz1' })
  uid!: string;

  @ApiProperty({ description: 'Recipient name.', example: 'John Doe' })
  full_name!: string;

  @ApiProperty({ description: 'City.', example: 'Los Angeles' })
  city!: string;

  @ApiProperty({ description: 'Postal/ZIP code.', example: '90001' })
  postal_code!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code (blank when the marketplace did not give it).', example: 'US' })
  country!: string;
}

/** The buyer's full shipping address (seed 003, Shipping address schema). */
export class OrderAddressDto {
  @ApiProperty({ description: 'Address identifier.', example: 'adr_5Hq2Lm9Kp3Xw7Tz1' })
  uid!: string;

  @ApiProperty({ description: 'Recipient name.', example: 'John Doe' })
  name!: string;

  @ApiProperty({ description: 'Recipient email.', type: String, nullable: true, example: 'john@example.com' })
  email_address!: string | null;

  @ApiProperty({ description: 'Recipient phone.', type: String, nullable: true, example: '+15551234567' })
  phone_number!: string | null;

  @ApiProperty({ description: 'Street number.', type: String, nullable: true, example: null })
  street_number!: string | null;

  @ApiProperty({ description: 'Street address line 1 (blank when the marketplace gave only the raw address).', example: '123 Main St' })
  street_1!: string;

  @ApiProperty({ description: 'Street address line 2.', type: String, nullable: true, example: 'Apt 4B' })
  street_2!: string | null;

  @ApiProperty({ description: 'City.', example: 'Los Angeles' })
  city!: string;

  @ApiProperty({ description: 'State or province.', example: 'CA' })
  state_province!: string;

  @ApiProperty({ description: 'Postal/ZIP code.', example: '90001' })
  postal_code!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  country!: string;

  @ApiProperty({
    description: 'The address as the marketplace gave it, unparsed (one line per part).',
    example: 'John Doe\n123 Main St\nApt 4B\nLos Angeles, CA 90001\nUS',
  })
  raw_address!: string;

  @ApiProperty({
    description: 'The parts as the marketplace named them (nullable).',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { addressLine1: '123 Main St', city: 'Los Angeles', countryCode: 'US' },
  })
  raw_address_parsed!: Record<string, unknown> | null;
}

const STATUS_DESCRIPTION =
  'Computed: `completed` (delivered, or a sale handed over at once), `shipped` (a tracking number, or the platform says so), ' +
  "`awaiting_shipment` (paid, not shipped), else the platform's own status (an unpaid or cancelled order: `external_order_status`).";

/** An order in the list (seed 003, List orders). */
export class OrderDto {
  @ApiProperty({ description: 'Order identifier.', example: 'ord_m3n4o5' })
  uid!: string;

  @ApiProperty({
    description: "The marketplace's order id (null for a sale made outside the platforms).",
    type: String,
    nullable: true,
    example: '12-34567-89012',
  })
  order_id!: string | null;

  @ApiProperty({ description: STATUS_DESCRIPTION, example: 'awaiting_shipment' })
  status!: string;

  @ApiProperty({
    description: 'Platform slug (null for a sale made outside the platforms).',
    type: String,
    nullable: true,
    example: 'ebay',
  })
  platform!: string | null;

  @ApiProperty({ description: 'Human-readable platform name (`Direct sale` for a sale made outside the platforms).', example: 'eBay' })
  platform_name!: string;

  @ApiProperty({
    description: 'The buyer, from the shipping address (else as the marketplace names them).',
    type: String,
    nullable: true,
    example: 'John Doe',
  })
  buyer_name!: string | null;

  @ApiProperty(moneyProperty('Sale amount of the item (its price × quantity, shipping not included).'))
  sale_price!: string | null;

  @ApiProperty(moneyProperty("The marketplace's selling fee, as it reported it.", '3.50'))
  marketplace_fee!: string | null;

  @ApiProperty(moneyProperty('The payment processing fee, when the platform reports it apart.', '1.07'))
  platform_fee!: string | null;

  @ApiProperty(moneyProperty('Shipping cost.', '5.00'))
  shipping_cost!: string | null;

  @ApiProperty(
    moneyProperty('Net revenue: sale price − marketplace fee − platform fee − shipping cost (absent amounts count as 0).', '25.42'),
  )
  net_revenue!: string | null;

  @ApiProperty(dateTimeProperty('When the order was placed.'))
  sold_at!: string;

  @ApiProperty({
    description: 'The listing the order was matched to, with its item (null for an unmatched line or a sale made outside the platforms).',
    type: OrderListingDto,
    nullable: true,
  })
  inventory_item_listing!: OrderListingDto | null;

  @ApiProperty({ description: 'Tracking number.', type: String, nullable: true, example: null })
  shipment_tracking_number!: string | null;

  @ApiProperty({
    description: 'Carrier code (see `GET /api/v1/inventory/choices/shipment-carriers/`).',
    type: String,
    nullable: true,
    example: null,
  })
  shipment_carrier!: string | null;

  @ApiProperty({
    description: 'Shipment status: `pending`, `label_created`, `shipped`, `in_transit`, `delivered`, `returned`.',
    type: String,
    nullable: true,
    example: null,
  })
  shipment_status!: string | null;

  @ApiProperty({ description: "The buyer's address, summarised.", type: OrderAddressSummaryDto, nullable: true })
  shipment_address!: OrderAddressSummaryDto | null;

  @ApiProperty(dateTimeProperty('When the order was recorded here.'))
  created!: string;

  @ApiProperty(dateTimeProperty('When the order last changed here.'))
  updated!: string;
}

/** An order with every detail (seed 003, Order detail). */
export class OrderDetailDto extends OmitType(OrderDto, ['shipment_address'] as const) {
  @ApiProperty({ description: "The buyer's full shipping address.", type: OrderAddressDto, nullable: true })
  shipment_address!: OrderAddressDto | null;

  @ApiProperty(dateTimeProperty('When the order was created on the marketplace.', true))
  order_created!: string | null;

  @ApiProperty({ description: 'The raw status from the marketplace.', type: String, nullable: true, example: 'PAID' })
  external_order_status!: string | null;

  @ApiProperty({
    description: 'Marketplace-specific order id (same as `order_id`).',
    type: String,
    nullable: true,
    example: '12-34567-89012',
  })
  platform_order_id!: string | null;

  @ApiProperty({ description: 'Shipping service identifier.', type: String, nullable: true, example: null })
  shipment_service_id!: string | null;

  @ApiProperty(dateTimeProperty('When tracking was created.', true))
  shipment_tracking_created!: string | null;

  @ApiProperty({ description: 'Full rate quote data.', type: 'object', additionalProperties: true, nullable: true, example: null })
  shipment_rate_detail!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Whether rate retrieval was attempted.', example: false })
  shipment_rate_retrieval_tried!: boolean;

  @ApiProperty(moneyProperty('Cheapest shipping rate found.', '4.50'))
  shipment_rate_cheapest_price!: string | null;

  @ApiProperty({ description: 'Carrier of the cheapest rate.', type: String, nullable: true, example: 'usps' })
  shipment_rate_cheapest_carrier!: string | null;

  @ApiProperty({ description: 'Product/service name of the cheapest rate.', type: String, nullable: true, example: 'Priority Mail' })
  shipment_rate_cheapest_product!: string | null;

  @ApiProperty({ description: 'Service id of the cheapest rate.', type: String, nullable: true, example: 'usps_priority' })
  shipment_rate_cheapest_service_id!: string | null;

  @ApiProperty({ description: 'Label generation details.', type: 'object', additionalProperties: true, nullable: true, example: null })
  label_detail!: Record<string, unknown> | null;

  @ApiProperty(dateTimeProperty('When the shipping label was last updated.', true))
  label_last_updated!: string | null;

  @ApiProperty({
    description: 'Raw recipient data from the marketplace.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
  })
  shipment_recipient_detail!: Record<string, unknown> | null;

  @ApiProperty(dateTimeProperty('When the recipient details were last synced.', true))
  shipment_recipient_last_updated!: string | null;

  @ApiProperty({ description: 'Shipping label download URL.', type: String, nullable: true, example: null })
  shipment_label_url!: string | null;

  @ApiProperty({ description: 'Packing slip download URL.', type: String, nullable: true, example: null })
  shipment_packing_slip_url!: string | null;

  @ApiProperty({
    description:
      'Whether the tracking reached the marketplace (after `POST .../order/ship/`): `pending` (being sent, retried when the platform ' +
      'fails), `pushed`, or `failed` after the last try (`shipment_sync_error` says why; shipping again retries). Null before shipping, ' +
      'and for a sale made outside the platforms.',
    enum: SHIPMENT_SYNC_STATUSES,
    type: String,
    nullable: true,
    example: 'pushed',
  })
  shipment_sync_status!: string | null;

  @ApiProperty({
    description: 'What the marketplace answered when the tracking could not be sent.',
    type: String,
    nullable: true,
    example: null,
  })
  shipment_sync_error!: string | null;
}

/** Order counts and money totals (seed 003, Order statistics). */
export class OrderStatsDto {
  @ApiProperty({ description: 'Orders awaiting shipment.', example: 23 })
  awaiting_shipment!: number;

  @ApiProperty({ description: 'Orders shipped (not yet delivered).', example: 8 })
  shipped!: number;

  @ApiProperty({ description: 'Completed orders (delivered, or handed over at once).', example: 412 })
  completed!: number;

  @ApiProperty({ description: 'Every order that is not cancelled (unpaid ones included).', example: 443 })
  total!: number;

  @ApiProperty({ description: 'Gross revenue: the sale prices of the orders counted in `total`.', example: '14892.50' })
  total_revenue!: string;

  @ApiProperty({ description: 'Marketplace and platform fees of those orders.', example: '1934.02' })
  total_fees!: string;

  @ApiProperty({ description: 'Shipping costs of those orders.', example: '2210.00' })
  total_shipping!: string;

  @ApiProperty({ description: 'Net revenue of those orders, after fees and shipping.', example: '10748.48' })
  total_net!: string;
}

/** What `POST /api/v1/orders/sync/` queued. */
export class OrderSyncAcceptedDto {
  @ApiProperty({
    description: 'The platforms whose orders are being synced now (the live connections).',
    type: String,
    isArray: true,
    example: ['ebay', 'discogs'],
  })
  platforms!: string[];

  @ApiProperty({ description: 'What happens next.', example: 'Order sync queued for 2 connections.' })
  detail!: string;
}

/** A manual sale refused because of the item's status. */
export class SaleRefusedDto {
  @ApiProperty({ description: 'The reason, readable.', type: [String], example: ['The item has been sold.'] })
  non_field_errors!: string[];

  @ApiProperty({ description: 'Why: the item is sold already, or cancelled.', enum: ['item_sold', 'item_cancelled'], example: 'item_sold' })
  blocking_code!: string;
}
