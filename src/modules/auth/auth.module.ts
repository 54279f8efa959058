import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { ApiKeyStrategy, BearerTokenStrategy } from './strategies.js';

@Module({
  imports: [PassportModule, ApiKeysModule, OrganizationsModule, SubscriptionsModule, UsersModule],
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, BearerTokenStrategy, ApiKeyStrategy, AuthenticationGuard],
  exports: [AuthenticationGuard],
})
export class AuthModule {}
