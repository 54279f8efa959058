import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError } from '../../common/errors/error-response.js';
import { mapOrganization } from '../organizations/organizations.mapper.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { mapSubscription } from '../subscriptions/subscriptions.mapper.js';
import { MeDto } from './dto/user.dto.js';
import { mapUser } from './users.mapper.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async me(auth: AuthContext): Promise<MeDto> {
    const [user, subscription] = await Promise.all([
      this.users.findWithOrganization(auth.userId),
      this.subscriptions.findForOrganization(auth.organizationId),
    ]);
    if (!user?.organization) throw new DetailError(404, 'Not found.');
    return {
      ...mapUser(user),
      role: user.role,
      organization: mapOrganization(user.organization),
      subscription: subscription?.plan ? mapSubscription({ ...subscription, plan: subscription.plan }, new Date()) : null,
    };
  }
}
