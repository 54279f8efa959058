import { Injectable } from '@nestjs/common';
import { containsPattern } from '../../infra/database/like-pattern.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { digitalProductFacts } from '../digital/index.js';
import type { ProductOrdering } from './dto/product-query.dto.js';
import type { ProductMetadata, ProductType } from './entities/product.entity.js';

export interface ProductFilters {
  search?: string;
  hasInventory?: boolean;
  hasAvailableInventory?: boolean;
  statuses?: string[];
  type?: ProductType;
  tags?: string[];
  uploadableToRedbubble?: boolean;
}

/** The columns a product response shows, with its artist and label. */
export interface ProductRow {
  id: string;
  uid: string;
  title: string;
  type: ProductType;
  catalog_number: string | null;
  sku: string | null;
  upc: string | null;
  formats: string[] | null;
  year: string | null;
  marketplace_description: string | null;
  license_type: string | null;
  license_notes: string | null;
  tags: string[];
  media_type: string | null;
  is_mature_content: boolean;
  default_visibility: string | null;
  default_shop_product: boolean;
  background_color: string | null;
  enabled_product_types: Record<string, unknown> | null;
  collections: Record<string, unknown> | null;
  price_override_usd: string | null;
  price_computed_usd: string | null;
  image_key: string | null;
  metadata: ProductMetadata | null;
  total_inventory_count: number;
  listed_inventory_count: number;
  available_inventory_count: number;
  has_primary_asset: boolean;
  created: Date;
  updated: Date;
  artist_uid: string | null;
  artist_name: string | null;
  label_uid: string | null;
  label_name: string | null;
}

const ROW_COLUMNS = `p.id, p.uid, p.title, p.type, p.catalog_number, p.sku, p.upc, p.formats, p.year, p.marketplace_description,
  p.license_type, p.license_notes, p.tags, p.media_type, p.is_mature_content, p.default_visibility, p.default_shop_product,
  p.background_color, p.enabled_product_types, p.collections, p.price_override_usd, p.price_computed_usd, p.image_key,
  p.metadata, p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.created, p.updated,
  ${digitalProductFacts.hasPrimaryAsset('p')} AS has_primary_asset,
  a.uid AS artist_uid, a.name AS artist_name, l.uid AS label_uid, l.name AS label_name`;
const ROW_JOINS = `LEFT JOIN artists a ON a.id = p.artist_id LEFT JOIN music_labels l ON l.id = p.music_label_id`;

/**
 * Each ordering is served by an index of the product-list-columns migration (NULLS LAST only on nullable
 * columns, where the index is built that way); ties go newest first, so pages never overlap.
 */
const ORDER_BY: Record<ProductOrdering, string> = {
  title: 'p.title ASC',
  '-title': 'p.title DESC',
  created: 'p.created ASC',
  '-created': 'p.created DESC',
  updated: 'p.updated ASC',
  '-updated': 'p.updated DESC',
  artist__name: 'p.artist_sort_name ASC NULLS LAST',
  '-artist__name': 'p.artist_sort_name DESC NULLS LAST',
  listed_first: '(p.listed_inventory_count > 0) DESC',
  unlisted_first: '(p.listed_inventory_count > 0) ASC',
  price_high_low: 'p.price_sort_usd DESC NULLS LAST',
  price_low_high: 'p.price_sort_usd ASC NULLS LAST',
  most_inventory: 'p.total_inventory_count DESC',
  least_inventory: 'p.total_inventory_count ASC',
};

/** UPLOADABLE_TO_REDBUBBLE_DESCRIPTION, in SQL: its one definition (has_redbubble_presence is kept by a trigger). */
const UPLOADABLE_TO_REDBUBBLE = `(p.type = 'digital' AND p.image_key IS NOT NULL AND NOT p.has_redbubble_presence)`;

/** SQL text with numbered parameters, built a condition at a time. */
class Conditions {
  readonly parameters: unknown[] = [];
  private readonly clauses: string[] = [];

  add(clause: (parameter: (value: unknown) => string) => string): void {
    this.clauses.push(clause((value) => `$${this.parameters.push(value)}`));
  }

  get sql(): string {
    return this.clauses.join(' AND ');
  }

  get size(): number {
    return this.clauses.length;
  }
}

