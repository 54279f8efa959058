import { Injectable } from '@nestjs/common';
import { MarketplaceAccountsService } from '../marketplace/index.js';
import { PlatformsService } from '../platforms/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { AddressesRepository } from './addresses.repository.js';
import { ListingEligibilityDto } from './dto/listing-eligibility.dto.js';
import { listingEligibility } from './listing-eligibility.rules.js';

@Injectable()
export class ListingEligibilityService {
  constructor(
    private readonly addresses: AddressesRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly platforms: PlatformsService,
    private readonly accounts: MarketplaceAccountsService,
  ) {}

  /** Whether the organization can list at all: a subscription, a primary address, and a platform it can list on. */
  async forOrganization(organizationId: string): Promise<ListingEligibilityDto> {
    const [subscriptionActive, hasPrimaryAddress, catalog, connected] = await Promise.all([
      this.subscriptions.isActive(organizationId),
      this.addresses.hasPrimary(organizationId),
      this.platforms.catalog(),
      this.accounts.connectedPlatformIds(organizationId),
    ]);
    return listingEligibility({
      subscriptionActive,
      hasPrimaryAddress,
      platforms: catalog.all.map((platform) => ({
        isSellingActive: platform.is_selling_active,
        connectionType: platform.connection_type,
        connected: connected.has(catalog.byUid(platform.uid)!.id),
      })),
    });
  }
}
