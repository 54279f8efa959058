/** What other modules may use of digital. */
export { DigitalModule } from './digital.module.js';
export { type DigitalActor, type DigitalFulfilment, type FulfilmentResult, DigitalService } from './digital.service.js';
export { DigitalAssetsService } from './digital-assets.service.js';
export { digitalProductFacts } from './digital-product-facts.js';
export { DigitalPurchaseDto } from './dto/digital-purchase.dto.js';
