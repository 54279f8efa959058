import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DigitalAsset } from './entities/digital-asset.entity.js';

/** An asset with the uid of its product, as responses show it. */
export interface AssetRow {
  id: string;
  uid: string;
  product_id: string;
  product_uid: string;
  file_key: string;
  file_name: string;
  display_name: string;
  description: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  is_primary: boolean;
  created: Date;
  updated: Date;
}

const COLUMNS = `a.id::text AS id, a.uid, a.product_id::text AS product_id, p.uid AS product_uid, a.file_key, a.file_name, a.display_name,
  a.description, a.content_type, a.size_bytes, a.sha256, a.is_primary, a.created, a.updated`;
const SOURCE = `digital_assets a JOIN products p ON p.id = a.product_id`;
/** The primary first, then oldest first. */
const ORDER = `a.is_primary DESC, a.created ASC, a.id ASC`;

export type NewAsset = Pick<
  DigitalAsset,
  | 'uid'
  | 'organizationId'
  | 'productId'
  | 'userId'
  | 'fileKey'
  | 'fileName'
  | 'displayName'
  | 'description'
  | 'contentType'
  | 'sizeBytes'
  | 'sha256'
>;

@Injectable()
export class DigitalAssetsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(DigitalAsset);
  }

  async insert(asset: NewAsset): Promise<string> {
    const { identifiers } = await this.repository.insert({ ...asset, isPrimary: false });
    return String(identifiers[0].id);
  }

  countForProduct(organizationId: string, productId: string): Promise<number> {
    return this.repository.countBy({ organizationId, productId });
  }

  pageForProduct(organizationId: string, productId: string, offset: number, limit: number): Promise<AssetRow[]> {
    return this.db.select(
      `SELECT ${COLUMNS} FROM ${SOURCE} WHERE a.organization_id = $1 AND a.product_id = $2 ORDER BY ${ORDER} OFFSET $3 LIMIT $4`,
      [organizationId, productId, offset, limit],
    );
  }

  allForProduct(organizationId: string, productId: string): Promise<AssetRow[]> {
    return this.db.select(`SELECT ${COLUMNS} FROM ${SOURCE} WHERE a.organization_id = $1 AND a.product_id = $2 ORDER BY ${ORDER}`, [
      organizationId,
      productId,
    ]);
  }

  async findOwned(organizationId: string, uid: string): Promise<AssetRow | null> {
    const [row] = await this.db.select<AssetRow>(`SELECT ${COLUMNS} FROM ${SOURCE} WHERE a.organization_id = $1 AND a.uid = $2`, [
      organizationId,
      uid,
    ]);
    return row ?? null;
  }

  async update(organizationId: string, id: string, fields: Partial<Pick<DigitalAsset, 'displayName' | 'description'>>): Promise<void> {
    await this.repository.update({ organizationId, id }, { ...fields, updated: new Date() });
  }

  /** Makes this asset the product's only primary one (the other is unset first: the unique index allows one at a time). */
  async makePrimary(organizationId: string, productId: string, id: string): Promise<void> {
    await this.repository.update({ organizationId, productId, isPrimary: true }, { isPrimary: false, updated: new Date() });
    await this.repository.update({ organizationId, id }, { isPrimary: true, updated: new Date() });
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.repository.delete({ organizationId, id });
  }

  async oldest(organizationId: string, productId: string): Promise<string | null> {
    const asset = await this.repository.findOne({
      where: { organizationId, productId },
      order: { created: 'ASC', id: 'ASC' },
      select: { id: true },
    });
    return asset?.id ?? null;
  }

  /** The stored files of these products' assets. */
  async fileKeys(organizationId: string, productIds: string[]): Promise<string[]> {
    const rows = await this.db.select<{ file_key: string }>(
      `SELECT file_key FROM digital_assets WHERE organization_id = $1 AND product_id = ANY($2::bigint[])`,
      [organizationId, productIds],
    );
    return rows.map((row) => row.file_key);
  }
}
