import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/index.js';
import { OrganizationsModule } from '../organizations/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { UsersModule } from '../users/index.js';
import { AccountPasswordController } from './account-password.controller.js';
import { AccountRecoveryService } from './account-recovery.service.js';
import { AppleIdentityVerifier } from './apple-identity.verifier.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { AuthToken } from './entities/auth-token.entity.js';
import { PasswordResetToken } from './entities/password-reset-token.entity.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { ApiKeyStrategy, BearerTokenStrategy } from './strategies.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([AuthToken, PasswordResetToken]),
    PassportModule,
    ApiKeysModule,
    OrganizationsModule,
    SubscriptionsModule,
    UsersModule,
  ],
  controllers: [AuthController, AccountPasswordController],
  providers: [
    AuthRepository,
    PasswordResetsRepository,
    AuthService,
    AccountRecoveryService,
    AppleIdentityVerifier,
    BearerTokenStrategy,
    ApiKeyStrategy,
    AuthenticationGuard,
  ],
  exports: [AuthenticationGuard],
})
export class AuthModule {}
