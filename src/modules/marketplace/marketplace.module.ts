import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformsModule } from '../platforms/index.js';
import { DiscogsClient } from './adapters/discogs/discogs.client.js';
import { MarketplaceAccount } from './entities/marketplace-account.entity.js';
import { MarketplaceAccountsController } from './marketplace-accounts.controller.js';
import { MarketplaceAccountsRepository } from './marketplace-accounts.repository.js';
import { MarketplaceAccountsService } from './marketplace-accounts.service.js';

/** Marketplace connections (seller accounts) and the platforms' API clients. */
@Module({
  imports: [TypeOrmModule.forFeature([MarketplaceAccount]), PlatformsModule],
  controllers: [MarketplaceAccountsController],
  providers: [MarketplaceAccountsRepository, MarketplaceAccountsService, DiscogsClient],
  exports: [MarketplaceAccountsService],
})
export class MarketplaceModule {}
