import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Organization } from './entities/organization.entity.js';
import { slugify } from './organizations.rules.js';

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(Organization);
  }

  /** Creates an organization with a unique slug derived from its name. */
  async create(displayName: string): Promise<Organization> {
    const base = slugify(displayName);
    const taken = await this.repository.existsBy({ slug: base });
    const slug = taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
    return this.repository.save({ uid: newUid('org'), displayName, slug });
  }

  findById(id: string): Promise<Organization | null> {
    return this.repository.findOneBy({ id });
  }

  /** The organization, locked until the transaction ends: writes that must see each other's result queue behind it. */
  async lock(id: string): Promise<Organization | null> {
    return this.repository.createQueryBuilder('organization').setLock('pessimistic_write').where('organization.id = :id', { id }).getOne();
  }

  async slugTakenByAnother(id: string, slug: string): Promise<boolean> {
    return this.repository
      .createQueryBuilder('organization')
      .where('organization.slug = :slug', { slug })
      .andWhere('organization.id <> :id', { id })
      .getExists();
  }

  async update(
    id: string,
    fields: Partial<Pick<Organization, 'displayName' | 'slug' | 'defaultBarcodeType' | 'logoKey' | 'logoThumbnailKey'>>,
  ): Promise<void> {
    await this.repository.update({ id }, { ...fields, updated: new Date() });
  }
}
