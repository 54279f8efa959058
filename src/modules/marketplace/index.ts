/** What other modules may use of marketplace connections. */
export { MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
export { MarketplaceAccountsService } from './marketplace-accounts.service.js';
export { MarketplaceModule } from './marketplace.module.js';
