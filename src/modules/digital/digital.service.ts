import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { newUid } from '../../common/ids/uid.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Mailer, type MailMessage } from '../../infra/mail/mailer.js';
import { ThrottleStore } from '../../infra/throttle/throttle-store.js';
import { ActivityService } from '../activity/index.js';
import type { DigitalDownloadLogDto, DigitalPurchaseDto } from './dto/digital-purchase.dto.js';
import { type AssetRow, DigitalAssetsRepository } from './digital-assets.repository.js';
import { DigitalProductQuery } from './digital-product.query.js';
import { DigitalPurchasesRepository, type PurchaseFilters, type PurchaseRow } from './digital-purchases.repository.js';
import { mapDownloadLog, mapPurchase } from './digital.mapper.js';
import { DigitalMsg, downloadPageUrl, humanSize, purchaseExpiry, purchaseStatus, RESENDS_PER_HOUR } from './digital.rules.js';

/** Who fulfils: a user of the organization, or the system (an order sync: `userId` null). */
export interface DigitalActor {
  organizationId: string;
  userId: string | null;
}

/** A purchase to fulfil: the product bought and where its download email goes. */
export interface DigitalFulfilment {
  productUid: string;
  buyerEmail: string;
  buyerName?: string | null;
  /** The order it fulfils: a product is fulfilled once per order. */
  orderUid?: string | null;
}

export interface FulfilmentResult {
  purchase: DigitalPurchaseDto;
  /** False when the order's product was already fulfilled: the existing purchase, and no email sent. */
  created: boolean;
}

/** What an order event tells of a sale (orders' OrderRecorded, named here: importing it would make an import cycle). */
export interface SoldOrder {
  organizationId: string;
  orderUid: string;
  item: { productId: string } | null;
  buyerEmail: string | null;
  cancelled: boolean;
}

/** OrderRecorded.NAME, spelled out for the same reason. */
export const ORDER_RECORDED = 'order.recorded';

const HOUR_MS = 3_600_000;
const UNIQUE_VIOLATION = '23505';

/**
 * Digital fulfilment: a purchase gives a buyer a download link (a random token of which only the SHA-256 is kept),
 * emailed through the mail port in the transaction that creates it, valid DIGITAL_LINK_TTL_DAYS with
 * DIGITAL_DOWNLOAD_LIMIT downloads per asset. `fulfil` is what an order sync calls for an order of a digital product.
 */
