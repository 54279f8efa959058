/** What other modules may use of platforms. */
export { PlatformDto, PlatformRefDto, PlatformSummaryDto } from './dto/platform.dto.js';
export { PlatformsModule } from './platforms.module.js';
export type { SaleKind } from './platforms.rules.js';
export { type PlatformCatalog, type PlatformFacts, PlatformsService } from './platforms.service.js';
