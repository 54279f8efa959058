import { Injectable } from '@nestjs/common';
import { DiscogsAdapter } from './discogs/discogs.adapter.js';
import { EbayAdapter } from './ebay/ebay.adapter.js';
import { EtsyAdapter } from './etsy/etsy.adapter.js';
import type { MarketplaceAdapter } from './marketplace-adapter.js';
import { ShopifyAdapter } from './shopify/shopify.adapter.js';

/** The API adapters by platform slug: what the listing engine drives. */
@Injectable()
export class MarketplaceAdapters {
  private readonly bySlug: Map<string, MarketplaceAdapter>;

  constructor(ebay: EbayAdapter, discogs: DiscogsAdapter, etsy: EtsyAdapter, shopify: ShopifyAdapter) {
    this.bySlug = new Map([ebay, discogs, etsy, shopify].map((adapter) => [adapter.platform, adapter]));
  }

  /** The platform's adapter, or null for a platform without an API (extension platforms). */
  forPlatform(slug: string): MarketplaceAdapter | null {
    return this.bySlug.get(slug) ?? null;
  }
}
