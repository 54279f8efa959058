import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Platform } from './entities/platform.entity.js';

@Injectable()
export class PlatformsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  all(): Promise<Platform[]> {
    return this.db.getRepository(Platform).find({ order: { position: 'ASC', id: 'ASC' } });
  }
}
