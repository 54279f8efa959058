import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../../common/media/media.module.js';
import { MarketplaceModule } from '../marketplace/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { AddressesController } from './addresses.controller.js';
import { AddressesRepository } from './addresses.repository.js';
import { AddressesService } from './addresses.service.js';
import { OrganizationAddress } from './entities/organization-address.entity.js';
import { Organization } from './entities/organization.entity.js';
import { ListingEligibilityController } from './listing-eligibility.controller.js';
import { ListingEligibilityService } from './listing-eligibility.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, OrganizationAddress]),
    MediaModule,
    SubscriptionsModule,
    PlatformsModule,
    MarketplaceModule,
  ],
  controllers: [OrganizationsController, AddressesController, ListingEligibilityController],
  providers: [OrganizationsRepository, OrganizationsService, AddressesRepository, AddressesService, ListingEligibilityService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
