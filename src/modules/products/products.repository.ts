import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { InventoryItem } from '../inventory/entities/inventory-item.entity.js';
import { AVAILABLE_STATUSES, UNSOLD_STATUSES } from '../inventory/inventory.rules.js';
import { Artist } from './entities/artist.entity.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';
import { MusicLabel } from './entities/music-label.entity.js';
import { Product, type ProductType } from './entities/product.entity.js';
import type { ProductOrdering } from './dto/product-query.dto.js';
import { nameKey } from './products.rules.js';

export interface ProductFilters {
  search?: string;
  hasInventory?: boolean;
  hasAvailableInventory?: boolean;
  statuses?: string[];
  type?: ProductType;
  tags?: string[];
  uploadableToRedbubble?: boolean;
}

/** A product with everything its response shows, loaded for a whole page at once. */
export interface ProductBundle {
  product: Product;
  items: InventoryItem[];
  presences: MarketplacePresence[];
  firstAssetKey: string | null;
}

const LIVE_ITEMS = 'i.product_id = p.id AND i.deleted_at IS NULL';
const ITEM_COUNT = `(SELECT count(*) FROM inventory_items i WHERE ${LIVE_ITEMS})`;
const LISTED_COUNT = `(SELECT count(*) FROM inventory_items i WHERE ${LIVE_ITEMS} AND i.status = 'listed')`;
const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
/** Mirrors products.rules.ts computedPriceUsd (the override first), so that price ordering matches the values shown. */
const EFFECTIVE_PRICE = `COALESCE(
  p.price_override_usd,
  (SELECT min(i.price_total_usd) FROM inventory_items i WHERE ${LIVE_ITEMS} AND i.status IN (${quoted(UNSOLD_STATUSES)})),
  (SELECT min(mp.listing_price_usd) FROM marketplace_presences mp
     WHERE mp.product_id = p.id AND mp.status = 'active' AND mp.is_selling_enabled))`;
/** Mirrors products.rules.ts isUploadableToRedbubble. */
const UPLOADABLE_TO_REDBUBBLE = `(p.type = 'digital' AND p.image_key IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM marketplace_presences mp JOIN platforms pl ON pl.id = mp.platform_id
  WHERE mp.product_id = p.id AND pl.slug = 'redbubble'))`;

const ORDERINGS: Record<ProductOrdering, { expression: string; direction: 'ASC' | 'DESC' }> = {
  title: { expression: 'p.title', direction: 'ASC' },
  '-title': { expression: 'p.title', direction: 'DESC' },
  created: { expression: 'p.created', direction: 'ASC' },
  '-created': { expression: 'p.created', direction: 'DESC' },
  updated: { expression: 'p.updated', direction: 'ASC' },
  '-updated': { expression: 'p.updated', direction: 'DESC' },
  artist__name: { expression: 'lower(artist.name)', direction: 'ASC' },
  '-artist__name': { expression: 'lower(artist.name)', direction: 'DESC' },
  listed_first: { expression: `(${LISTED_COUNT} > 0)`, direction: 'DESC' },
  unlisted_first: { expression: `(${LISTED_COUNT} > 0)`, direction: 'ASC' },
  price_high_low: { expression: EFFECTIVE_PRICE, direction: 'DESC' },
  price_low_high: { expression: EFFECTIVE_PRICE, direction: 'ASC' },
  most_inventory: { expression: ITEM_COUNT, direction: 'DESC' },
  least_inventory: { expression: ITEM_COUNT, direction: 'ASC' },
};

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

