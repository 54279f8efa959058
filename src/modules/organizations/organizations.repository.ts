import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { Organization } from './entities/organization.entity.js';
import { slugify } from './organizations.rules.js';

@Injectable()
export class OrganizationsRepository {
  /** Creates an organization with a unique slug derived from its name. */
  async create(manager: EntityManager, displayName: string): Promise<Organization> {
    const base = slugify(displayName);
    const taken = await manager.getRepository(Organization).existsBy({ slug: base });
    const slug = taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
    return manager.getRepository(Organization).save({ uid: newUid('org'), displayName, slug });
  }
}
