import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { OrderAddress } from './entities/order-address.entity.js';
import { OrderSyncState } from './entities/order-sync-state.entity.js';
import { Order } from './entities/order.entity.js';

/** A new order row: everything but the generated columns. */
export type NewOrder = Partial<Omit<Order, 'id' | 'uid' | 'created' | 'updated'>> & { organizationId: string };

/** The parts of an address as stored. */
export type AddressFields = Partial<
  Pick<
    OrderAddress,
    | 'name'
    | 'emailAddress'
    | 'phoneNumber'
    | 'streetNumber'
    | 'street1'
    | 'street2'
    | 'city'
    | 'stateProvince'
    | 'postalCode'
    | 'country'
    | 'rawAddress'
    | 'rawAddressParsed'
  >
>;

/** Order, address and sync-state writes, and the lookups they need; every method is scoped by the organization. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get orders() {
    return this.db.getRepository(Order);
  }

  private get addresses() {
    return this.db.getRepository(OrderAddress);
  }

  /**
   * Inserts the order line unless the organization has it already (same platform, order id and line): one statement,
   * so that two syncs at once never record it twice. Null when it was there.
   */
  async insertUnlessRecorded(row: NewOrder): Promise<{ id: string; uid: string } | null> {
    const uid = newUid('ord');
    const result = await this.orders
      .createQueryBuilder()
      .insert()
      .into(Order)
      .values({ ...row, uid } as QueryDeepPartialEntity<Order>)
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = (result.raw as Array<{ id: string }>)[0];
    return inserted ? { id: String(inserted.id), uid } : null;
  }

  /** The organization's order line of a platform order, locked until the transaction ends. */
  lockLine(organizationId: string, platformId: string, platformOrderId: string, lineNumber: number): Promise<Order | null> {
    return this.orders.findOne({
      where: { organizationId, platformId, platformOrderId, lineNumber },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(organizationId: string, id: string, fields: Partial<Order>): Promise<void> {
    await this.orders.update({ organizationId, id }, { ...fields, updated: new Date() } as QueryDeepPartialEntity<Order>);
  }

  /** The item's order that stands (the newest that is not cancelled), locked when asked. */
  currentForItem(organizationId: string, itemId: string, options: { lock?: boolean } = {}): Promise<Order | null> {
    const query = this.orders
      .createQueryBuilder('o')
      .where('o.organization_id = :organizationId AND o.inventory_item_id = :itemId AND o.sale_state <> :cancelled', {
        organizationId,
        itemId,
        cancelled: 'cancelled',
      })
      .orderBy('o.sold_at', 'DESC')
      .addOrderBy('o.id', 'DESC');
    return (options.lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  findById(organizationId: string, id: string): Promise<Order | null> {
    return this.orders.findOneBy({ organizationId, id });
  }

  async insertAddress(organizationId: string, fields: AddressFields): Promise<string> {
    const result = await this.addresses.insert({ ...fields, organizationId, uid: newUid('adr') } as QueryDeepPartialEntity<OrderAddress>);
    return String(result.identifiers[0].id);
  }

  async updateAddress(organizationId: string, id: string, fields: AddressFields): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    await this.addresses.update({ organizationId, id }, { ...fields, updated: new Date() } as QueryDeepPartialEntity<OrderAddress>);
  }

  // Sync watermarks

  syncState(organizationId: string, platformId: string): Promise<OrderSyncState | null> {
    return this.db.getRepository(OrderSyncState).findOneBy({ organizationId, platformId });
  }

  /** Records a sync's end: read to the end from `syncedFrom` (null: it failed, the watermark stays), with its count or error. */
  async saveSyncRun(
    organizationId: string,
    platformId: string,
    run: { syncedFrom: Date | null; orders: number; error: string | null },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO order_sync_states (organization_id, platform_id, synced_from, last_run_at, last_run_orders, last_error)
       VALUES ($1, $2, $3, now(), $4, $5)
       ON CONFLICT (organization_id, platform_id) DO UPDATE
          SET synced_from = COALESCE(EXCLUDED.synced_from, order_sync_states.synced_from), last_run_at = now(),
              last_run_orders = EXCLUDED.last_run_orders, last_error = EXCLUDED.last_error, updated = now()`,
      [organizationId, platformId, run.syncedFrom, run.orders, run.error],
    );
  }
}
