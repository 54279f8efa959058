import { forwardRef, Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { DomainEvents } from '../../infra/events/domain-events.js';
import { ActivityService } from '../activity/index.js';
import { ListingDto, listingPrice, ListingsService } from '../listings/index.js';
import { type ProductForItem, ProductsService } from '../products/index.js';
import { AuditLogDto } from './dto/audit-log.dto.js';
import { CreateInventoryItemDto, InventoryItemFieldsDto, UpdateInventoryItemDto } from './dto/inventory-item-write.dto.js';
import { InventoryItemDetailDto, InventoryItemDto } from './dto/inventory-item.dto.js';
import { ItemTypeRefDto } from './dto/item-type.dto.js';
import { inventoryFilters, InventoryQueryDto } from './dto/inventory-query.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { type Actor, InventoryAuditService } from './inventory-audit.service.js';
import { InventoryPricesChanged, priceChanges } from './inventory-prices-changed.event.js';
import { itemCreatedActivity, priceChangedActivities } from './item-activity.rules.js';
import { type AssetRow, InventoryListQuery, type ItemRow } from './inventory-list.query.js';
import { mapInventoryItem } from './inventory.mapper.js';
import { ItemTypesService } from './item-types.service.js';
import { InventoryRepository } from './inventory.repository.js';
import { deleteProblem, describeUpdate, itemTitle, SOFT_DELETE_AUDIT_MESSAGE, statusDisplay } from './inventory.rules.js';
import { itemUpdate, newItemColumns, newProductTitle, NO_PRODUCT, type ResolvedReferences, statusAfter } from './item-write.rules.js';

const PRODUCT_ONLY_FIELDS = ['product_catalog_number', 'product_sku', 'product_upc', 'product_year', 'product_metadata'] as const;

/**
 * What items need of products. Products and inventory use each other, so each injects the other by a forward
 * reference and types it structurally: a class type here would be read when this file loads, before the cycle resolves.
 */
type ProductsOfItems = Pick<ProductsService, 'forInventory' | 'createForInventory'>;

/** The inventory items API: list, detail, create, update and soft delete, each change audited in its transaction. */
@Injectable()
export class InventoryItemsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly items: InventoryRepository,
    private readonly listQuery: InventoryListQuery,
    private readonly audit: InventoryAuditService,
    private readonly storage: FileStorage,
    private readonly itemTypes: ItemTypesService,
    private readonly listings: ListingsService,
    @Inject(forwardRef(() => ProductsService)) private readonly products: ProductsOfItems,
    private readonly events: DomainEvents,
    private readonly activity: ActivityService,
  ) {}

  list(auth: AuthContext, query: InventoryQueryDto, page: PageRequest, urls: RequestUrls): Promise<Page<InventoryItemDto>> {
    const filters = inventoryFilters(query);
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

  async get(auth: AuthContext, uid: string, urls: RequestUrls): Promise<InventoryItemDetailDto> {
    const row = foundOrFail(await this.listQuery.byUid(auth.organizationId, uid));
    const [[item], platformListability] = await Promise.all([
      this.present(auth, [row], urls),
      this.listings.listability(auth.organizationId, {
        id: String(row.id),
        status: row.status,
        productType: row.product_type,
        priceTotalUsd: row.price_total_usd,
        listingCurrentPrice: row.listing_current_price,
      }),
    ]);
    return { ...item, is_sold: row.status === 'sold', platform_listability: platformListability };
  }

  async create(actor: Actor, input: CreateInventoryItemDto, urls: RequestUrls): Promise<InventoryItemDetailDto> {
    const { auth } = actor;
    const status = input.status ?? 'draft';
    const created = await this.db.transaction(async () => {
      const planned = newItemColumns(input, await this.itemTypeReference(input), new Date());
      if ('errors' in planned) throw new ValidationFailed(planned.errors);
      const product = await this.productFor(auth, input);
      const item = await this.items.insert({
        ...planned.columns,
        organizationId: auth.organizationId,
        userId: auth.userId,
        productId: product.id,
      });
      const title = await this.titleOf(auth, item.uid);
      await this.audit.record(
        actor,
        { organizationId: auth.organizationId, id: item.id, title },
        {
          action: 'create',
          message: `Created with status ${statusDisplay(status)}.`,
          statusAfter: status,
          metadata: { product_uid: product.uid },
        },
      );
      await this.activity.record(itemCreatedActivity(auth, { uid: item.uid, title, status }));
      return item;
    });
    return this.get(auth, created.uid, urls);
  }

  async update(actor: Actor, uid: string, input: UpdateInventoryItemDto, urls: RequestUrls): Promise<InventoryItemDetailDto> {
    const { auth } = actor;
    await this.db.transaction(async () => {
      const item = foundOrFail(await this.items.findOwned(auth.organizationId, uid, { lock: true }));
      const references: ResolvedReferences = await this.itemTypeReference(input);
      if (input.product_uid !== undefined) references.productId = (await this.existingProduct(auth, input.product_uid)).id;
      const planned = itemUpdate(item, input, references, new Date());
      if ('errors' in planned) throw new ValidationFailed(planned.errors);
      const { columns, changes } = planned;
      if (Object.keys(changes).length === 0) return;
      await this.items.update(auth.organizationId, item.id, columns);
      const { action, message } = describeUpdate(changes);
      const title = await this.titleOf(auth, uid);
      await this.audit.record(
        actor,
        { organizationId: auth.organizationId, id: item.id, title },
        { action, message, statusBefore: item.status, statusAfter: statusAfter(item, columns), metadata: { changes } },
      );
      const price = {
        uid,
        title,
        before: item.priceTotalUsd,
        after: 'priceTotalUsd' in columns ? (columns.priceTotalUsd ?? null) : item.priceTotalUsd,
      };
      await this.activity.record(...priceChangedActivities(auth, [price]));
      const moved = priceChanges([{ itemId: item.id, before: item, after: { ...item, ...columns } }], (prices) =>
        listingPrice(null, prices),
      );
      if (moved.length > 0) await this.events.publish(new InventoryPricesChanged(auth.organizationId, moved));
    });
    return this.get(auth, uid, urls);
  }

  /** Soft delete (restorable); refused while the item sold or has an active listing. */
  async delete(actor: Actor, uid: string): Promise<void> {
    const { auth } = actor;
    await this.db.transaction(async () => {
      const item = foundOrFail(await this.items.findOwned(auth.organizationId, uid, { lock: true }));
      const active = await this.listings.activeListingItemIds(auth.organizationId, [item.id]);
      const problem = deleteProblem(item.status, active.has(item.id));
      if (problem) throw new ValidationFailed({ non_field_errors: [problem] });
      const title = await this.titleOf(auth, uid);
      await this.items.softDelete(auth.organizationId, item.id);
      await this.audit.record(
        actor,
        { organizationId: auth.organizationId, id: item.id, title },
        {
          action: 'delete',
          message: SOFT_DELETE_AUDIT_MESSAGE,
          statusBefore: item.status,
          statusAfter: item.status,
        },
      );
    });
  }

  /** The caller's live item, or the documented 404 (also for another organization's). */
  async owned(auth: AuthContext, uid: string, options: { lock?: boolean } = {}): Promise<InventoryItem> {
    return foundOrFail(await this.items.findOwned(auth.organizationId, uid, options));
  }

  async auditLogs(auth: AuthContext, uid: string, page: PageRequest, urls: RequestUrls): Promise<Page<AuditLogDto>> {
    const item = await this.owned(auth, uid);
    return this.audit.list(auth.organizationId, item.id, page, urls);
  }

  /** The item's marketplace listings, with what can be done with each now. */
  async itemListings(auth: AuthContext, uid: string): Promise<ListingDto[]> {
    const item = await this.owned(auth, uid);
    return this.listings.forItem(auth.organizationId, item.id, {
      status: item.status,
      priceTotalUsd: item.priceTotalUsd,
      listingCurrentPrice: item.listingCurrentPrice,
    });
  }

  /** The computed title of an item as it stands now (in the current transaction). */
  async titleOf(auth: AuthContext, uid: string): Promise<string> {
    const row = foundOrFail(await this.listQuery.byUid(auth.organizationId, uid));
    return itemTitle(row.name, row.product_title, row.condition_item);
  }

  /** The responses of these items: their photos (and listing state) in a fixed number of queries. */
  private async present(auth: AuthContext, rows: ItemRow[], urls: RequestUrls): Promise<InventoryItemDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => String(row.id));
    const [assets, activeListing] = await Promise.all([
      this.listQuery.assets(auth.organizationId, ids),
      this.listings.activeListingItemIds(auth.organizationId, ids),
    ]);
    const itemTypes = new Map<string, ItemTypeRefDto | null>();
    for (const id of new Set(rows.map((row) => row.inventory_item_type_id).filter((id) => id !== null))) {
      itemTypes.set(String(id), await this.itemTypes.ref(String(id)));
    }
    const assetsOf = new Map<string, AssetRow[]>(ids.map((id) => [id, []]));
    for (const asset of assets) assetsOf.get(String(asset.inventory_item_id))?.push(asset);
    const now = new Date();
    const mediaUrl = (key: string) => urls.absolute(this.storage.urlPath(key));
    return rows.map((row) =>
      mapInventoryItem(row, {
        assets: assetsOf.get(String(row.id)) ?? [],
        itemType: row.inventory_item_type_id === null ? null : (itemTypes.get(String(row.inventory_item_type_id)) ?? null),
        hasActiveListing: activeListing.has(String(row.id)),
        now,
        mediaUrl,
      }),
    );
  }

  /** The product of a new item: the one named, else a new one from product_title (or the item's name). */
  private async productFor(auth: AuthContext, input: CreateInventoryItemDto): Promise<ProductForItem> {
    const productFields = PRODUCT_ONLY_FIELDS.filter((field) => input[field] !== undefined);
    if (input.product_uid !== undefined) {
      if (input.product_title !== undefined) {
        throw new ValidationFailed({ non_field_errors: ['Give product_uid or product_title, not both.'] });
      }
      if (productFields.length > 0) {
        const message = 'Only used when the item creates its product (with product_title); remove it when linking by product_uid.';
        throw new ValidationFailed(Object.fromEntries(productFields.map((field) => [field, [message]])));
      }
      return this.existingProduct(auth, input.product_uid);
    }
    const title = newProductTitle(input);
    if (!title) throw new ValidationFailed({ name: [NO_PRODUCT] });
    const metadata = input.product_metadata;
    if (metadata !== undefined && metadata !== null && (typeof metadata.external_id !== 'string' || !metadata.external_id.trim())) {
      throw new ValidationFailed({ product_metadata: ['Must include an "external_id" key with a non-blank string value.'] });
    }
    return this.products.createForInventory(auth, {
      title,
      catalogNumber: input.product_catalog_number,
      sku: input.product_sku,
      upc: input.product_upc,
      year: input.product_year,
      metadata: metadata as { external_id: string } | null | undefined,
    });
  }

  /**
   * The item type named by inventory_item_type_uid (null or blank clears it), or nothing when the field was not sent;
   * an unknown uid is a 400 on the field. Reads the item types cached per process: no query per call.
   */
  async itemTypeReference(input: InventoryItemFieldsDto): Promise<Pick<ResolvedReferences, 'inventoryItemTypeId'>> {
    if (input.inventory_item_type_uid === undefined) return {};
    if (input.inventory_item_type_uid === null || input.inventory_item_type_uid === '') return { inventoryItemTypeId: null };
    const type = await this.itemTypes.byUid(input.inventory_item_type_uid);
    if (!type) throw new ValidationFailed({ inventory_item_type_uid: [`Item type "${input.inventory_item_type_uid}" does not exist.`] });
    return { inventoryItemTypeId: type.id };
  }

  private async existingProduct(auth: AuthContext, uid: string): Promise<ProductForItem> {
    const product = await this.products.forInventory(auth, uid);
    if (!product) throw new ValidationFailed({ product_uid: [`Product "${uid}" does not exist.`] });
    return product;
  }
}
