import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ThrottleStore } from '../../../infra/throttle/throttle-store.js';

export type PacedPlatform = 'ebay' | 'discogs' | 'etsy' | 'shopify';

/**
 * The platforms' published call limits, which every API call of ours keeps to across all processes (the queues' job
 * limits only spread the work): a call waits for a place in its window rather than draw a 429.
 * - eBay: 2,000,000 Inventory API calls a day per application: paced to 23 a second.
 * - Discogs: 60 authenticated requests a minute per seller.
 * - Etsy: 10 requests a second per application key.
 * - Shopify: the GraphQL Admin bucket refills 50 cost points a second per shop; a mutation costs about 10: 4 a second.
 * Each window is a tenth longer than the platform's, so that calls arriving a little later than they left never
 * crowd into one of its windows.
 */
export const PLATFORM_CALL_LIMITS: Record<PacedPlatform, { calls: number; windowMs: number; perSeller: boolean }> = {
  ebay: { calls: 23, windowMs: 1100, perSeller: false },
  discogs: { calls: 60, windowMs: 66_000, perSeller: true },
  etsy: { calls: 10, windowMs: 1100, perSeller: false },
  shopify: { calls: 4, windowMs: 1100, perSeller: true },
};

/** Waits, before each call to a platform's API, until the call fits in the platform's rate limit. */
@Injectable()
export class MarketplaceCallPacer {
  constructor(private readonly store: ThrottleStore) {}

  /** `seller` names whose limit it is where the limit is per seller (the shop, the token); ignored elsewhere. */
  async take(platform: PacedPlatform, seller: string): Promise<void> {
    const limit = PLATFORM_CALL_LIMITS[platform];
    const key = limit.perSeller ? `${platform}:${seller}` : platform;
    for (;;) {
      const waitMs = await this.store.reserve(key, limit.calls, limit.windowMs);
      if (waitMs === 0) return;
      await sleep(waitMs);
    }
  }
}
