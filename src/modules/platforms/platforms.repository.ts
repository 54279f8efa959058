import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Platform } from './entities/platform.entity.js';

@Injectable()
export class PlatformsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<Platform[]> {
    return this.dataSource.getRepository(Platform).find({ order: { position: 'ASC', id: 'ASC' } });
  }

  byUid(uid: string): Promise<Platform | null> {
    return this.dataSource.getRepository(Platform).findOneBy({ uid });
  }
}
