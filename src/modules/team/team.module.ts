import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/index.js';
import { OrganizationsModule } from '../organizations/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { UsersModule } from '../users/index.js';
import { OrganizationInvite } from './entities/organization-invite.entity.js';
import { InvitesRepository } from './invites.repository.js';
import { TeamController } from './team.controller.js';
import { TeamService } from './team.service.js';

/** The organization's members and invites: on top of users, organizations, subscriptions and API keys (none of which need it). */
@Module({
  imports: [TypeOrmModule.forFeature([OrganizationInvite]), UsersModule, OrganizationsModule, SubscriptionsModule, ApiKeysModule],
  controllers: [TeamController],
  providers: [InvitesRepository, TeamService],
})
export class TeamModule {}
