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
}
