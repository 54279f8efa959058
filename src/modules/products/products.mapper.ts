import { InventoryItem } from '../inventory/entities/inventory-item.entity.js';
import { conditionDisplay, gradeTier, itemTitle, resolvedSku, statusDisplay } from '../inventory/inventory.rules.js';
import { Platform } from '../platforms/entities/platform.entity.js';
import { mapPlatformRef, mapPlatformSummary } from '../platforms/platforms.mapper.js';
import { InventoryItemSummaryDto, MarketplacePresenceDto, ProductDto, RedbubblePresenceDto } from './dto/product.dto.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';
import { Product } from './entities/product.entity.js';
import type { ProductBundle } from './products.repository.js';
import { availablePlatforms, computedPriceUsd, inventoryCounts, productImage, resolvedIdentifier, TYPE_DISPLAY } from './products.rules.js';

/** Turns a stored file key into the absolute URL it is served at. */
export type MediaUrl = (key: string) => string;

export function mapInventoryItemSummary(item: InventoryItem, product: Product): InventoryItemSummaryDto {
  const sku = resolvedSku(item.manualSku, product.sku, product.catalogNumber);
  const tier = gradeTier(item.conditionItem);
  return {
    uid: item.uid,
    title: itemTitle(item.name, product.title, item.conditionItem),
    status: item.status,
    status_display: statusDisplay(item.status),
    condition_item: item.conditionItem,
    condition_item_display: conditionDisplay(item.conditionItem),
    condition_container: item.conditionContainer,
    condition_container_display: conditionDisplay(item.conditionContainer),
    condition_comments: item.conditionComments,
    price_total_usd: item.priceTotalUsd,
    listing_current_price: item.listingCurrentPrice,
    price_expected_usd: item.priceExpectedUsd,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    grade_tier_code: tier?.code ?? null,
    grade_tier_label: tier?.label ?? null,
    created: item.created.toISOString(),
    updated: item.updated.toISOString(),
  };
}

export function mapPresence(presence: MarketplacePresence): MarketplacePresenceDto {
  return {
    id: presence.id,
    platform: presence.platform ? mapPlatformRef(presence.platform) : null,
    external_listing_id: presence.externalListingId,
    external_url: presence.externalUrl,
    status: presence.status,
    listing_price: presence.listingPrice,
    listing_currency: presence.listingCurrency,
    listing_price_usd: presence.listingPriceUsd,
    is_selling_enabled: presence.isSellingEnabled,
    price_last_updated: presence.priceLastUpdated?.toISOString() ?? null,
    last_checked_at: presence.lastCheckedAt?.toISOString() ?? null,
    created_at: presence.created.toISOString(),
    updated_at: presence.updated.toISOString(),
  };
}

function redbubblePresence(presences: MarketplacePresence[]): RedbubblePresenceDto {
  const presence = presences.find((candidate) => candidate.platform?.slug === 'redbubble');
  return {
    exists: !!presence,
    external_url: presence?.externalUrl ?? null,
    external_listing_id: presence?.externalListingId ?? null,
    status: presence?.status ?? null,
  };
}

export function mapProduct(bundle: ProductBundle, platforms: Platform[], mediaUrl: MediaUrl): ProductDto {
  const { product, items, presences } = bundle;
  const counts = inventoryCounts(items);
  const identifier = resolvedIdentifier(product);
  return {
    uid: product.uid,
    title: product.title,
    type: product.type,
    type_display: TYPE_DISPLAY[product.type] ?? product.type,
    artist: product.artist ? { uid: product.artist.uid, name: product.artist.name } : null,
    music_label: product.musicLabel ? { uid: product.musicLabel.uid, name: product.musicLabel.name } : null,
    catalog_number: product.catalogNumber,
    sku: product.sku,
    upc: product.upc,
    formats: product.formats,
    year: product.year,
    marketplace_description: product.marketplaceDescription,
    license_type: product.licenseType,
    license_notes: product.licenseNotes,
    tags: product.tags,
    media_type: product.mediaType,
    is_mature_content: product.isMatureContent,
    default_visibility: product.defaultVisibility,
    default_shop_product: product.defaultShopProduct,
    background_color: product.backgroundColor,
    enabled_product_types: product.enabledProductTypes,
    collections: product.collections as Record<string, unknown> | null,
    price_computed_usd: computedPriceUsd(items, presences),
    price_override_usd: product.priceOverrideUsd,
    resolved_identifier: identifier.value,
    resolved_identifier_source: identifier.source,
    product_image: productImage(
      product.imageKey ? mediaUrl(product.imageKey) : null,
      bundle.firstAssetKey ? mediaUrl(bundle.firstAssetKey) : null,
      presences.map((presence) => presence.imageUrl),
    ),
    total_inventory_count: counts.total,
    listed_inventory_count: counts.listed,
    available_inventory_count: counts.available,
    has_primary_asset: false,
    inventory_items: items.map((item) => mapInventoryItemSummary(item, product)),
    available_platforms: availablePlatforms(product.type, platforms).map(mapPlatformSummary),
    marketplace_presences: presences.map(mapPresence),
    redbubble_presence: redbubblePresence(presences),
    metadata: product.metadata
      ? { external_id: product.metadata.external_id ?? null, external_id_title: product.metadata.external_id_title ?? null }
      : null,
    created: product.created.toISOString(),
    updated: product.updated.toISOString(),
  };
}