@Injectable()
export class DigitalService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly purchases: DigitalPurchasesRepository,
    private readonly assets: DigitalAssetsRepository,
    private readonly products: DigitalProductQuery,
    private readonly mailer: Mailer,
    private readonly activity: ActivityService,
    private readonly throttle: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * An order recorded by the order sync (or a manual sale) of a product with digital assets: fulfilled for the order's
   * buyer, once per order. Orders without a buyer email, an item or assets are not digital sales to fulfil.
   */
  async fulfilOrder(order: SoldOrder): Promise<void> {
    if (order.cancelled || !order.item || !order.buyerEmail) return;
    const product = await this.products.byId(order.organizationId, order.item.productId);
    if (!product || (await this.assets.countForProduct(order.organizationId, product.id)) === 0) return;
    await this.fulfil(
      { organizationId: order.organizationId, userId: null },
      { productUid: product.uid, buyerEmail: order.buyerEmail, orderUid: order.orderUid },
    );
  }

  /**
   * Creates the purchase and emails its link, records `digital_fulfilled` in the activity feed, all in one
   * transaction. A product of another organization (or none) is a 400 on `product_uid`, and so is one without assets.
   * With an `orderUid` already fulfilled for this product, the existing purchase is answered and nothing is sent.
   */
  async fulfil(actor: DigitalActor, input: DigitalFulfilment): Promise<FulfilmentResult> {
    const product = await this.products.byUid(actor.organizationId, input.productUid);
    if (!product) throw new ValidationFailed({ product_uid: [`Product "${input.productUid}" does not exist.`] });
    const orderUid = input.orderUid?.trim() || null;
    try {
      return await this.db.transaction(async () => {
        foundOrFail(await this.products.lock(actor.organizationId, product.id));
        if (orderUid) {
          const existing = await this.purchases.forOrder(actor.organizationId, orderUid, product.id);
          if (existing) return { purchase: await this.present(actor.organizationId, existing), created: false };
        }
        const assets = await this.assets.allForProduct(actor.organizationId, product.id);
        if (assets.length === 0) throw new ValidationFailed({ product_uid: [DigitalMsg.noAsset] });
        const now = new Date();
        const uid = newUid('dpur');
        const id = await this.purchases.insert({
          uid,
          organizationId: actor.organizationId,
          productId: product.id,
          userId: actor.userId,
          productTitle: product.title,
          buyerEmail: input.buyerEmail.trim().toLowerCase(),
          buyerName: input.buyerName?.trim() || null,
          orderUid,
          expiresAt: purchaseExpiry(now, this.config.digitalLinkTtlDays),
          downloadLimit: this.config.digitalDownloadLimit,
        });
        const purchase = foundOrFail(await this.purchases.findById(actor.organizationId, id));
        await this.emailLink(purchase, assets, now);
        await this.activity.record({
          organizationId: actor.organizationId,
          userId: actor.userId,
          eventType: 'digital_fulfilled',
          subjectType: 'digital_purchase',
          subjectUid: uid,
          message: `Sent the download link of ${product.title} to ${purchase.buyer_email}`,
          metadata: { product_uid: product.uid, ...(orderUid ? { order_uid: orderUid } : {}) },
          occurredAt: now,
        });
        return { purchase: await this.present(actor.organizationId, id), created: true };
      });
    } catch (error) {
      // The same order fulfilled twice at once: the partial unique index keeps one, which the other answers.
      if (orderUid && (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        const existing = await this.purchases.forOrder(actor.organizationId, orderUid, product.id);
        if (existing) return { purchase: await this.present(actor.organizationId, existing), created: false };
      }
      throw error;
    }
  }

  list(auth: AuthContext, filters: PurchaseFilters, page: PageRequest, urls: RequestUrls): Promise<Page<DigitalPurchaseDto>> {
    const now = new Date();
    return paginate(
      page,
      {
        count: () => this.purchases.count(auth.organizationId, filters),
        rows: async (offset, limit) =>
          (await this.purchases.page(auth.organizationId, filters, offset, limit)).map((row) => mapPurchase(row, now)),
      },
      urls,
    );
  }

  async get(auth: AuthContext, uid: string): Promise<DigitalPurchaseDto> {
    return mapPurchase(foundOrFail(await this.purchases.findOwned(auth.organizationId, uid)), new Date());
  }

  /**
   * Emails a new link to the same purchase (same expiry and limits; downloads so far still count). Only digests of
   * tokens are kept, so the link is a new token, and the older links stop working (410). At most RESENDS_PER_HOUR
   * an hour per purchase; an expired or revoked purchase is a 400.
   */
  async resend(auth: AuthContext, uid: string): Promise<DigitalPurchaseDto> {
    const found = foundOrFail(await this.purchases.findOwned(auth.organizationId, uid));
    await this.throttle.enforce(`digital-resend:${found.id}`, RESENDS_PER_HOUR, HOUR_MS);
    await this.db.transaction(async () => {
      await this.purchases.lock(auth.organizationId, found.id);
      const purchase = foundOrFail(await this.purchases.findById(auth.organizationId, found.id));
      const now = new Date();
      const status = purchaseStatus({ expiresAt: purchase.expires_at, revokedAt: purchase.revoked_at }, now);
      if (status !== 'active') {
        throw new ValidationFailed({ non_field_errors: [`This purchase is ${status}: no email was sent.`] });
      }
      if (!purchase.product_id) throw new ValidationFailed({ non_field_errors: [DigitalMsg.productGone] });
      await this.emailLink(purchase, await this.assets.allForProduct(auth.organizationId, purchase.product_id), now);
    });
    return this.get(auth, uid);
  }

  /** Stops the purchase's links at once (a refund): they answer 410. Revoking a revoked purchase changes nothing. */
  async revoke(auth: AuthContext, uid: string): Promise<DigitalPurchaseDto> {
    const purchase = foundOrFail(await this.purchases.findOwned(auth.organizationId, uid));
    await this.purchases.revoke(auth.organizationId, purchase.id, new Date());
    return this.get(auth, uid);
  }

  async downloadLogs(auth: AuthContext, uid: string, page: PageRequest, urls: RequestUrls): Promise<Page<DigitalDownloadLogDto>> {
    const purchase = foundOrFail(await this.purchases.findOwned(auth.organizationId, uid));
    return paginate(
      page,
      {
        count: () => this.purchases.countDownloads(auth.organizationId, purchase.id),
        rows: async (offset, limit) =>
          (await this.purchases.downloadsPage(auth.organizationId, purchase.id, offset, limit)).map(mapDownloadLog),
      },
      urls,
    );
  }

  /** A new token for the purchase (replacing the links before it), emailed; within the caller's transaction. */
  private async emailLink(purchase: PurchaseRow, assets: AssetRow[], now: Date): Promise<void> {
    const token = newBearerToken();
    await this.purchases.replaceLink(purchase.organization_id, purchase.id, sha256Hex(token), now);
    await this.mailer.send(downloadEmail(purchase, assets, downloadPageUrl(this.config.publicUrl, token)));
    await this.purchases.recordEmail(purchase.organization_id, purchase.id, now);
  }

  private async present(organizationId: string, id: string): Promise<DigitalPurchaseDto> {
    return mapPurchase(foundOrFail(await this.purchases.findById(organizationId, id)), new Date());
  }
}

function downloadEmail(purchase: PurchaseRow, assets: AssetRow[], link: string): MailMessage {
  const greeting = purchase.buyer_name ? `Hello ${purchase.buyer_name},` : 'Hello,';
  const files = assets.map((asset) => `- ${asset.display_name} (${asset.file_name}, ${humanSize(Number(asset.size_bytes))})`).join('\n');
  return {
    to: purchase.buyer_email,
    subject: `Your download: ${purchase.product_title}`,
    text:
      `${greeting}\n\nThank you for your purchase of ${purchase.product_title}. Download your files here:\n\n${link}\n\n` +
      `${files}\n\n` +
      `Each file can be downloaded ${purchase.download_limit} times (an interrupted download resumes without counting again) ` +
      `until ${purchase.expires_at.toISOString().slice(0, 10)}. Keep this link to yourself: anyone who has it can download the files.\n`,
    purpose: 'digital_download',
  };
}
