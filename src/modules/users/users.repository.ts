import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { User } from './entities/user.entity.js';

export interface NewUser {
  organizationId: string;
  role: User['role'];
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
}

export type ProfileChange = Partial<Pick<User, 'firstName' | 'lastName' | 'phoneNumber' | 'username' | 'email'>>;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(User);
  }

  create(user: NewUser): Promise<User> {
    return this.repository.save({ ...user, uid: newUid('usr'), username: user.email });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repository.findOneBy({ email });
  }

  /** The user, only as a member of that organization. */
  findInOrganization(organizationId: string, id: string): Promise<User | null> {
    return this.repository.findOneBy({ organizationId, id });
  }

  countInOrganization(organizationId: string): Promise<number> {
    return this.repository.countBy({ organizationId });
  }

  /** Members in the order they joined. */
  pageInOrganization(organizationId: string, offset: number, limit: number): Promise<User[]> {
    return this.repository.find({
      where: { organizationId },
      order: { joinedOrganizationAt: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  findByUidInOrganization(organizationId: string, uid: string): Promise<User | null> {
    return this.repository.findOneBy({ organizationId, uid });
  }

  /** Every member of the organization, locked until the transaction ends (role and membership changes queue behind). */
  lockMembers(organizationId: string): Promise<User[]> {
    return this.repository
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.organization_id = :organizationId', { organizationId })
      .orderBy('user.id')
      .getMany();
  }

  async setRole(organizationId: string, id: string, role: User['role']): Promise<void> {
    await this.repository.update({ organizationId, id }, { role, updated: new Date() });
  }

  async moveToOrganization(id: string, organizationId: string, role: User['role']): Promise<void> {
    await this.repository.update({ id }, { organizationId, role, joinedOrganizationAt: new Date(), updated: new Date() });
  }

  /** Another account with this username, compared case-insensitively. */
  async usernameTakenByOther(username: string, id: string): Promise<boolean> {
    return this.repository
      .createQueryBuilder('user')
      .where('LOWER(user.username) = LOWER(:username)', { username })
      .andWhere('user.id <> :id', { id })
      .getExists();
  }

  async phoneNumberTakenByOther(phoneNumber: string, id: string): Promise<boolean> {
    return this.repository
      .createQueryBuilder('user')
      .where('user.phone_number = :phoneNumber', { phoneNumber })
      .andWhere('user.id <> :id', { id })
      .getExists();
  }

  async emailTakenByOther(email: string, id: string): Promise<boolean> {
    return this.repository
      .createQueryBuilder('user')
      .where('user.email = :email', { email })
      .andWhere('user.id <> :id', { id })
      .getExists();
  }

  async updateProfile(id: string, fields: ProfileChange): Promise<void> {
    await this.repository.update({ id }, { ...fields, updated: new Date() });
  }

  findById(id: string): Promise<User | null> {
    return this.repository.findOneBy({ id });
  }

  findByAppleSub(appleSub: string): Promise<User | null> {
    return this.repository.findOneBy({ appleSub });
  }

  /** The users with this phone number: one at most now that it is unique, none for a number nobody gave. */
  findByPhoneNumber(phoneNumber: string): Promise<User[]> {
    return this.repository.find({ where: { phoneNumber }, order: { id: 'ASC' } });
  }

  async setAppleSub(id: string, appleSub: string): Promise<void> {
    await this.repository.update({ id }, { appleSub, updated: new Date() });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.repository.update({ id }, { passwordHash, updated: new Date() });
  }
}
