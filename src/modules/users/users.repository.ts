import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { User } from './entities/user.entity.js';

export interface NewUser {
  organizationId: string;
  role: User['role'];
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, user: NewUser): Promise<User> {
    return manager.getRepository(User).save({ ...user, uid: newUid('usr'), username: user.email });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email });
  }

  findWithOrganization(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id }, relations: { organization: true } });
  }
}
