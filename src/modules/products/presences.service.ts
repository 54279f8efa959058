import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { foundOrFail, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type PlatformFacts, PlatformsService } from '../platforms/index.js';
import { CreatePresenceDto, PresenceFieldsDto, UpdatePresenceDto } from './dto/presence-write.dto.js';
import { MarketplacePresenceDto } from './dto/product.dto.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';
import { PresencesRepository } from './presences.repository.js';
import { mapPresence } from './products.mapper.js';
import { saleKind } from './products.rules.js';
import type { OwnedProduct } from './products.repository.js';
import { ProductsService } from './products.service.js';

const MAX_PRESENCE_ID = 2_147_483_647;

@Injectable()
export class PresencesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly products: ProductsService,
    private readonly presences: PresencesRepository,
    private readonly platforms: PlatformsService,
  ) {}

  async list(auth: AuthContext, productUid: string): Promise<MarketplacePresenceDto[]> {
    const product = await this.products.owned(auth, productUid);
    const [rows, platforms] = await Promise.all([this.presences.forProducts(auth.organizationId, [product.id]), this.platforms.catalog()]);
    return rows.map((row) => mapPresence(row, platforms));
  }

  async create(auth: AuthContext, productUid: string, input: CreatePresenceDto): Promise<MarketplacePresenceDto> {
    const { productId, id } = await this.db.transaction(async () => {
      const product = await this.products.owned(auth, productUid, { lock: true });
      const platform = await this.platformFor(product, input.platform_uid);
      await this.assertListingFree(auth, product.id, platform, input.external_listing_id ?? null);
      const id = await this.presences.insert({
        organizationId: auth.organizationId,
        productId: product.id,
        platformId: platform.id,
        isSellingEnabled: input.is_selling_enabled ?? true,
        ...fieldsOf(input),
      });
      return { productId: product.id, id };
    });
    return this.present(auth, productId, id);
  }

  async update(auth: AuthContext, productUid: string, rawId: string, input: UpdatePresenceDto): Promise<MarketplacePresenceDto> {
    const productId = await this.db.transaction(async () => {
      const product = await this.products.owned(auth, productUid, { lock: true });
      const existing = foundOrFail(await this.presences.findOne(auth.organizationId, product.id, presenceId(rawId)));
      const fields = fieldsOf(input);
      const catalog = await this.platforms.catalog();
      const platform =
        input.platform_uid !== undefined
          ? await this.platformFor(product, input.platform_uid)
          : existing.platform_id === null
            ? null
            : catalog.byId(String(existing.platform_id));
      if (platform) {
        const listingId = input.external_listing_id !== undefined ? input.external_listing_id : existing.external_listing_id;
        await this.assertListingFree(auth, product.id, platform, listingId, existing.id);
        fields.platformId = platform.id;
      }
      if (input.is_selling_enabled !== undefined) fields.isSellingEnabled = input.is_selling_enabled;
      await this.presences.update(auth.organizationId, product.id, existing.id, fields);
      return product.id;
    });
    return this.present(auth, productId, presenceId(rawId));
  }

  async delete(auth: AuthContext, productUid: string, rawId: string): Promise<void> {
    const product = await this.products.owned(auth, productUid);
    if (!(await this.presences.delete(auth.organizationId, product.id, presenceId(rawId)))) throw new NotFound();
  }

  private async present(auth: AuthContext, productId: string, id: number): Promise<MarketplacePresenceDto> {
    const [row, platforms] = await Promise.all([this.presences.findOne(auth.organizationId, productId, id), this.platforms.catalog()]);
    return mapPresence(foundOrFail(row), platforms);
  }

  /** The platform by uid, which must take this kind of product (Discogs sells no digital designs). */
  private async platformFor(product: OwnedProduct, uid: string): Promise<PlatformFacts> {
    const platform = (await this.platforms.catalog()).byUid(uid);
    if (!platform) throw new ValidationFailed({ platform_uid: [`Object with uid=${uid} does not exist.`] });
    const kind = saleKind(product.type);
    if (!platform.accepts(kind)) {
      throw new ValidationFailed({
        platform_uid: [`${platform.displayName} does not take ${kind} products; this product is ${product.type}.`],
      });
    }
    return platform;
  }

  /** One presence per listing: a second one for the same platform and listing id would count it twice. */
  private async assertListingFree(
    auth: AuthContext,
    productId: string,
    platform: PlatformFacts,
    externalListingId: string | null,
    exceptId?: number,
  ): Promise<void> {
    if (!externalListingId) return;
    if (await this.presences.listingTaken(auth.organizationId, productId, { platformId: platform.id, externalListingId }, exceptId)) {
      throw new ValidationFailed({
        external_listing_id: [`This product already has a presence for listing ${externalListingId} on ${platform.displayName}.`],
      });
    }
  }
}

/** The columns sent; setting a price also stamps price_last_updated. */
function fieldsOf(input: PresenceFieldsDto): Partial<MarketplacePresence> {
  const fields: Partial<MarketplacePresence> = {};
  if (input.external_listing_id !== undefined) fields.externalListingId = input.external_listing_id;
  if (input.external_url !== undefined) fields.externalUrl = input.external_url;
  if (input.status !== undefined) fields.status = input.status;
  if (input.listing_currency !== undefined) fields.listingCurrency = input.listing_currency?.toUpperCase() ?? null;
  if (input.listing_price !== undefined) fields.listingPrice = input.listing_price;
  if (input.listing_price_usd !== undefined) fields.listingPriceUsd = input.listing_price_usd;
  if (input.listing_price !== undefined || input.listing_price_usd !== undefined) fields.priceLastUpdated = new Date();
  return fields;
}

/** Presence ids are positive integers; anything else names no presence. */
function presenceId(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || id < 1 || id > MAX_PRESENCE_ID) throw new NotFound();
  return id;
}
