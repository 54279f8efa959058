import { Injectable } from '@nestjs/common';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { OrganizationInvite } from './entities/organization-invite.entity.js';

@Injectable()
export class InvitesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(OrganizationInvite);
  }

  create(fields: {
    organizationId: string;
    email: string;
    role: OrganizationRole;
    tokenHash: string;
    invitedById: string;
    expiresAt: Date;
  }) {
    return this.repository.save({ ...fields, uid: newUid('ivt'), acceptedAt: null });
  }

  /** Removes the organization's unaccepted invites to this email (a new invite replaces them). */
  async deleteOpenForEmail(organizationId: string, email: string): Promise<void> {
    await this.repository.createQueryBuilder().delete().where({ organizationId, email }).andWhere('accepted_at IS NULL').execute();
  }

  countPending(organizationId: string): Promise<number> {
    return this.pending(organizationId).getCount();
  }

  /** Pending invites, newest first, with their inviter. */
  pagePending(organizationId: string, offset: number, limit: number): Promise<OrganizationInvite[]> {
    return this.pending(organizationId)
      .leftJoinAndSelect('invite.invitedBy', 'inviter')
      .orderBy('invite.created', 'DESC')
      .addOrderBy('invite.id', 'DESC')
      .skip(offset)
      .take(limit)
      .getMany();
  }

  findOwnedWithInviter(organizationId: string, id: string): Promise<OrganizationInvite | null> {
    return this.repository.findOne({ where: { organizationId, id }, relations: { invitedBy: true } });
  }

  /** Deletes the organization's unaccepted invite; false when it has none with that uid. */
  async deleteOpen(organizationId: string, uid: string): Promise<boolean> {
    const result = await this.repository
      .createQueryBuilder()
      .delete()
      .where({ organizationId, uid })
      .andWhere('accepted_at IS NULL')
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The invite behind a token's digest, locked until the transaction ends (so it is accepted once). */
  lockByTokenHash(tokenHash: string): Promise<OrganizationInvite | null> {
    return this.repository
      .createQueryBuilder('invite')
      .setLock('pessimistic_write')
      .where('invite.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markAccepted(organizationId: string, id: string): Promise<void> {
    await this.repository.update({ organizationId, id }, { acceptedAt: new Date(), updated: new Date() });
  }

  private pending(organizationId: string) {
    return this.repository
      .createQueryBuilder('invite')
      .where('invite.organization_id = :organizationId', { organizationId })
      .andWhere('invite.accepted_at IS NULL')
      .andWhere('invite.expires_at > now()');
  }
}
