import { Injectable } from '@nestjs/common';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Product, type ProductType } from './entities/product.entity.js';
import { nameKey } from './products.rules.js';

/** What the product's writes need to know of it. */
export interface OwnedProduct {
  id: string;
  uid: string;
  type: ProductType;
  imageKey: string | null;
  imageThumbnailKey: string | null;
}

const NAMED_CATALOGS = {
  artist: { table: 'artists', prefix: 'art' },
  label: { table: 'music_labels', prefix: 'lbl' },
} as const;

/** Product writes; every method is scoped by the organization. Lists read through ProductListQuery. */
@Injectable()
export class ProductsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(Product);
  }

  /** `lock` (inside a transaction) holds the row until it ends, so changes to the product's presences run one at a time. */
  findOwned(organizationId: string, uid: string, options: { lock?: boolean } = {}): Promise<OwnedProduct | null> {
    return this.repository.findOne({
      select: { id: true, uid: true, type: true, imageKey: true, imageThumbnailKey: true },
      where: { organizationId, uid },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The organization's products with these uids (unknown ones are left out), in one query. */
  findOwnedByUids(organizationId: string, uids: string[]): Promise<Array<Pick<Product, 'id' | 'uid' | 'type'>>> {
    return this.repository.find({ select: { id: true, uid: true, type: true }, where: { organizationId, uid: In(uids) } });
  }

  /** One multi-row INSERT; the ids and uids come back in the order of `rows`. */
  async insertMany(rows: Array<Partial<Product> & { organizationId: string; title: string }>): Promise<Array<{ id: string; uid: string }>> {
    if (rows.length === 0) return [];
    const uids = rows.map(() => newUid('prod'));
    const result = await this.repository.insert(
      rows.map((row, index) => ({ ...row, uid: uids[index] })) as QueryDeepPartialEntity<Product>[],
    );
    return result.identifiers.map((identifier, index) => ({ id: String(identifier.id), uid: uids[index] }));
  }

  async insert(fields: Partial<Product> & { organizationId: string; title: string }): Promise<{ id: string; uid: string }> {
    const saved = await this.repository.save({ ...fields, uid: newUid('prod') });
    return { id: saved.id, uid: saved.uid };
  }

  async update(organizationId: string, id: string, fields: Partial<Product>): Promise<void> {
    await this.repository.update({ organizationId, id }, fields as QueryDeepPartialEntity<Product>);
  }

  /** Deletes the product; its items, their assets and its presences go with it (foreign keys cascade). */
  async delete(organizationId: string, id: string): Promise<boolean> {
    const result = await this.repository.delete({ organizationId, id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Get-or-create of many artists or labels by name within the organization, in one statement whatever their number;
   * per name as given, its id. Names alike but for case and spacing (one name key) share one row.
   */
  async linkNames(catalog: keyof typeof NAMED_CATALOGS, organizationId: string, names: string[]): Promise<Map<string, string>> {
    const byKey = new Map<string, string>();
    for (const name of names) if (!byKey.has(nameKey(name))) byKey.set(nameKey(name), name.trim());
    if (byKey.size === 0) return new Map();
    const { table, prefix } = NAMED_CATALOGS[catalog];
    const keys = [...byKey.keys()];
    // One row per key: ON CONFLICT DO UPDATE refuses to touch a row twice in one statement.
    const rows = await this.db.query<Array<{ id: string; name_key: string }>>(
      `INSERT INTO ${table} (uid, organization_id, name, name_key)
       SELECT named.uid, $1::bigint, named.name, named.name_key
         FROM unnest($2::varchar[], $3::varchar[], $4::varchar[]) AS named (uid, name, name_key)
       ON CONFLICT (organization_id, name_key) DO UPDATE SET name_key = EXCLUDED.name_key
       RETURNING id, name_key`,
      [organizationId, keys.map(() => newUid(prefix)), [...byKey.values()], keys],
    );
    const idByKey = new Map(rows.map((row) => [row.name_key, String(row.id)]));
    return new Map(names.map((name) => [name, idByKey.get(nameKey(name))!]));
  }

  /** Get-or-create of an artist or label by name within the organization; atomic under concurrency. */
  async linkName(catalog: keyof typeof NAMED_CATALOGS, organizationId: string, name: string): Promise<string> {
    const { table, prefix } = NAMED_CATALOGS[catalog];
    const rows = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO ${table} (uid, organization_id, name, name_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, name_key) DO UPDATE SET name_key = EXCLUDED.name_key
       RETURNING id`,
      [newUid(prefix), organizationId, name.trim(), nameKey(name)],
    );
    return String(rows[0].id);
  }
}