function conditionsOf(organizationId: string, filters: ProductFilters): Conditions {
  const where = new Conditions();
  where.add((parameter) => `p.organization_id = ${parameter(organizationId)}`);
  // search_text and tags_text are kept lowercased by a trigger and trigram-indexed; LIKE on them is ILIKE's answer.
  // The products matching by their own text or by a digital asset's file name: the asset side is read first into an
  // array, so that the OR stays a BitmapOr of the trigram index and the primary key for a count, and a filter on the
  // ordering's index for a page (a semi-join on a UNION reads every match before the page). The organization is a
  // parameter there, not p's column, so that the array is computed once (an InitPlan), not per product.
  if (filters.search) {
    where.add((parameter) => {
      const organization = parameter(organizationId);
      const pattern = parameter(containsPattern(filters.search!));
      const assetMatches = digitalProductFacts.productIdsWithFileNameLike(organization, pattern);
      return `(p.search_text LIKE ${pattern} OR p.id = ANY(ARRAY(${assetMatches})))`;
    });
  }
  if (filters.hasInventory !== undefined) where.add(() => `p.total_inventory_count ${filters.hasInventory ? '> 0' : '= 0'}`);
  if (filters.hasAvailableInventory !== undefined) {
    where.add(() => `p.available_inventory_count ${filters.hasAvailableInventory ? '> 0' : '= 0'}`);
  }
  if (filters.statuses?.length) {
    where.add(
      (parameter) =>
        `EXISTS (SELECT 1 FROM inventory_items i WHERE i.organization_id = p.organization_id AND i.product_id = p.id AND i.deleted_at IS NULL AND i.status = ANY(${parameter(filters.statuses)}))`,
    );
  }
  if (filters.type) where.add((parameter) => `p.type = ${parameter(filters.type)}`);
  // One tag a line, so a pattern without a newline matches within a single tag.
  if (filters.tags?.length) where.add((parameter) => `p.tags_text LIKE ANY(${parameter(filters.tags!.map(containsPattern))})`);
  if (filters.uploadableToRedbubble !== undefined) {
    where.add(() => (filters.uploadableToRedbubble ? UPLOADABLE_TO_REDBUBBLE : `NOT ${UPLOADABLE_TO_REDBUBBLE}`));
  }
  return where;
}

/**
 * The product list's read model: the one place whose SQL reads other domains' tables (inventory items for the
 * status filter; digital assets through digitalProductFacts, for `has_primary_asset` and `search`) to filter and order products. Every query is scoped by the organization.
 */
@Injectable()
export class ProductListQuery {
  constructor(private readonly db: TransactionalConnection) {}

  /** The unfiltered count is kept in a counter row; a filtered one counts the matches. */
  async count(organizationId: string, filters: ProductFilters): Promise<number> {
    const where = conditionsOf(organizationId, filters);
    const [row] =
      where.size === 1
        ? await this.db.select<{ count: number }>(
            `SELECT product_count AS count FROM organization_product_counts WHERE organization_id = $1`,
            [organizationId],
          )
        : await this.db.select<{ count: string }>(`SELECT count(*) AS count FROM products p WHERE ${where.sql}`, where.parameters);
    return Number(row?.count ?? 0);
  }

  page(organizationId: string, filters: ProductFilters, ordering: ProductOrdering, offset: number, limit: number): Promise<ProductRow[]> {
    const where = conditionsOf(organizationId, filters);
    const offsetParameter = `$${where.parameters.push(offset)}`;
    const limitParameter = `$${where.parameters.push(limit)}`;
    // The page is cut before the joins and the primary-asset check: planned over the whole filtered set, the check
    // becomes a hashed subplan that reads every primary asset for each page.
    const orderBy = `${ORDER_BY[ordering]}, p.id DESC`;
    return this.db.select(
      `SELECT ${ROW_COLUMNS}
         FROM (SELECT p.* FROM products p WHERE ${where.sql} ORDER BY ${orderBy} OFFSET ${offsetParameter} LIMIT ${limitParameter}) p
         ${ROW_JOINS}
        ORDER BY ${orderBy}`,
      where.parameters,
    );
  }

  async byUid(organizationId: string, uid: string): Promise<ProductRow | null> {
    const [row] = await this.db.select<ProductRow>(
      `SELECT ${ROW_COLUMNS} FROM products p ${ROW_JOINS} WHERE p.organization_id = $1 AND p.uid = $2`,
      [organizationId, uid],
    );
    return row ?? null;
  }
}
