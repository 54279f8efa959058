import { MarketplaceCallPacer } from '../../src/modules/marketplace/adapters/call-pacer.js';
import { MemoryThrottleStore } from '../../src/infra/throttle/memory-throttle.store.js';

/** The platforms' call limits as one process keeps them, for adapters built by hand in integration tests. */
export function callPacer(): MarketplaceCallPacer {
  return new MarketplaceCallPacer(new MemoryThrottleStore());
}
