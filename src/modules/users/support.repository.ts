import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type SupportCategory, SupportRequest } from './entities/support-request.entity.js';

export interface NewSupportRequest {
  organizationId: string;
  userId: string;
  category: SupportCategory;
  subject: string;
  message: string;
}

@Injectable()
export class SupportRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(SupportRequest);
  }

  create(request: NewSupportRequest): Promise<SupportRequest> {
    return this.repository.save({ ...request, uid: newUid('sup') });
  }

  /** The user's own requests in their organization (a user who moved on does not see the old one's). */
  count(organizationId: string, userId: string): Promise<number> {
    return this.repository.countBy({ organizationId, userId });
  }

  /** Newest first. */
  page(organizationId: string, userId: string, offset: number, limit: number): Promise<SupportRequest[]> {
    return this.repository.find({ where: { organizationId, userId }, order: { created: 'DESC', id: 'DESC' }, skip: offset, take: limit });
  }
}
