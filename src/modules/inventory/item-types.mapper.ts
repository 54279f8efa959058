import { ItemTypeDto, ItemTypeRefDto, PlatformItemTypeDto } from './dto/item-type.dto.js';
import type { InventoryItemType } from './entities/inventory-item-type.entity.js';
import { CATEGORY_PLATFORMS, type PlatformCategories, type PlatformCategory } from './item-types.rules.js';

export function mapItemTypeRef(type: InventoryItemType): ItemTypeRefDto {
  return { uid: type.uid, name: type.name, slug: type.slug };
}

/** The documented platforms' categories only, each as `{id, name}` with a string id. */
function mapPlatformCategories(categories: PlatformCategories): PlatformCategories {
  return Object.fromEntries(
    CATEGORY_PLATFORMS.flatMap((platform) => {
      const category = categories[platform];
      return category ? [[platform, mapPlatformCategory(category)]] : [];
    }),
  );
}

function mapPlatformCategory(category: PlatformCategory): PlatformCategory {
  return { id: String(category.id), name: category.name };
}

export function mapItemType(type: InventoryItemType): ItemTypeDto {
  return { ...mapItemTypeRef(type), platform_categories: mapPlatformCategories(type.platformCategories) };
}

export function mapPlatformItemType(type: InventoryItemType, platform: string, category: PlatformCategory): PlatformItemTypeDto {
  return { ...mapItemTypeRef(type), platform, category: mapPlatformCategory(category) };
}
