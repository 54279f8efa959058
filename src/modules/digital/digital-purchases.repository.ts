import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { containsPattern } from '../../infra/database/like-pattern.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DigitalDownloadLink } from './entities/digital-download-link.entity.js';
import { DigitalDownload } from './entities/digital-download.entity.js';
import { DigitalPurchase } from './entities/digital-purchase.entity.js';
import type { AssetUsage } from './digital.rules.js';

/** A purchase with its product's uid (null once deleted) and its new downloads so far, as responses show it. */
/** A logged download, as its response holds it until the file is sent. */
export type DownloadLogRef = Pick<DigitalDownload, 'id' | 'organizationId'>;

export interface PurchaseRow {
  id: string;
  uid: string;
  organization_id: string;
  product_id: string | null;
  product_uid: string | null;
  product_title: string;
  buyer_email: string;
  buyer_name: string | null;
  order_uid: string | null;
  expires_at: Date;
  download_limit: number;
  revoked_at: Date | null;
  emails_sent: number;
  last_emailed_at: Date | null;
  created: Date;
  download_count: number;
}

/** A download link found by its token's digest, with what the public routes need of its purchase. */
export interface LinkRow {
  link_id: string;
  replaced_at: Date | null;
  purchase_id: string;
  organization_id: string;
  product_id: string | null;
  product_uid: string | null;
  product_title: string;
  buyer_name: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  download_limit: number;
}

export interface PurchaseFilters {
  search?: string;
  productUid?: string;
}

const COLUMNS = `d.id::text AS id, d.uid, d.organization_id::text AS organization_id, d.product_id::text AS product_id, p.uid AS product_uid,
  d.product_title, d.buyer_email, d.buyer_name, d.order_uid, d.expires_at, d.download_limit, d.revoked_at, d.emails_sent, d.last_emailed_at,
  d.created,
  (SELECT count(*)::int FROM digital_downloads l WHERE l.purchase_id = d.id AND NOT l.is_resume) AS download_count`;
const SOURCE = `digital_purchases d LEFT JOIN products p ON p.id = d.product_id`;

function conditions(organizationId: string, filters: PurchaseFilters): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [organizationId];
  const clauses = ['d.organization_id = $1'];
  if (filters.search) {
    parameters.push(containsPattern(filters.search));
    clauses.push(`(d.buyer_email LIKE $${parameters.length} OR lower(d.buyer_name) LIKE $${parameters.length})`);
  }
  if (filters.productUid) {
    parameters.push(filters.productUid);
    clauses.push(`p.uid = $${parameters.length}`);
  }
  return { sql: clauses.join(' AND '), parameters };
}

export type NewPurchase = Pick<
  DigitalPurchase,
  | 'uid'
  | 'organizationId'
  | 'productId'
  | 'userId'
  | 'productTitle'
  | 'buyerEmail'
  | 'buyerName'
  | 'orderUid'
  | 'expiresAt'
  | 'downloadLimit'
>;

export type NewDownload = Pick<
  DigitalDownload,
  | 'uid'
  | 'organizationId'
  | 'purchaseId'
  | 'assetId'
  | 'assetUid'
  | 'fileName'
  | 'isResume'
  | 'rangeStart'
  | 'bytesExpected'
  | 'ipAddress'
  | 'userAgent'
>;