@Injectable()
export class ProductsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private filtered(organizationId: string, filters: ProductFilters): SelectQueryBuilder<Product> {
    const qb = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.organization_id = :organizationId', { organizationId });
    if (filters.search) {
      // One trigram-indexed column holds every searched field (see the product-search-text migration).
      qb.andWhere('p.search_text ILIKE :search', { search: likePattern(filters.search.trim().toLowerCase()) });
    }
    if (filters.hasInventory !== undefined) {
      qb.andWhere(`${filters.hasInventory ? '' : 'NOT '}EXISTS (SELECT 1 FROM inventory_items i WHERE ${LIVE_ITEMS})`);
    }
    if (filters.hasAvailableInventory !== undefined) {
      qb.andWhere(
        `${filters.hasAvailableInventory ? '' : 'NOT '}EXISTS (SELECT 1 FROM inventory_items i WHERE ${LIVE_ITEMS} AND i.status IN (:...available))`,
        { available: AVAILABLE_STATUSES },
      );
    }
    if (filters.statuses?.length) {
      qb.andWhere(`EXISTS (SELECT 1 FROM inventory_items i WHERE ${LIVE_ITEMS} AND i.status IN (:...statuses))`, {
        statuses: filters.statuses,
      });
    }
    if (filters.type) qb.andWhere('p.type = :type', { type: filters.type });
    if (filters.tags?.length) {
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE tag ILIKE ANY(:tagPatterns))', {
        tagPatterns: filters.tags.map(likePattern),
      });
    }
    if (filters.uploadableToRedbubble !== undefined) {
      qb.andWhere(filters.uploadableToRedbubble ? UPLOADABLE_TO_REDBUBBLE : `NOT ${UPLOADABLE_TO_REDBUBBLE}`);
    }
    return qb;
  }

  async count(organizationId: string, filters: ProductFilters): Promise<number> {
    const row = await this.filtered(organizationId, filters).select('count(*)', 'count').getRawOne<{ count: string }>();
    return Number(row?.count ?? 0);
  }

  /** The ids of one page, in order; ties are broken by newest first so that pages never overlap. */
  async pageIds(
    organizationId: string,
    filters: ProductFilters,
    ordering: ProductOrdering,
    offset: number,
    limit: number,
  ): Promise<string[]> {
    const { expression, direction } = ORDERINGS[ordering];
    const qb = this.filtered(organizationId, filters);
    if (ordering.endsWith('artist__name')) qb.leftJoin('p.artist', 'artist');
    const rows = await qb
      .select('p.id', 'id')
      .addSelect(expression, 'sort_key')
      .orderBy('sort_key', direction, 'NULLS LAST')
      .addOrderBy('p.id', 'DESC')
      .offset(offset)
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Everything the responses of these products show, in four queries whatever their number. */
  async load(ids: string[]): Promise<ProductBundle[]> {
    if (ids.length === 0) return [];
    const [products, items, presences, assets] = await Promise.all([
      this.dataSource.getRepository(Product).find({ where: { id: In(ids) }, relations: { artist: true, musicLabel: true } }),
      this.dataSource.getRepository(InventoryItem).find({ where: { productId: In(ids) }, order: { created: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(MarketplacePresence)
        .find({ where: { productId: In(ids) }, relations: { platform: true }, order: { created: 'ASC', id: 'ASC' } }),
      this.dataSource.query<Array<{ product_id: string; file_key: string }>>(
        `SELECT DISTINCT ON (i.product_id) i.product_id, a.file_key
           FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id
          WHERE i.product_id = ANY($1) AND i.deleted_at IS NULL
          ORDER BY i.product_id, a.is_identifying_asset DESC, a.created, a.id`,
        [ids],
      ),
    ]);
    const byId = new Map(products.map((product) => [product.id, product]));
    const firstAsset = new Map(assets.map((row) => [String(row.product_id), row.file_key]));
    return ids
      .filter((id) => byId.has(id))
      .map((id) => ({
        product: byId.get(id)!,
        items: items.filter((item) => item.productId === id),
        presences: presences.filter((presence) => presence.productId === id),
        firstAssetKey: firstAsset.get(id) ?? null,
      }));
  }

  async findId(organizationId: string, uid: string): Promise<string | null> {
    const product = await this.dataSource.getRepository(Product).findOne({ select: { id: true }, where: { organizationId, uid } });
    return product?.id ?? null;
  }

  findOne(organizationId: string, uid: string): Promise<Product | null> {
    return this.dataSource.getRepository(Product).findOneBy({ organizationId, uid });
  }

  async insert(manager: EntityManager, fields: Partial<Product> & { organizationId: string; title: string }): Promise<string> {
    const saved = await manager.getRepository(Product).save({ ...fields, uid: newUid('prod') });
    return saved.id;
  }

  async update(manager: EntityManager, id: string, fields: Partial<Product>): Promise<void> {
    await manager.getRepository(Product).update({ id }, fields as QueryDeepPartialEntity<Product>);
  }

  /** Deletes the product; its items, their assets and its presences go with it (foreign keys cascade). */
  async delete(organizationId: string, id: string): Promise<void> {
    await this.dataSource.getRepository(Product).delete({ organizationId, id });
  }

  /** The keys of files stored for the product and its items, to remove from storage after deletion. */
  async storedFileKeys(id: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ key: string | null }>>(
      `SELECT image_key AS key FROM products WHERE id = $1
       UNION ALL SELECT image_thumbnail_key FROM products WHERE id = $1
       UNION ALL SELECT a.file_key FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id WHERE i.product_id = $1
       UNION ALL SELECT a.thumbnail_key FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id WHERE i.product_id = $1`,
      [id],
    );
    return rows.map((row) => row.key).filter((key): key is string => !!key);
  }

  /** Get-or-create of an artist or label by name within the organization; atomic under concurrency. */
  async linkName(manager: EntityManager, entity: typeof Artist | typeof MusicLabel, organizationId: string, name: string): Promise<string> {
    const table = entity === Artist ? 'artists' : 'music_labels';
    const prefix = entity === Artist ? 'art' : 'lbl';
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO ${table} (uid, organization_id, name, name_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, name_key) DO UPDATE SET name_key = EXCLUDED.name_key
       RETURNING id`,
      [newUid(prefix), organizationId, name.trim(), nameKey(name)],
    );
    return String(rows[0].id);
  }
}
