/**
 * What the product list shows and searches of digital assets, as SQL it embeds in its own statements, so that a
 * page and its count stay one statement each (no query per product, no extra round trip): the one definition
 * outside this module of what `digital_assets` holds. `product` is the alias of the products table in the
 * enclosing statement; `organization` and `pattern` are SQL expressions (bind parameters) of the caller.
 */
export const digitalProductFacts = {
  /** Whether the product has a primary asset (read through the partial unique index on its primary asset). */
  hasPrimaryAsset: (product: string): string =>
    `EXISTS (SELECT 1 FROM digital_assets da WHERE da.product_id = ${product}.id AND da.is_primary)`,
  /** The ids of the organization's products with an asset whose file name, lowercased, is LIKE `pattern` (trigram-indexed). */
  productIdsWithFileNameLike: (organization: string, pattern: string): string =>
    `SELECT da.product_id FROM digital_assets da WHERE da.organization_id = ${organization} AND lower(da.file_name) LIKE ${pattern}`,
};
