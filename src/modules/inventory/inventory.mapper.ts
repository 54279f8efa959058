import { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
import type { ItemSummaryRow } from './inventory.repository.js';
import { conditionDisplay, gradeTier, itemTitle, resolvedSku, statusDisplay } from './inventory.rules.js';

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
