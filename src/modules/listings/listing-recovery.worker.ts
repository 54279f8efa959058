import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ListingEngineService } from './listing-engine.service.js';

/**
 * In the processes that work queues (APP_ROLE worker or all): at start and every LISTING_RECOVERY_INTERVAL_S, queues
 * again the jobs of listings that were recorded but whose job never reached the queue.
 */
@Injectable()
export class ListingRecoveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ListingRecoveryWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly engine: ListingEngineService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), this.config.listingRecoveryIntervalS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round at a time: a slow round is not overlapped by the next. */
  private sweep(): void {
    if (this.running) return;
    this.running = this.engine
      .requeueStalled()
      .catch((error: Error) => this.logger.warn(`Listing recovery failed: ${error.message}`))
      .finally(() => (this.running = null));
  }
}
