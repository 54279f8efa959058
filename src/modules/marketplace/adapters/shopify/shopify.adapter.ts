import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import type {
  ListingDraft,
  ListingOutcome,
  ListingReference,
  ListingsPage,
  MarketplaceAdapter,
  RemoteListing,
  RemoteOrder,
  SellerSession,
  Shipment,
} from '../marketplace-adapter.js';
import { MarketplaceError } from '../marketplace-error.js';
import { rejectUserErrors, SHOPIFY, ShopifyClient, type StagedTarget, type UserError } from './shopify.client.js';
import {
  carrierCompany,
  moneyString,
  productSetInput,
  productUrl,
  remoteListing,
  remoteOrder,
  shopifyProductForImport,
  type ShopifyOrder,
  type ShopifyProductForImport,
  type ShopifyProduct,
  type StagedPicture,
} from './shopify.rules.js';

const PAGE_SIZE = 100;
const PRODUCT_FIELDS = `id title handle status tags totalInventory variants(first: 1) { nodes { id sku price } }`;

const STAGED_UPLOADS = `mutation StagedUploadsCreate($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } }
}`;
const PRODUCT_SET = `mutation ProductSet($input: ProductSetInput!, $synchronous: Boolean!) {
  productSet(input: $input, synchronous: $synchronous) { product { ${PRODUCT_FIELDS} } userErrors { field message code } }
}`;
const PRODUCT_UPDATE = `mutation ProductUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) { product { ${PRODUCT_FIELDS} } userErrors { field message } }
}`;
const VARIANTS_BULK_UPDATE = `mutation ProductVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id price } userErrors { field message } }
}`;
const PRODUCT_VARIANT = `query ProductVariant($id: ID!) { product(id: $id) { variants(first: 1) { nodes { id } } } }`;
const ACTIVE_PRODUCTS = `query ActiveProducts($cursor: String) {
  products(first: ${PAGE_SIZE}, after: $cursor, query: "status:active") { nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
/**
 * The import's pages: 50 products with their first variant and 10 images each (about 13 points a product, well under
 * the 1,000 a query may ask for), and the shop's currency.
 */
const IMPORT_PAGE_SIZE = 50;
const IMPORT_PRODUCTS = `query ImportProducts($cursor: String) {
  shop { currencyCode }
  products(first: ${IMPORT_PAGE_SIZE}, after: $cursor, query: "status:active") {
    nodes {
      id title handle status tags vendor productType descriptionHtml totalInventory
      variants(first: 1) { nodes { id sku price barcode } }
      media(first: 10) { nodes { ... on MediaImage { image { url } } } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
/**
 * Orders 25 a page with their first 5 lines: Shopify refuses a query whose requested cost passes 1,000 points, and
 * a connection costs its `first` times its nodes' cost (100 orders of 100 lines would ask for ~40,000). An order with
 * more lines has the rest read with ORDER_LINE_ITEMS.
 */
const ORDER_PAGE_SIZE = 25;
const LINE_ITEM_FIELDS = `title quantity sku product { id } originalUnitPriceSet { shopMoney { amount } }`;
const ORDERS = `query Orders($cursor: String, $query: String!) {
  orders(first: ${ORDER_PAGE_SIZE}, after: $cursor, query: $query, sortKey: UPDATED_AT) {
    nodes {
      id name createdAt updatedAt cancelledAt displayFinancialStatus displayFulfillmentStatus email
      customer { displayName }
      totalPriceSet { shopMoney { amount currencyCode } }
      totalShippingPriceSet { shopMoney { amount } }
      shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
      lineItems(first: 5) { nodes { ${LINE_ITEM_FIELDS} } pageInfo { hasNextPage endCursor } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ORDER_LINE_ITEMS = `query OrderLineItems($id: ID!, $cursor: String) {
  order(id: $id) { lineItems(first: ${PAGE_SIZE}, after: $cursor) { nodes { ${LINE_ITEM_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;
const FULFILLMENT_ORDERS = `query FulfillmentOrders($id: ID!) {
  order(id: $id) { fulfillmentOrders(first: 20) { nodes { id status supportedActions { action } } } }
}`;
const FULFILLMENT_CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
}`;

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Shopify through the GraphQL Admin API of the seller's shop (SHOPIFY_API_VERSION). A listing is a product with one
 * variant (the item): created whole with `productSet` (pictures staged first with `stagedUploadsCreate`, their bytes
 * POSTed to the staged target), made live or ended with `productUpdate` status, repriced with
 * `productVariantsBulkUpdate`; orders are fulfilled through their fulfillment orders with `fulfillmentCreate`.
 */
@Injectable()
export class ShopifyAdapter implements MarketplaceAdapter {
  readonly platform = SHOPIFY;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: ShopifyClient,
  ) {}

  missingSettings(): string[] {
    const settings = { SHOPIFY_API_KEY: this.config.shopifyApiKey, SHOPIFY_API_SECRET: this.config.shopifyApiSecret };
    return Object.entries(settings)
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  async createListing(session: SellerSession, draft: ListingDraft): Promise<ListingOutcome> {
    const pictures = await this.stagePictures(session, draft);
    const status = draft.isDraft ? 'DRAFT' : 'ACTIVE';
    const { productSet } = await this.client.graphql<{ productSet: { product: ShopifyProduct | null; userErrors: UserError[] } }>(
      session,
      PRODUCT_SET,
      { input: productSetInput(draft, pictures, status), synchronous: true },
    );
    rejectUserErrors(productSet.userErrors);
    return this.outcome(session, requireProduct(productSet.product));
  }

  /**
   * Sets the status ACTIVE. Not published to a sales channel here: `publishablePublish` needs the
   * `write_publications` scope, which this app does not ask for; the shop's channel settings decide. The product
   * already holds the draft's content (productSet wrote it whole), so the draft is not sent again.
   */
  async publishListing(session: SellerSession, listing: ListingReference, _draft: ListingDraft): Promise<ListingOutcome> {
    return this.outcome(session, await this.setStatus(session, listing.listingId, 'ACTIVE'));
  }

  async updatePrice(session: SellerSession, listing: ListingReference, priceUsd: string): Promise<void> {
    const variantId =
      typeof listing.details.variant_id === 'string' ? listing.details.variant_id : await this.firstVariantId(session, listing);
    const { productVariantsBulkUpdate } = await this.client.graphql<{ productVariantsBulkUpdate: { userErrors: UserError[] } }>(
      session,
      VARIANTS_BULK_UPDATE,
      { productId: listing.listingId, variants: [{ id: variantId, price: moneyString(priceUsd) }] },
    );
    rejectUserErrors(productVariantsBulkUpdate.userErrors);
  }

  /**
   * Archives the product: ARCHIVED is Shopify's "no longer sold" state (off every channel, out of the default admin
   * list, its orders kept), where DRAFT would mix ended listings with drafts still to publish. Archiving an archived
   * product changes nothing; a product deleted in the shop is ended already.
   */
  async delist(session: SellerSession, listing: ListingReference): Promise<void> {
    try {
      await this.setStatus(session, listing.listingId, 'ARCHIVED');
    } catch (error) {
      if (error instanceof MarketplaceError && error.kind === 'rejected' && /does not exist|not found/i.test(error.message)) return;
      throw error;
    }
  }

  async *fetchActiveListings(session: SellerSession): AsyncIterable<RemoteListing> {
    const shop = session.shopId!;
    for await (const product of this.pages<ShopifyProduct>(session, ACTIVE_PRODUCTS, {}, 'products')) {
      yield remoteListing(product, shop);
    }
  }

  async fetchListingsPage(session: SellerSession, cursor: string | null): Promise<ListingsPage> {
    const data = await this.client.graphql<{ shop: { currencyCode: string }; products: Page<ShopifyProductForImport> }>(
      session,
      IMPORT_PRODUCTS,
      { cursor },
    );
    return {
      listings: data.products.nodes.map((product) => shopifyProductForImport(product, session.shopId!, data.shop.currencyCode)),
      nextCursor: data.products.pageInfo.hasNextPage ? data.products.pageInfo.endCursor : null,
    };
  }

  pictureOrigins(): string[] {
    return this.config.pictureOrigins.shopify;
  }

  async *fetchOrders(session: SellerSession, since: Date): AsyncIterable<RemoteOrder> {
    const query = `updated_at:>='${since.toISOString()}'`;
    for await (const order of this.pages<ShopifyOrder>(session, ORDERS, { query }, 'orders')) {
      yield remoteOrder(await this.withAllLines(session, order));
    }
  }

  /** Fulfills every fulfillment order that can still be fulfilled, with the tracking; an order fulfilled already is left as it is. */
  async markShipped(
    session: SellerSession,
    order: { orderId: string; details: Record<string, unknown> },
    shipment: Shipment,
  ): Promise<void> {
    const data = await this.client.graphql<{
      order: { fulfillmentOrders: { nodes: Array<{ id: string; status: string; supportedActions: Array<{ action: string }> }> } } | null;
    }>(session, FULFILLMENT_ORDERS, { id: order.orderId });
    if (!data.order) throw new MarketplaceError(SHOPIFY, 'rejected', `Shopify has no order ${order.orderId}.`, 200);
    const open = data.order.fulfillmentOrders.nodes.filter((fulfillmentOrder) =>
      fulfillmentOrder.supportedActions.some(({ action }) => action === 'CREATE_FULFILLMENT'),
    );
    if (open.length === 0) return;
    const { fulfillmentCreate } = await this.client.graphql<{ fulfillmentCreate: { userErrors: UserError[] } }>(
      session,
      FULFILLMENT_CREATE,
      {
        fulfillment: {
          lineItemsByFulfillmentOrder: open.map((fulfillmentOrder) => ({ fulfillmentOrderId: fulfillmentOrder.id })),
          trackingInfo: { company: carrierCompany(shipment.carrier), number: shipment.trackingNumber },
          notifyCustomer: true,
        },
      },
    );
    rejectUserErrors(fulfillmentCreate.userErrors);
  }

  /** Stages every picture (`stagedUploadsCreate`, resource IMAGE, POST) and uploads its bytes; the resource URLs become the product's files. */
  private async stagePictures(session: SellerSession, draft: ListingDraft): Promise<StagedPicture[]> {
    if (draft.pictures.length === 0) return [];
    const { stagedUploadsCreate } = await this.client.graphql<{
      stagedUploadsCreate: { stagedTargets: StagedTarget[]; userErrors: UserError[] };
    }>(session, STAGED_UPLOADS, {
      input: draft.pictures.map((picture) => ({
        filename: picture.fileName,
        mimeType: picture.contentType,
        resource: 'IMAGE',
        httpMethod: 'POST',
        fileSize: String(picture.data.length),
      })),
    });
    rejectUserErrors(stagedUploadsCreate.userErrors);
    const targets = stagedUploadsCreate.stagedTargets;
    if (targets.length !== draft.pictures.length) {
      throw new MarketplaceError(SHOPIFY, 'unavailable', 'Shopify staged fewer uploads than pictures were sent.', 200);
    }
    for (const [index, target] of targets.entries()) await this.client.upload(target, draft.pictures[index]);
    return targets.map((target) => ({ resourceUrl: target.resourceUrl, alt: draft.title }));
  }

  /** The order with the lines past its first page read too. */
  private async withAllLines(session: SellerSession, order: ShopifyOrder): Promise<ShopifyOrder> {
    const lines = [...order.lineItems.nodes];
    let cursor = order.lineItems.pageInfo?.hasNextPage ? order.lineItems.pageInfo.endCursor : null;
    while (cursor) {
      const data: { order: { lineItems: Page<ShopifyOrder['lineItems']['nodes'][number]> } | null } = await this.client.graphql(
        session,
        ORDER_LINE_ITEMS,
        { id: order.id, cursor },
      );
      if (!data.order) break;
      lines.push(...data.order.lineItems.nodes);
      cursor = data.order.lineItems.pageInfo.hasNextPage ? data.order.lineItems.pageInfo.endCursor : null;
    }
    return { ...order, lineItems: { nodes: lines } };
  }

  private async setStatus(session: SellerSession, productId: string, status: 'ACTIVE' | 'ARCHIVED'): Promise<ShopifyProduct> {
    const { productUpdate } = await this.client.graphql<{ productUpdate: { product: ShopifyProduct | null; userErrors: UserError[] } }>(
      session,
      PRODUCT_UPDATE,
      { product: { id: productId, status } },
    );
    rejectUserErrors(productUpdate.userErrors);
    return requireProduct(productUpdate.product);
  }

  private async firstVariantId(session: SellerSession, listing: ListingReference): Promise<string> {
    const { product } = await this.client.graphql<{ product: { variants: { nodes: Array<{ id: string }> } } | null }>(
      session,
      PRODUCT_VARIANT,
      {
        id: listing.listingId,
      },
    );
    const id = product?.variants.nodes[0]?.id;
    if (!id) throw new MarketplaceError(SHOPIFY, 'rejected', `Shopify has no product ${listing.listingId} with a variant.`, 200);
    return id;
  }

  private outcome(session: SellerSession, product: ShopifyProduct): ListingOutcome {
    const listing = remoteListing(product, session.shopId!);
    return {
      listingId: product.id,
      listingUrl: listing.listingUrl ?? productUrl(session.shopId!, product.handle),
      state: product.status === 'DRAFT' ? 'draft' : 'listed',
      priceUsd: listing.priceUsd,
      details: listing.details,
    };
  }

  /** Every node of a connection, following `pageInfo.endCursor` while `hasNextPage`. */
  private async *pages<T>(session: SellerSession, query: string, variables: Record<string, unknown>, field: string): AsyncIterable<T> {
    let cursor: string | null = null;
    do {
      const data: Record<string, Page<T>> = await this.client.graphql<Record<string, Page<T>>>(session, query, { ...variables, cursor });
      const page: Page<T> = data[field];
      yield* page.nodes;
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
  }
}

function requireProduct(product: ShopifyProduct | null): ShopifyProduct {
  if (!product) throw new MarketplaceError(SHOPIFY, 'unavailable', 'Shopify answered without the product.', 200);
  return product;
}
