import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApiExceptionFilter } from './common/errors/api-exception.filter.js';
import { ThrottleGuard } from './common/http/throttle.guard.js';
import { ApiValidationPipe } from './common/validation/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './infra/database/database.module.js';
import { QueueModule } from './infra/queue/queue.module.js';
import { RedisModule } from './infra/redis/redis.module.js';
import { ThrottleModule } from './infra/throttle/throttle.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { AuthenticationGuard } from './modules/auth/authentication.guard.js';
import { HealthModule } from './modules/health/health.module.js';
import { PlatformsModule } from './modules/platforms/platforms.module.js';
import { ProductsModule } from './modules/products/products.module.js';
import { SubscriptionGuard } from './modules/subscriptions/subscription.guard.js';
import { SubscriptionsModule } from './modules/subscriptions/subscriptions.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ useExisting: true, pinoHttp: { level: config.logLevel } }),
        DatabaseModule.forRoot(),
        RedisModule.forRoot(config),
        QueueModule.forRoot(config),
        ThrottleModule.forRoot(config),
        AuthModule,
        ApiKeysModule,
        UsersModule,
        SubscriptionsModule,
        HealthModule,
        PlatformsModule,
        ProductsModule,
      ],
      // Global guards run in this order: who is calling, how often, and whether they have paid.
      providers: [
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: ThrottleGuard },
        { provide: APP_GUARD, useClass: SubscriptionGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
      ],
    };
  }
}
