import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { OrganizationAddress } from './entities/organization-address.entity.js';

export type AddressFields = Omit<
  OrganizationAddress,
  'id' | 'uid' | 'organizationId' | 'organization' | 'created' | 'updated' | 'isPrimary'
>;

@Injectable()
export class AddressesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(OrganizationAddress);
  }

  create(organizationId: string, fields: AddressFields, isPrimary: boolean): Promise<OrganizationAddress> {
    return this.repository.save({ ...fields, organizationId, uid: newUid('adr'), isPrimary });
  }

  count(organizationId: string): Promise<number> {
    return this.repository.countBy({ organizationId });
  }

  /** The primary first, then oldest first. */
  page(organizationId: string, offset: number, limit: number): Promise<OrganizationAddress[]> {
    return this.repository.find({
      where: { organizationId },
      order: { isPrimary: 'DESC', created: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  findOwned(organizationId: string, uid: string): Promise<OrganizationAddress | null> {
    return this.repository.findOneBy({ organizationId, uid });
  }

  hasPrimary(organizationId: string): Promise<boolean> {
    return this.repository.existsBy({ organizationId, isPrimary: true });
  }

  async update(organizationId: string, id: string, fields: Partial<AddressFields>): Promise<void> {
    await this.repository.update({ organizationId, id }, { ...fields, updated: new Date() });
  }

  /** Makes this address the only primary one (the other is unset first: the unique index allows one at a time). */
  async makePrimary(organizationId: string, id: string): Promise<void> {
    await this.repository.update({ organizationId, isPrimary: true }, { isPrimary: false });
    await this.repository.update({ organizationId, id }, { isPrimary: true, updated: new Date() });
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.repository.delete({ organizationId, id });
  }

  oldest(organizationId: string): Promise<OrganizationAddress | null> {
    return this.repository.findOne({ where: { organizationId }, order: { created: 'ASC', id: 'ASC' } });
  }
}