@Injectable()
export class DigitalPurchasesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get purchases() {
    return this.db.getRepository(DigitalPurchase);
  }

  private get links() {
    return this.db.getRepository(DigitalDownloadLink);
  }

  private get downloads() {
    return this.db.getRepository(DigitalDownload);
  }

  async insert(purchase: NewPurchase): Promise<string> {
    const { identifiers } = await this.purchases.insert(purchase);
    return String(identifiers[0].id);
  }

  async count(organizationId: string, filters: PurchaseFilters): Promise<number> {
    const where = conditions(organizationId, filters);
    const [row] = await this.db.select<{ count: string }>(`SELECT count(*) AS count FROM ${SOURCE} WHERE ${where.sql}`, where.parameters);
    return Number(row.count);
  }

  /** Newest first. */
  page(organizationId: string, filters: PurchaseFilters, offset: number, limit: number): Promise<PurchaseRow[]> {
    const where = conditions(organizationId, filters);
    const n = where.parameters.length;
    return this.db.select(
      `SELECT ${COLUMNS} FROM ${SOURCE} WHERE ${where.sql} ORDER BY d.created DESC, d.id DESC OFFSET $${n + 1} LIMIT $${n + 2}`,
      [...where.parameters, offset, limit],
    );
  }

  async findOwned(organizationId: string, uid: string): Promise<PurchaseRow | null> {
    const [row] = await this.db.select<PurchaseRow>(`SELECT ${COLUMNS} FROM ${SOURCE} WHERE d.organization_id = $1 AND d.uid = $2`, [
      organizationId,
      uid,
    ]);
    return row ?? null;
  }

  async findById(organizationId: string, id: string): Promise<PurchaseRow | null> {
    const [row] = await this.db.select<PurchaseRow>(`SELECT ${COLUMNS} FROM ${SOURCE} WHERE d.organization_id = $1 AND d.id = $2`, [
      organizationId,
      id,
    ]);
    return row ?? null;
  }

  /** The purchase that already fulfils this order's product, if any. */
  async forOrder(organizationId: string, orderUid: string, productId: string): Promise<string | null> {
    const purchase = await this.purchases.findOne({ where: { organizationId, orderUid, productId }, select: { id: true } });
    return purchase?.id ?? null;
  }

  /** Locks the purchase row until the transaction ends: downloads of it are counted and started one at a time. */
  async lock(organizationId: string, id: string): Promise<void> {
    await this.db.select(`SELECT id FROM digital_purchases WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, id]);
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.purchases.update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: at, updated: at });
  }

  async recordEmail(organizationId: string, id: string, at: Date): Promise<void> {
    await this.purchases.increment({ organizationId, id }, 'emailsSent', 1);
    await this.purchases.update({ organizationId, id }, { lastEmailedAt: at, updated: at });
  }

  /** A new link for the purchase; the ones before it are replaced (they answer 410 from now on). */
  async replaceLink(organizationId: string, purchaseId: string, tokenHash: string, at: Date): Promise<void> {
    await this.links.update({ organizationId, purchaseId, replacedAt: IsNull() }, { replacedAt: at });
    await this.links.insert({ organizationId, purchaseId, tokenHash });
  }

  /** The link whose token has this SHA-256 (a unique index look-up: the digest, not the token, is compared). */
  async linkByTokenHash(tokenHash: string): Promise<LinkRow | null> {
    const [row] = await this.db.select<LinkRow>(
      `SELECT k.id::text AS link_id, k.replaced_at, d.id::text AS purchase_id, d.organization_id::text AS organization_id,
              d.product_id::text AS product_id, p.uid AS product_uid, d.product_title, d.buyer_name, d.expires_at, d.revoked_at, d.download_limit
         FROM digital_download_links k
         JOIN digital_purchases d ON d.id = k.purchase_id
         LEFT JOIN products p ON p.id = d.product_id
        WHERE k.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Per asset id, how the purchase's buyer has used it (assets never downloaded are absent). */
  async usage(organizationId: string, purchaseId: string): Promise<Map<string, AssetUsage>> {
    const rows = await this.db.select<{ asset_id: string; downloads: number; bytes_sent: string }>(
      `SELECT asset_id::text AS asset_id, count(*) FILTER (WHERE NOT is_resume)::int AS downloads, sum(bytes_sent) AS bytes_sent
         FROM digital_downloads WHERE organization_id = $1 AND purchase_id = $2 AND asset_id IS NOT NULL GROUP BY asset_id`,
      [organizationId, purchaseId],
    );
    return new Map(rows.map((row) => [row.asset_id, { downloads: row.downloads, bytesSent: Number(row.bytes_sent) }]));
  }

  async insertDownload(download: NewDownload): Promise<string> {
    const { identifiers } = await this.downloads.insert(download);
    return String(identifiers[0].id);
  }

  async finishDownload(download: DownloadLogRef, bytesSent: number, completed: boolean, at: Date): Promise<void> {
    await this.downloads.update(
      { organizationId: download.organizationId, id: download.id },
      { bytesSent: String(bytesSent), completed, finishedAt: at, updated: at },
    );
  }

  countDownloads(organizationId: string, purchaseId: string): Promise<number> {
    return this.downloads.countBy({ organizationId, purchaseId });
  }

  /** Newest first. */
  downloadsPage(organizationId: string, purchaseId: string, offset: number, limit: number): Promise<DigitalDownload[]> {
    return this.downloads.find({
      where: { organizationId, purchaseId },
      order: { created: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
  }
}
