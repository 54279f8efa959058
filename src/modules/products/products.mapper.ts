import type { InventoryItemSummaryDto } from '../inventory/index.js';
import type { PlatformCatalog } from '../platforms/index.js';
import { MarketplacePresenceDto, ProductDto, RedbubblePresenceDto } from './dto/product.dto.js';
import type { PresenceRow } from './presences.repository.js';
import type { ProductRow } from './product-list.query.js';
import { productImage, resolvedIdentifier, saleKind, TYPE_DISPLAY } from './products.rules.js';

/** Turns a stored file key into the absolute URL it is served at. */
export type MediaUrl = (key: string) => string;

/** Everything a product response shows besides its own row. */
export interface ProductRelations {
  items: InventoryItemSummaryDto[];
  presences: PresenceRow[];
  firstPhotoKey: string | null;
  platforms: PlatformCatalog;
  mediaUrl: MediaUrl;
}

export function mapPresence(presence: PresenceRow, platforms: PlatformCatalog): MarketplacePresenceDto {
  return {
    id: presence.id,
    platform: presence.platform_id === null ? null : platforms.ref(String(presence.platform_id)),
    external_listing_id: presence.external_listing_id,
    external_url: presence.external_url,
    status: presence.status,
    listing_price: presence.listing_price,
    listing_currency: presence.listing_currency,
    listing_price_usd: presence.listing_price_usd,
    is_selling_enabled: presence.is_selling_enabled,
    price_last_updated: presence.price_last_updated?.toISOString() ?? null,
    last_checked_at: presence.last_checked_at?.toISOString() ?? null,
    created_at: presence.created_at.toISOString(),
    updated_at: presence.updated_at.toISOString(),
  };
}

function redbubblePresence(presences: MarketplacePresenceDto[]): RedbubblePresenceDto {
  const presence = presences.find((candidate) => candidate.platform?.slug === 'redbubble');
  return {
    exists: !!presence,
    external_url: presence?.external_url ?? null,
    external_listing_id: presence?.external_listing_id ?? null,
    status: presence?.status ?? null,
  };
}

export function mapProduct(row: ProductRow, relations: ProductRelations): ProductDto {
  const { items, firstPhotoKey, platforms, mediaUrl } = relations;
  const identifier = resolvedIdentifier({ upc: row.upc, catalogNumber: row.catalog_number, sku: row.sku, metadata: row.metadata });
  const presences = relations.presences.map((presence) => mapPresence(presence, platforms));
  return {
    uid: row.uid,
    title: row.title,
    type: row.type,
    type_display: TYPE_DISPLAY[row.type] ?? row.type,
    artist: row.artist_uid ? { uid: row.artist_uid, name: row.artist_name! } : null,
    music_label: row.label_uid ? { uid: row.label_uid, name: row.label_name! } : null,
    catalog_number: row.catalog_number,
    sku: row.sku,
    upc: row.upc,
    formats: row.formats,
    year: row.year,
    marketplace_description: row.marketplace_description,
    license_type: row.license_type,
    license_notes: row.license_notes,
    tags: row.tags,
    media_type: row.media_type,
    is_mature_content: row.is_mature_content,
    default_visibility: row.default_visibility,
    default_shop_product: row.default_shop_product,
    background_color: row.background_color,
    enabled_product_types: row.enabled_product_types,
    collections: row.collections,
    price_computed_usd: row.price_computed_usd,
    price_override_usd: row.price_override_usd,
    resolved_identifier: identifier.value,
    resolved_identifier_source: identifier.source,
    product_image: productImage(
      row.image_key ? mediaUrl(row.image_key) : null,
      firstPhotoKey ? mediaUrl(firstPhotoKey) : null,
      relations.presences.map((presence) => presence.image_url),
    ),
    total_inventory_count: row.total_inventory_count,
    listed_inventory_count: row.listed_inventory_count,
    available_inventory_count: row.available_inventory_count,
    has_primary_asset: row.has_primary_asset,
    inventory_items: items,
    available_platforms: platforms.availableFor(saleKind(row.type)),
    marketplace_presences: presences,
    redbubble_presence: redbubblePresence(presences),
    metadata: row.metadata
      ? { external_id: row.metadata.external_id ?? null, external_id_title: row.metadata.external_id_title ?? null }
      : null,
    created: row.created.toISOString(),
    updated: row.updated.toISOString(),
  };
}
