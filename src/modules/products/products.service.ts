import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError } from '../../common/errors/error-response.js';
import { ImageIngest } from '../../common/media/image-ingest.js';
import { type PageRequest } from '../../common/pagination/pagination.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { PlatformsRepository } from '../platforms/platforms.repository.js';
import { ProductQueryDto } from './dto/product-query.dto.js';
import { CreateProductDto, ProductFieldsDto, UpdateProductDto } from './dto/product-write.dto.js';
import { ProductDto } from './dto/product.dto.js';
import { Artist } from './entities/artist.entity.js';
import { MusicLabel } from './entities/music-label.entity.js';
import { Product } from './entities/product.entity.js';
import { mapProduct } from './products.mapper.js';
import { type ProductFilters, ProductsRepository } from './products.repository.js';
import { normalizeTags } from './products.rules.js';

const NOT_FOUND = 'Not found.';

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

@Injectable()
export class ProductsService {
  private readonly logger = new Logger('ProductsService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductsRepository,
    private readonly platforms: PlatformsRepository,
    private readonly storage: FileStorage,
    private readonly images: ImageIngest,
  ) {}

  /** One page: a count, the page's ids, then every relation of the page in a fixed number of queries. */
  async page(
    auth: AuthContext,
    query: ProductQueryDto,
    page: PageRequest,
    origin: string,
  ): Promise<{ count: number; results: ProductDto[] }> {
    const filters: ProductFilters = {
      search: query.search?.trim() || undefined,
      hasInventory: query.has_inventory,
      hasAvailableInventory: query.has_available_inventory,
      statuses: query.status,
      type: query.type,
      tags: query.tags,
      uploadableToRedbubble: query.uploadable_to_redbubble,
    };
    const count = await this.products.count(auth.organizationId, filters);
    if (page.offset >= count) return { count, results: [] };
    const ids = await this.products.pageIds(auth.organizationId, filters, query.ordering ?? '-created', page.offset, page.pageSize);
    return { count, results: await this.present(ids, origin) };
  }

  async get(auth: AuthContext, uid: string, origin: string): Promise<ProductDto> {
    return this.presentOne(await this.idOf(auth, uid), origin);
  }

  async create(auth: AuthContext, input: CreateProductDto, origin: string): Promise<ProductDto> {
    const id = await this.dataSource.transaction(async (manager) =>
      this.products.insert(manager, {
        organizationId: auth.organizationId,
        userId: auth.userId,
        title: input.title,
        type: input.type ?? 'digital',
        ...(await this.fields(manager, auth, input)),
      }),
    );
    return this.presentOne(id, origin);
  }

  async update(auth: AuthContext, uid: string, input: UpdateProductDto, origin: string): Promise<ProductDto> {
    const id = await this.idOf(auth, uid);
    await this.dataSource.transaction(async (manager) => {
      const fields = await this.fields(manager, auth, input);
      if (input.title !== undefined) fields.title = input.title ?? '';
      await this.products.update(manager, id, { ...fields, updated: new Date() });
    });
    return this.presentOne(id, origin);
  }

  async delete(auth: AuthContext, uid: string): Promise<void> {
    const id = await this.idOf(auth, uid);
    const keys = await this.products.storedFileKeys(id);
    await this.products.delete(auth.organizationId, id);
    await this.removeFiles(keys);
  }

  /** Stores the image (checked by content) and its thumbnail, replacing the previous ones. */
  async setImage(auth: AuthContext, uid: string, data: Buffer, origin: string): Promise<ProductDto> {
    const product = await this.products.findOne(auth.organizationId, uid);
    if (!product) throw new DetailError(404, NOT_FOUND);
    const stored = await this.images.ingest(data, `products/${product.uid}`);
    await this.products.update(this.dataSource.manager, product.id, {
      imageKey: stored.imageKey,
      imageThumbnailKey: stored.thumbnailKey,
      updated: new Date(),
    });
    const previous = [product.imageKey, product.imageThumbnailKey].filter(
      (key): key is string => !!key && key !== stored.imageKey && key !== stored.thumbnailKey,
    );
    await this.removeFiles(previous);
    return this.presentOne(product.id, origin);
  }

  async idOf(auth: AuthContext, uid: string): Promise<string> {
    const id = await this.products.findId(auth.organizationId, uid);
    if (!id) throw new DetailError(404, NOT_FOUND);
    return id;
  }

  private async presentOne(id: string, origin: string): Promise<ProductDto> {
    const [product] = await this.present([id], origin);
    if (!product) throw new DetailError(404, NOT_FOUND);
    return product;
  }

  private async present(ids: string[], origin: string): Promise<ProductDto[]> {
    const [bundles, platforms] = await Promise.all([this.products.load(ids), this.platforms.all()]);
    const mediaUrl = (key: string) => `${origin}${this.storage.urlPath(key)}`;
    return bundles.map((bundle) => mapProduct(bundle, platforms, mediaUrl));
  }

  /** The columns a create or update sets: only the fields sent; artist and label names are get-or-created. */
  private async fields(manager: EntityManager, auth: AuthContext, input: ProductFieldsDto): Promise<Partial<Product>> {
    const fields: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COPIED_COLUMNS)) {
      const value = input[field as keyof typeof COPIED_COLUMNS];
      if (value !== undefined) fields[column] = value;
    }
    if (input.tags !== undefined) fields.tags = normalizeTags(input.tags);
    if (input.artist_name !== undefined) {
      fields.artistId = input.artist_name?.trim()
        ? await this.products.linkName(manager, Artist, auth.organizationId, input.artist_name)
        : null;
    }
    if (input.music_label_name !== undefined) {
      fields.musicLabelId = input.music_label_name?.trim()
        ? await this.products.linkName(manager, MusicLabel, auth.organizationId, input.music_label_name)
        : null;
    }
    return fields as Partial<Product>;
  }

  /** Files are removed after the rows: a failure leaves an orphan file (logged), never a broken product. */
  private async removeFiles(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((error: Error) => this.logger.warn(`Could not remove stored file ${key}: ${error.message}`));
    }
  }
}
