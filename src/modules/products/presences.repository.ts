import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';

@Injectable()
export class PresencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(MarketplacePresence);
  }

  forProduct(productId: string): Promise<MarketplacePresence[]> {
    return this.repository.find({ where: { productId }, relations: { platform: true }, order: { created: 'ASC', id: 'ASC' } });
  }

  findOne(productId: string, id: number): Promise<MarketplacePresence | null> {
    return this.repository.findOne({ where: { productId, id }, relations: { platform: true } });
  }

  async insert(fields: Partial<MarketplacePresence> & { organizationId: string; productId: string }): Promise<number> {
    const saved = await this.repository.save(fields);
    return saved.id;
  }

  async update(id: number, fields: Partial<MarketplacePresence>): Promise<void> {
    await this.repository.update({ id }, fields as QueryDeepPartialEntity<MarketplacePresence>);
  }

  async delete(productId: string, id: number): Promise<boolean> {
    const result = await this.repository.delete({ productId, id });
    return (result.affected ?? 0) > 0;
  }
}
