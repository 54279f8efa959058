import { AuditLogDto } from './dto/audit-log.dto.js';
import { InventoryAssetDto } from './dto/inventory-asset.dto.js';
import { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
import { InventoryItemDto } from './dto/inventory-item.dto.js';
import { ItemTypeRefDto } from './dto/item-type.dto.js';
import type { AuditLogRow } from './inventory-audit.repository.js';
import type { AssetRow, ItemRow } from './inventory-list.query.js';
import type { ItemSummaryRow } from './inventory.repository.js';
import {
  conditionDisplay,
  DEFAULT_PRICING_MODEL,
  daysInInventory,
  daysListed,
  gradeTier,
  isDeletable,
  itemTitle,
  resolvedSku,
  statusDisplay,
} from './inventory.rules.js';

/** The product facts an item's title and SKU fall back on. */
export interface ItemProductFacts {
  title: string;
  sku: string | null;
  catalogNumber: string | null;
}

export function mapInventoryItemSummary(item: ItemSummaryRow, product: ItemProductFacts): InventoryItemSummaryDto {
  const sku = resolvedSku(item.manual_sku, product.sku, product.catalogNumber);
  const tier = gradeTier(item.condition_item);
  return {
    uid: item.uid,
    title: itemTitle(item.name, product.title, item.condition_item),
    status: item.status,
    status_display: statusDisplay(item.status),
    condition_item: item.condition_item,
    condition_item_display: conditionDisplay(item.condition_item),
    condition_container: item.condition_container,
    condition_container_display: conditionDisplay(item.condition_container),
    condition_comments: item.condition_comments,
    price_total_usd: item.price_total_usd,
    listing_current_price: item.listing_current_price,
    price_expected_usd: item.price_expected_usd,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    grade_tier_code: tier?.code ?? null,
    grade_tier_label: tier?.label ?? null,
    created: item.created.toISOString(),
    updated: item.updated.toISOString(),
  };
}

/** What an item response needs besides its row. */
export interface ItemContext {
  assets: AssetRow[];
  itemType: ItemTypeRefDto | null;
  hasActiveListing: boolean;
  now: Date;
  mediaUrl: (key: string) => string;
}

export function mapAsset(asset: AssetRow, mediaUrl: (key: string) => string): InventoryAssetDto {
  return {
    uid: asset.uid,
    type: asset.type,
    description: asset.description,
    file_url: mediaUrl(asset.file_key),
    thumbnail_url: mediaUrl(asset.thumbnail_key ?? asset.file_key),
    file_size: asset.file_size,
    file_name: asset.file_name,
    is_identifying_asset: asset.is_identifying_asset,
    listing_assets: [],
    created: asset.created.toISOString(),
    updated: asset.updated.toISOString(),
  };
}

export function mapInventoryItem(row: ItemRow, context: ItemContext): InventoryItemDto {
  const sku = resolvedSku(row.manual_sku, row.product_sku, row.product_catalog_number);
  const tier = gradeTier(row.condition_item);
  return {
    uid: row.uid,
    title: itemTitle(row.name, row.product_title, row.condition_item),
    name: row.name,
    user: row.user_uid ? { uid: row.user_uid, username: row.user_username ?? '', email: row.user_email ?? '' } : null,
    organization: {
      uid: row.organization_uid,
      display_name: row.organization_display_name,
      slug: row.organization_slug,
      default_barcode_type: row.organization_default_barcode_type,
    },
    product: {
      uid: row.product_uid,
      title: row.product_title,
      type: row.product_type,
      artist: row.artist_uid ? { uid: row.artist_uid, name: row.artist_name ?? '' } : null,
      catalog_number: row.product_catalog_number,
    },
    inventory_item_type: context.itemType,
    condition_item: row.condition_item,
    condition_item_display: conditionDisplay(row.condition_item),
    condition_container: row.condition_container,
    condition_container_display: conditionDisplay(row.condition_container),
    condition_container_manually_set: row.condition_container_manually_set,
    condition_comments: row.condition_comments,
    condition_seller_description: row.condition_seller_description,
    grade_tier_code: tier?.code ?? null,
    grade_tier_label: tier?.label ?? null,
    status: row.status,
    status_display: statusDisplay(row.status),
    price_total_usd: row.price_total_usd,
    price_item_usd: row.price_item_usd,
    price_shipping_usd: row.price_shipping_usd,
    price_expected_usd: row.price_expected_usd,
    price_purchased_item: row.price_purchased_item,
    price_for_purchases_shipping: row.price_for_purchases_shipping,
    listing_current_price: row.listing_current_price,
    default_pricing_model: { ...DEFAULT_PRICING_MODEL },
    manual_description: row.manual_description,
    manual_sku: row.manual_sku,
    resolved_sku: sku.value,
    resolved_sku_source: sku.source,
    notes: row.notes,
    location: row.location,
    assets: context.assets.map((asset) => mapAsset(asset, context.mediaUrl)),
    days_in_inventory: daysInInventory({ receivedAt: row.received_at, purchasedAt: row.purchased_at, created: row.created }, context.now),
    days_listed: daysListed(row.listed_at, context.now),
    listed_at: row.listed_at?.toISOString() ?? null,
    purchased_at: row.purchased_at?.toISOString() ?? null,
    received_at: row.received_at?.toISOString() ?? null,
    is_deletable: isDeletable(row.status, context.hasActiveListing),
    created: row.created.toISOString(),
    updated: row.updated.toISOString(),
  };
}

export function mapAuditLog(entry: AuditLogRow): AuditLogDto {
  return {
    uid: entry.uid,
    action: entry.action,
    source: entry.source,
    actor_uid: entry.actor_uid,
    organization_uid: entry.organization_uid,
    listing_uid: entry.listing_uid,
    inventory_item_uid: entry.inventory_item_uid,
    inventory_item_title: entry.inventory_item_title,
    platform_slug: entry.platform_slug,
    status_before: entry.status_before,
    status_after: entry.status_after,
    message: entry.message,
    metadata: entry.metadata,
    request_id: entry.request_id,
    ip_address: entry.ip_address,
    user_agent: entry.user_agent,
    severity: entry.severity,
    created: entry.created.toISOString(),
  };
}
