import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { PlatformsRepository } from '../platforms/platforms.repository.js';
import { CreatePresenceDto, PresenceFieldsDto, UpdatePresenceDto } from './dto/presence-write.dto.js';
import { MarketplacePresenceDto } from './dto/product.dto.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';
import { PresencesRepository } from './presences.repository.js';
import { mapPresence } from './products.mapper.js';
import { ProductsService } from './products.service.js';

const MAX_PRESENCE_ID = 2_147_483_647;

@Injectable()
export class PresencesService {
  constructor(
    private readonly products: ProductsService,
    private readonly presences: PresencesRepository,
    private readonly platforms: PlatformsRepository,
  ) {}

  async list(auth: AuthContext, productUid: string): Promise<MarketplacePresenceDto[]> {
    const productId = await this.products.idOf(auth, productUid);
    return (await this.presences.forProduct(productId)).map(mapPresence);
  }

  async create(auth: AuthContext, productUid: string, input: CreatePresenceDto): Promise<MarketplacePresenceDto> {
    const productId = await this.products.idOf(auth, productUid);
    const platformId = await this.platformId(input.platform_uid);
    const id = await this.presences.insert({
      organizationId: auth.organizationId,
      productId,
      platformId,
      isSellingEnabled: input.is_selling_enabled ?? true,
      ...this.fields(input),
    });
    return this.present(productId, id);
  }

  async update(auth: AuthContext, productUid: string, rawId: string, input: UpdatePresenceDto): Promise<MarketplacePresenceDto> {
    const productId = await this.products.idOf(auth, productUid);
    const existing = await this.presences.findOne(productId, presenceId(rawId));
    if (!existing) throw new DetailError(404, 'Not found.');
    const fields = this.fields(input);
    if (input.platform_uid !== undefined) fields.platformId = await this.platformId(input.platform_uid);
    if (input.is_selling_enabled !== undefined) fields.isSellingEnabled = input.is_selling_enabled;
    await this.presences.update(existing.id, fields);
    return this.present(productId, existing.id);
  }

  async delete(auth: AuthContext, productUid: string, rawId: string): Promise<void> {
    const productId = await this.products.idOf(auth, productUid);
    if (!(await this.presences.delete(productId, presenceId(rawId)))) throw new DetailError(404, 'Not found.');
  }

  private async present(productId: string, id: number): Promise<MarketplacePresenceDto> {
    const presence = await this.presences.findOne(productId, id);
    if (!presence) throw new DetailError(404, 'Not found.');
    return mapPresence(presence);
  }

  private async platformId(uid: string): Promise<string> {
    const platform = await this.platforms.byUid(uid);
    if (!platform) throw new ValidationFailed({ platform_uid: [`Object with uid=${uid} does not exist.`] });
    return platform.id;
  }

  /** The columns sent; setting a price also stamps price_last_updated. */
  private fields(input: PresenceFieldsDto): Partial<MarketplacePresence> {
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
}

/** Presence ids are positive integers; anything else names no presence. */
function presenceId(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || id < 1 || id > MAX_PRESENCE_ID) throw new DetailError(404, 'Not found.');
  return id;
}
