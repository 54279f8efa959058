import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { InventoryItemType } from './entities/inventory-item-type.entity.js';

@Injectable()
export class ItemTypesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /** Every item type, in display order. */
  all(): Promise<InventoryItemType[]> {
    return this.db.getRepository(InventoryItemType).find({ order: { position: 'ASC', id: 'ASC' } });
  }
}
