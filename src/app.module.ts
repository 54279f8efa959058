import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApiExceptionFilter } from './common/errors/api-exception.filter.js';
import { RoleGuard } from './common/auth/role.guard.js';
import { ThrottleGuard } from './common/http/throttle.guard.js';
import { ApiValidationPipe } from './common/validation/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './infra/database/database.module.js';
import { DomainEventsModule } from './infra/events/domain-events.js';
import { CryptoModule } from './infra/crypto/crypto.module.js';
import { IdempotencyModule } from './infra/idempotency/idempotency.module.js';
import { MailModule } from './infra/mail/mail.module.js';
import { QueueModule } from './infra/queue/queue.module.js';
import { RedisModule } from './infra/redis/redis.module.js';
import { ThrottleModule } from './infra/throttle/throttle.module.js';
import { ActivityModule } from './modules/activity/index.js';
import { AnalyticsModule } from './modules/analytics/index.js';
import { ApiKeysModule } from './modules/api-keys/index.js';
import { AuthenticationGuard, AuthModule } from './modules/auth/index.js';
import { ExportsModule } from './modules/exports/index.js';
import { HealthModule } from './modules/health/index.js';
import { ImportsModule } from './modules/imports/index.js';
import { InventoryModule } from './modules/inventory/index.js';
import { ListingsModule } from './modules/listings/index.js';
import { MarketplaceModule } from './modules/marketplace/index.js';
import { OrdersModule } from './modules/orders/index.js';
import { OrganizationsModule } from './modules/organizations/index.js';
import { PlatformsModule } from './modules/platforms/index.js';
import { ReportsModule } from './modules/reports/index.js';
import { DigitalModule } from './modules/digital/index.js';
import { ProductsModule } from './modules/products/index.js';
import { SubscriptionGuard, SubscriptionsModule } from './modules/subscriptions/index.js';
import { TeamModule } from './modules/team/index.js';
import { UsersModule } from './modules/users/index.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ useExisting: true, pinoHttp: { level: config.logLevel } }),
        DatabaseModule.forRoot(),
        DomainEventsModule,
        RedisModule.forRoot(config),
        QueueModule.forRoot(config),
        ThrottleModule.forRoot(config),
        MailModule,
        IdempotencyModule,
        CryptoModule,
        AuthModule,
        ApiKeysModule,
        ActivityModule,
        UsersModule,
        OrganizationsModule,
        TeamModule,
        SubscriptionsModule,
        HealthModule,
        PlatformsModule,
        InventoryModule,
        ListingsModule,
        ProductsModule,
        DigitalModule,
        ExportsModule,
        AnalyticsModule,
        ReportsModule,
        MarketplaceModule,
        ImportsModule,
        OrdersModule,
      ],
      // Global guards run in this order: who is calling, how often, whether their role may, and whether they have paid.
      providers: [
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: ThrottleGuard },
        { provide: APP_GUARD, useClass: RoleGuard },
        { provide: APP_GUARD, useClass: SubscriptionGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
      ],
    };
  }
}
