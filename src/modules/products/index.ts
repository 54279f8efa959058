/** What other modules may use of products. */
export { ProductDto } from './dto/product.dto.js';
export { ProductsModule } from './products.module.js';
export {
  type ImportedPresence,
  type ImportedProduct,
  type NewProductForItem,
  type ProductForItem,
  ProductsService,
} from './products.service.js';
