import { forwardRef, Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { foundOrFail, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { ImageIngest } from '../../common/media/image-ingest.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { DigitalAssetsService } from '../digital/index.js';
import { InventoryService } from '../inventory/index.js';
import { PlatformsService } from '../platforms/index.js';
import { ProductQueryDto } from './dto/product-query.dto.js';
import { CreateProductDto, ProductFieldsDto, UpdateProductDto } from './dto/product-write.dto.js';
import { ProductDto } from './dto/product.dto.js';
import type { Product, ProductMetadata, ProductType } from './entities/product.entity.js';
import { type PresenceRow, PresencesRepository } from './presences.repository.js';
import { type ProductFilters, ProductListQuery, type ProductRow } from './product-list.query.js';
import { mapProduct } from './products.mapper.js';
import { type OwnedProduct, ProductsRepository } from './products.repository.js';
import { normalizeTags, saleKind } from './products.rules.js';

/** Request fields stored as they are, and their entity properties. */
const COPIED_COLUMNS = {
  catalog_number: 'catalogNumber',
  sku: 'sku',
  upc: 'upc',
  formats: 'formats',
  year: 'year',
  marketplace_description: 'marketplaceDescription',
  license_type: 'licenseType',
  license_notes: 'licenseNotes',
  price_override_usd: 'priceOverrideUsd',
  media_type: 'mediaType',
  is_mature_content: 'isMatureContent',
  default_visibility: 'defaultVisibility',
  default_shop_product: 'defaultShopProduct',
  background_color: 'backgroundColor',
  enabled_product_types: 'enabledProductTypes',
  collections: 'collections',
} as const satisfies Partial<Record<keyof ProductFieldsDto, keyof Product>>;

/** A product as an inventory item links to it. */
export interface ProductForItem {
  id: string;
  uid: string;
  type: ProductType;
}

/** The product an inventory item creates when it names no existing one. */
export interface NewProductForItem {
  title: string;
  catalogNumber?: string | null;
  sku?: string | null;
  upc?: string | null;
  year?: string | null;
  metadata?: ProductMetadata | null;
}

/** The product a listing imported from a platform creates. */
export interface ImportedProduct {
  title: string;
  artistName: string | null;
  labelName: string | null;
  catalogNumber: string | null;
  upc: string | null;
  year: string | null;
  formats: string[];
  metadata: ProductMetadata | null;
}

/** A product's presence on a platform, as an import finds it. */
export interface ImportedPresence {
  platformId: string;
  externalListingId: string;
  externalUrl: string | null;
  priceUsd: string;
  imageUrl: string | null;
}

function filtersOf(query: ProductQueryDto): ProductFilters {
  return {
    search: query.search?.trim() || undefined,
    hasInventory: query.has_inventory,
    hasAvailableInventory: query.has_available_inventory,
    statuses: query.status,
    type: query.type,
    tags: query.tags,
    uploadableToRedbubble: query.uploadable_to_redbubble,
  };
}

/** What products need of inventory, typed structurally for the forward reference (see InventoryItemsService). */
type InventoryOfProducts = Pick<InventoryService, 'forProducts' | 'storedFileKeys'>;

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly products: ProductsRepository,
    private readonly listQuery: ProductListQuery,
    private readonly presences: PresencesRepository,
    @Inject(forwardRef(() => InventoryService)) private readonly inventory: InventoryOfProducts,
    private readonly platforms: PlatformsService,
    private readonly digitalAssets: DigitalAssetsService,
    private readonly storage: FileStorage,
    private readonly images: ImageIngest,
  ) {}

  list(auth: AuthContext, query: ProductQueryDto, page: PageRequest, urls: RequestUrls): Promise<Page<ProductDto>> {
    const filters = filtersOf(query);
    return paginate(
      page,
      {
        count: () => this.listQuery.count(auth.organizationId, filters),
        rows: async (offset, limit) =>
          this.present(auth, await this.listQuery.page(auth.organizationId, filters, query.ordering ?? '-created', offset, limit), urls),
      },
      urls,
    );
  }

  async get(auth: AuthContext, uid: string, urls: RequestUrls): Promise<ProductDto> {
    return this.presentOne(auth, uid, urls);
  }

  async create(auth: AuthContext, input: CreateProductDto, urls: RequestUrls): Promise<ProductDto> {
    const created = await this.db.transaction(async () =>
      this.products.insert({
        organizationId: auth.organizationId,
        userId: auth.userId,
        title: input.title,
        type: input.type ?? 'digital',
        ...(await this.fields(auth, input)),
      }),
    );
    return this.presentOne(auth, created.uid, urls);
  }

  async update(auth: AuthContext, uid: string, input: UpdateProductDto, urls: RequestUrls): Promise<ProductDto> {
    await this.db.transaction(async () => {
      const product = await this.owned(auth, uid, { lock: true });
      if (input.type !== undefined && input.type !== product.type) await this.assertPresencesAccept(auth, product, input.type);
      const fields = await this.fields(auth, input);
      if (input.title !== undefined) fields.title = input.title ?? '';
      if (input.type !== undefined) fields.type = input.type;
      await this.products.update(auth.organizationId, product.id, { ...fields, updated: new Date() });
    });
    return this.presentOne(auth, uid, urls);
  }

  /** Deletes the product with its items, presences and digital assets; their stored files are removed once that is committed. */
  async delete(auth: AuthContext, uid: string): Promise<void> {
    await this.db.transaction(async () => {
      const product = await this.owned(auth, uid);
      const itemFiles = await this.inventory.storedFileKeys(auth.organizationId, [product.id]);
      await this.digitalAssets.removeFilesWithProducts(auth.organizationId, [product.id]);
      if (!(await this.products.delete(auth.organizationId, product.id))) throw new NotFound();
      await this.db.afterCommit(() => this.storage.removeAll([product.imageKey, product.imageThumbnailKey, ...itemFiles]));
    });
  }

  /** Stores the image (checked by content) and its thumbnail, replacing the previous ones. */
  async setImage(auth: AuthContext, uid: string, data: Buffer, urls: RequestUrls): Promise<ProductDto> {
    const product = await this.owned(auth, uid);
    const stored = await this.images.ingest(data, `products/${product.uid}`);
    await this.products.update(auth.organizationId, product.id, {
      imageKey: stored.imageKey,
      imageThumbnailKey: stored.thumbnailKey,
      updated: new Date(),
    });
    const replaced = [product.imageKey, product.imageThumbnailKey].filter((key) => key !== stored.imageKey && key !== stored.thumbnailKey);
    await this.storage.removeAll(replaced);
    return this.presentOne(auth, uid, urls);
  }

  /** The caller's product an inventory item is linked to, or null when the organization has none with this uid. */
  async forInventory(auth: AuthContext, uid: string): Promise<ProductForItem | null> {
    const product = await this.products.findOwned(auth.organizationId, uid);
    return product ? { id: product.id, uid: product.uid, type: product.type } : null;
  }

  /** The caller's products with these uids, by uid (unknown and other organizations' left out): one query for a batch of items. */
  async forInventoryMany(auth: AuthContext, uids: string[]): Promise<Map<string, ProductForItem>> {
    if (uids.length === 0) return new Map();
    const products = await this.products.findOwnedByUids(auth.organizationId, uids);
    return new Map(products.map((product) => [product.uid, { id: String(product.id), uid: product.uid, type: product.type }]));
  }

  /** A physical product for a new inventory item (seed 000: `product_title` and the write-only `product_*` fields); joins the caller's transaction. */
  async createForInventory(auth: AuthContext, input: NewProductForItem): Promise<ProductForItem> {
    const [created] = await this.createManyForInventory(auth, [input]);
    return created;
  }

  /** createForInventory for many items at once: one multi-row insert, the products in the order of `inputs`. */
  async createManyForInventory(auth: AuthContext, inputs: NewProductForItem[]): Promise<ProductForItem[]> {
    const created = await this.products.insertMany(
      inputs.map((input) => ({
        organizationId: auth.organizationId,
        userId: auth.userId,
        title: input.title,
        type: 'physical' as const,
        catalogNumber: input.catalogNumber ?? null,
        sku: input.sku ?? null,
        upc: input.upc ?? null,
        year: input.year ?? null,
        metadata: input.metadata ?? null,
      })),
    );
    return created.map((product) => ({ ...product, type: 'physical' as const }));
  }

  /** The caller's product, or the documented 404 (also for another organization's); `lock` as ProductsRepository.findOwned. */
  async owned(auth: AuthContext, uid: string, options: { lock?: boolean } = {}): Promise<OwnedProduct> {
    return foundOrFail(await this.products.findOwned(auth.organizationId, uid, options));
  }

  private async presentOne(auth: AuthContext, uid: string, urls: RequestUrls): Promise<ProductDto> {
    const [product] = await this.present(auth, [foundOrFail(await this.listQuery.byUid(auth.organizationId, uid))], urls);
    return product;
  }

  /** The responses of these products: their inventory, presences and platforms in a fixed number of queries. */
  private async present(auth: AuthContext, rows: ProductRow[], urls: RequestUrls): Promise<ProductDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => String(row.id));
    const [inventory, presences, platforms] = await Promise.all([
      this.inventory.forProducts(
        auth.organizationId,
        rows.map((row) => ({ id: String(row.id), title: row.title, sku: row.sku, catalogNumber: row.catalog_number })),
      ),
      this.presences.forProducts(auth.organizationId, ids),
      this.platforms.catalog(),
    ]);
    const mediaUrl = (key: string) => urls.absolute(this.storage.urlPath(key));
    const presencesOf = new Map<string, PresenceRow[]>();
    for (const presence of presences) {
      const productId = String(presence.product_id);
      presencesOf.set(productId, [...(presencesOf.get(productId) ?? []), presence]);
    }
    return rows.map((row) => {
      const id = String(row.id);
      return mapProduct(row, {
        items: inventory.items.get(id) ?? [],
        presences: presencesOf.get(id) ?? [],
        firstPhotoKey: inventory.firstPhotoKey.get(id) ?? null,
        platforms,
        mediaUrl,
      });
    });
  }

  /** A new type must suit every platform the product is already on (a digital design cannot stay on Discogs). */
  private async assertPresencesAccept(auth: AuthContext, product: OwnedProduct, type: ProductType): Promise<void> {
    const [platformIds, platforms] = await Promise.all([
      this.presences.platformIds(auth.organizationId, product.id),
      this.platforms.catalog(),
    ]);
    const refusing = platformIds.map((id) => platforms.byId(id)).filter((platform) => platform && !platform.accepts(saleKind(type)));
    if (refusing.length > 0) {
      const names = refusing.map((platform) => platform!.displayName).join(', ');
      throw new ValidationFailed({
        type: [`The product has marketplace presences on ${names}, which do not take ${saleKind(type)} products. Remove them first.`],
      });
    }
  }

  /** The columns a create or update sets: only the fields sent; artist and label names are get-or-created. */
  private async fields(auth: AuthContext, input: ProductFieldsDto): Promise<Partial<Product>> {
    const fields: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COPIED_COLUMNS)) {
      const value = input[field as keyof typeof COPIED_COLUMNS];
      if (value !== undefined) fields[column] = value;
    }
    if (input.tags !== undefined) fields.tags = normalizeTags(input.tags);
    if (input.artist_name !== undefined) {
      fields.artistId = input.artist_name?.trim() ? await this.products.linkName('artist', auth.organizationId, input.artist_name) : null;
    }
    if (input.music_label_name !== undefined) {
      fields.musicLabelId = input.music_label_name?.trim()
        ? await this.products.linkName('label', auth.organizationId, input.music_label_name)
        : null;
    }
    return fields as Partial<Product>;
  }

  // --- Imports: the product of a listing brought in from a platform, and its presence there. ---

  /**
   * Physical products with the facts a platform gave, one per imported listing in the order of `inputs` (artists and
   * labels get-or-created by name), in three statements whatever their number; joins the caller's transaction.
   */
  async createImportedMany(organizationId: string, userId: string | null, inputs: ImportedProduct[]): Promise<ProductForItem[]> {
    const named = (name: string | null): name is string => Boolean(name?.trim());
    const artists = await this.products.linkNames('artist', organizationId, inputs.map((input) => input.artistName).filter(named));
    const labels = await this.products.linkNames('label', organizationId, inputs.map((input) => input.labelName).filter(named));
    const created = await this.products.insertMany(
      inputs.map((input) => ({
        organizationId,
        userId,
        title: input.title,
        type: 'physical' as const,
        artistId: named(input.artistName) ? artists.get(input.artistName)! : null,
        musicLabelId: named(input.labelName) ? labels.get(input.labelName)! : null,
        catalogNumber: input.catalogNumber,
        upc: input.upc,
        year: input.year,
        formats: input.formats.length > 0 ? input.formats : null,
        metadata: input.metadata,
      })),
    );
    return created.map((product) => ({ ...product, type: 'physical' as const }));
  }

  /** The product's presence on the platform for this listing, added unless it has one already (in the caller's transaction). */
  async recordImportedPresence(organizationId: string, productId: string, presence: ImportedPresence): Promise<void> {
    await this.presences.insertFound(organizationId, [{ ...presence, productId }]);
  }

  /** Each product's presence on the platform for its listing, unless it has one already, in one statement (in the caller's transaction). */
  async recordImportedPresences(organizationId: string, presences: Array<ImportedPresence & { productId: string }>): Promise<void> {
    await this.presences.insertFound(organizationId, presences);
  }
}
