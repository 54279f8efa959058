import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformsModule } from '../platforms/index.js';
import { DiscogsAdapter } from './adapters/discogs/discogs.adapter.js';
import { DiscogsConnector } from './adapters/discogs/discogs-connector.js';
import { DiscogsClient } from './adapters/discogs/discogs.client.js';
import { EbayConnector } from './adapters/ebay/ebay-connector.js';
import { EbayAdapter } from './adapters/ebay/ebay.adapter.js';
import { EtsyConnector } from './adapters/etsy/etsy-connector.js';
import { EtsyAdapter } from './adapters/etsy/etsy.adapter.js';
import { MarketplaceCallPacer } from './adapters/call-pacer.js';
import { MarketplaceAdapters } from './adapters/marketplace-adapters.js';
import { ShopifyAdapter } from './adapters/shopify/shopify.adapter.js';
import { ShopifyConnector } from './adapters/shopify/shopify-connector.js';
import { ShopifyClient } from './adapters/shopify/shopify.client.js';
import { ConnectStatesRepository } from './connect-states.repository.js';
import { ConnectState } from './entities/connect-state.entity.js';
import { MarketplaceAccount } from './entities/marketplace-account.entity.js';
import { MarketplaceAccountsController } from './marketplace-accounts.controller.js';
import { MarketplaceAccountsRepository } from './marketplace-accounts.repository.js';
import { MarketplaceAccountsService } from './marketplace-accounts.service.js';
import { MarketplaceConnectService } from './marketplace-connect.service.js';
import { IdempotencyModule } from '../../infra/idempotency/idempotency.module.js';

/** Marketplace connections (seller accounts) and the platforms' API clients. */
@Module({
  imports: [TypeOrmModule.forFeature([MarketplaceAccount, ConnectState]), IdempotencyModule, PlatformsModule],
  controllers: [MarketplaceAccountsController],
  providers: [
    MarketplaceAccountsRepository,
    MarketplaceAccountsService,
    ConnectStatesRepository,
    MarketplaceConnectService,
    DiscogsClient,
    EbayConnector,
    EbayAdapter,
    DiscogsConnector,
    DiscogsAdapter,
    EtsyConnector,
    EtsyAdapter,
    ShopifyClient,
    ShopifyConnector,
    ShopifyAdapter,
    MarketplaceAdapters,
    MarketplaceCallPacer,
  ],
  exports: [MarketplaceAccountsService, EbayAdapter, DiscogsAdapter, EtsyAdapter, ShopifyAdapter, MarketplaceAdapters],
})
export class MarketplaceModule {}
