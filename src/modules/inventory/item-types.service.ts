import { Injectable } from '@nestjs/common';
import { NotFound } from '../../common/errors/error-response.js';
import { PlatformsService } from '../platforms/index.js';
import { ItemTypeDto, ItemTypeRefDto, PlatformItemTypeDto } from './dto/item-type.dto.js';
import type { InventoryItemType } from './entities/inventory-item-type.entity.js';
import { mapItemType, mapItemTypeRef, mapPlatformItemType } from './item-types.mapper.js';
import { ItemTypesRepository } from './item-types.repository.js';
import { CATEGORY_PLATFORMS, matchesSearch } from './item-types.rules.js';

/** What the inventory items service needs of one item type to store it on an item and show it. */
export interface ItemTypeFacts {
  /** Internal id, for the item's foreign key; never shown. */
  id: string;
  uid: string;
  name: string;
  slug: string;
}

/** A search result with the names it is found by. */
interface Searchable<T> {
  dto: T;
  names: string[];
}

/** The item types, shaped once per process for every response that shows them. */
interface ItemTypeCatalog {
  all: Array<Searchable<ItemTypeDto>>;
  /** Per platform slug that has categories, the types that map to one there, in display order. */
  byPlatform: Map<string, Array<Searchable<PlatformItemTypeDto>>>;
  byUid: Map<string, ItemTypeFacts>;
  refs: Map<string, ItemTypeRefDto>;
}

function namesOf(type: InventoryItemType): string[] {
  return [type.name, type.slug, ...type.aliases];
}

function catalogOf(types: InventoryItemType[]): ItemTypeCatalog {
  const byPlatform = new Map(
    CATEGORY_PLATFORMS.map((platform) => [
      platform as string,
      types.flatMap((type) => {
        const category = type.platformCategories[platform];
        // On a platform, a type is also found by the name of its category there (`records` finds vinyl on eBay).
        return category ? [{ dto: mapPlatformItemType(type, platform, category), names: [...namesOf(type), category.name] }] : [];
      }),
    ]),
  );
  return {
    all: types.map((type) => ({ dto: mapItemType(type), names: namesOf(type) })),
    byPlatform,
    byUid: new Map(types.map((type) => [type.uid, { id: String(type.id), uid: type.uid, name: type.name, slug: type.slug }])),
    refs: new Map(types.map((type) => [String(type.id), mapItemTypeRef(type)])),
  };
}

function search<T>(entries: Array<Searchable<T>>, q: string | undefined): T[] {
  return entries.filter((entry) => matchesSearch(entry.names, q)).map((entry) => entry.dto);
}

@Injectable()
export class ItemTypesService {
  private cached: Promise<ItemTypeCatalog> | null = null;

  constructor(
    private readonly itemTypes: ItemTypesRepository,
    private readonly platforms: PlatformsService,
  ) {}

  /** Every item type, in display order. */
  async all(): Promise<ItemTypeDto[]> {
    return (await this.catalog()).all.map((entry) => entry.dto);
  }

  /** The types whose name, slug or another name contains `q` (ignoring case, spaces and punctuation); all when `q` is empty. */
  async search(q: string | undefined): Promise<ItemTypeDto[]> {
    return search((await this.catalog()).all, q);
  }

  /**
   * As `search`, among the types that map to a category on this platform (also found by that category's name),
   * each with that category. An unknown platform slug is the documented 404.
   */
  async searchForPlatform(slug: string, q: string | undefined): Promise<PlatformItemTypeDto[]> {
    const [platforms, catalog] = await Promise.all([this.platforms.catalog(), this.catalog()]);
    if (!platforms.all.some((platform) => platform.slug === slug)) throw new NotFound();
    return search(catalog.byPlatform.get(slug) ?? [], q);
  }

  /** The type an item names by `inventory_item_type_uid`, or null when no type has this uid. */
  async byUid(uid: string): Promise<ItemTypeFacts | null> {
    return (await this.catalog()).byUid.get(uid) ?? null;
  }

  /** `{uid, name, slug}` of the type with this internal id (an item's `inventory_item_type`), or null. */
  async ref(id: string): Promise<ItemTypeRefDto | null> {
    return (await this.catalog()).refs.get(String(id)) ?? null;
  }

  /** Reference data that only a migration changes, so it is read once per process. */
  private catalog(): Promise<ItemTypeCatalog> {
    this.cached ??= this.itemTypes
      .all()
      .then(catalogOf)
      .catch((error: unknown) => {
        this.cached = null;
        throw error;
      });
    return this.cached;
  }
}
