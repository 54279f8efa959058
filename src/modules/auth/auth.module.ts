import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/index.js';
import { OrganizationsModule } from '../organizations/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { UsersModule } from '../users/index.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { AuthToken } from './entities/auth-token.entity.js';
import { ApiKeyStrategy, BearerTokenStrategy } from './strategies.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuthToken]), PassportModule, ApiKeysModule, OrganizationsModule, SubscriptionsModule, UsersModule],
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, BearerTokenStrategy, ApiKeyStrategy, AuthenticationGuard],
  exports: [AuthenticationGuard],
})
export class AuthModule {}
