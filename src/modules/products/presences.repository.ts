import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';

/** The columns a presence response shows. */
export interface PresenceRow {
  id: number;
  product_id: string;
  platform_id: string | null;
  external_listing_id: string | null;
  external_url: string | null;
  status: string | null;
  listing_price: string | null;
  listing_currency: string | null;
  listing_price_usd: string | null;
  is_selling_enabled: boolean;
  image_url: string | null;
  price_last_updated: Date | null;
  last_checked_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const PRESENCE_COLUMNS = `id, product_id, platform_id, external_listing_id, external_url, status, listing_price, listing_currency,
  listing_price_usd, is_selling_enabled, image_url, price_last_updated, last_checked_at, created_at, updated_at`;

/** A product's presence of a listing found on a platform (an import's). */
export interface FoundPresence {
  productId: string;
  platformId: string;
  externalListingId: string;
  externalUrl: string | null;
  priceUsd: string;
  imageUrl: string | null;
}

/** Every method is scoped by the organization, then by the product. */
@Injectable()
export class PresencesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(MarketplacePresence);
  }

  /** The presences of these products, oldest first. */
  forProducts(organizationId: string, productIds: string[]): Promise<PresenceRow[]> {
    return this.db.select(
      `SELECT ${PRESENCE_COLUMNS} FROM marketplace_presences WHERE organization_id = $1 AND product_id = ANY($2) ORDER BY created_at, id`,
      [organizationId, productIds],
    );
  }

  async findOne(organizationId: string, productId: string, id: number): Promise<PresenceRow | null> {
    const [row] = await this.db.select<PresenceRow>(
      `SELECT ${PRESENCE_COLUMNS} FROM marketplace_presences WHERE organization_id = $1 AND product_id = $2 AND id = $3`,
      [organizationId, productId, id],
    );
    return row ?? null;
  }

  /** Whether another presence of the product already stands for this listing on this platform. */
  async listingTaken(
    organizationId: string,
    productId: string,
    listing: { platformId: string; externalListingId: string },
    exceptId?: number,
  ): Promise<boolean> {
    const [row] = await this.db.select<{ taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM marketplace_presences
                       WHERE organization_id = $1 AND product_id = $2 AND platform_id = $3 AND external_listing_id = $4
                         AND id <> $5) AS taken`,
      [organizationId, productId, listing.platformId, listing.externalListingId, exceptId ?? 0],
    );
    return row.taken;
  }

  /** The platforms the product has presences on. */
  async platformIds(organizationId: string, productId: string): Promise<string[]> {
    const rows = await this.db.select<{ platform_id: string }>(
      `SELECT DISTINCT platform_id FROM marketplace_presences WHERE organization_id = $1 AND product_id = $2 AND platform_id IS NOT NULL`,
      [organizationId, productId],
    );
    return rows.map((row) => String(row.platform_id));
  }

  /**
   * Active presences of listings found on a platform, in one statement whatever their number; a product that has a
   * presence of that listing already is left as it is.
   */
  async insertFound(organizationId: string, presences: FoundPresence[]): Promise<void> {
    if (presences.length === 0) return;
    await this.db.query(
      `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, external_listing_id, external_url, status,
                                          listing_price, listing_currency, listing_price_usd, image_url, is_selling_enabled,
                                          price_last_updated, last_checked_at)
       SELECT $1::bigint, found.product_id, found.platform_id, found.listing_id, found.url, 'active',
              found.price, 'USD', found.price, found.image_url, true, now(), now()
         FROM unnest($2::bigint[], $3::bigint[], $4::varchar[], $5::varchar[], $6::numeric[], $7::varchar[])
              AS found (product_id, platform_id, listing_id, url, price, image_url)
        WHERE NOT EXISTS (SELECT 1 FROM marketplace_presences taken
                           WHERE taken.organization_id = $1 AND taken.product_id = found.product_id
                             AND taken.platform_id = found.platform_id AND taken.external_listing_id = found.listing_id)`,
      [
        organizationId,
        presences.map((presence) => presence.productId),
        presences.map((presence) => presence.platformId),
        presences.map((presence) => presence.externalListingId),
        presences.map((presence) => presence.externalUrl),
        presences.map((presence) => presence.priceUsd),
        presences.map((presence) => presence.imageUrl),
      ],
    );
  }

  async insert(fields: Partial<MarketplacePresence> & { organizationId: string; productId: string }): Promise<number> {
    const saved = await this.repository.save(fields);
    return saved.id;
  }

  async update(organizationId: string, productId: string, id: number, fields: Partial<MarketplacePresence>): Promise<void> {
    await this.repository.update({ organizationId, productId, id }, fields as QueryDeepPartialEntity<MarketplacePresence>);
  }

  async delete(organizationId: string, productId: string, id: number): Promise<boolean> {
    const result = await this.repository.delete({ organizationId, productId, id });
    return (result.affected ?? 0) > 0;
  }
}
