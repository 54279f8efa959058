import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Platform } from './entities/platform.entity.js';

@Injectable()
export class PlatformsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private cached: Promise<Platform[]> | null = null;

  /** Reference data that only a migration changes, so it is read once per process. */
  all(): Promise<Platform[]> {
    this.cached ??= this.dataSource
      .getRepository(Platform)
      .find({ order: { position: 'ASC', id: 'ASC' } })
      .catch((error: unknown) => {
        this.cached = null;
        throw error;
      });
    return this.cached;
  }

  byUid(uid: string): Promise<Platform | null> {
    return this.dataSource.getRepository(Platform).findOneBy({ uid });
  }
}
