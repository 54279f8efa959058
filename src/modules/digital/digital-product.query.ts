import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';

/** A product as digital assets and purchases need it. */
export interface DigitalProduct {
  id: string;
  uid: string;
  title: string;
}

/**
 * What this module reads of the products table, named here so that it does not import the products module (which
 * reads digital assets through this module's exports). Every query is scoped by the organization.
 */
@Injectable()
export class DigitalProductQuery {
  constructor(private readonly db: TransactionalConnection) {}

  async byUid(organizationId: string, uid: string): Promise<DigitalProduct | null> {
    const [row] = await this.db.select<DigitalProduct>(
      `SELECT id::text AS id, uid, title FROM products WHERE organization_id = $1 AND uid = $2`,
      [organizationId, uid],
    );
    return row ?? null;
  }

  async byId(organizationId: string, id: string): Promise<DigitalProduct | null> {
    const [row] = await this.db.select<DigitalProduct>(
      `SELECT id::text AS id, uid, title FROM products WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /**
   * The product, its row locked until the transaction ends, so that two changes to its assets never both decide which
   * one is primary. NO KEY UPDATE: rows that reference the product (items, assets) can still be written meanwhile.
   */
  async lock(organizationId: string, id: string): Promise<DigitalProduct | null> {
    const [row] = await this.db.select<DigitalProduct>(
      `SELECT id::text AS id, uid, title FROM products WHERE organization_id = $1 AND id = $2 FOR NO KEY UPDATE`,
      [organizationId, id],
    );
    return row ?? null;
  }
}
