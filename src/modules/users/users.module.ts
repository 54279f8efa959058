import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { DeviceTokensController } from './device-tokens.controller.js';
import { DeviceTokensRepository } from './device-tokens.repository.js';
import { DeviceTokensService } from './device-tokens.service.js';
import { DeviceToken } from './entities/device-token.entity.js';
import { SupportRequest } from './entities/support-request.entity.js';
import { UserPreferences } from './entities/user-preferences.entity.js';
import { User } from './entities/user.entity.js';
import { PreferencesRepository } from './preferences.repository.js';
import { PreferencesService } from './preferences.service.js';
import { SupportController } from './support.controller.js';
import { SupportRepository } from './support.repository.js';
import { SupportService } from './support.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, UserPreferences, SupportRequest, DeviceToken]),
    OrganizationsModule,
    SubscriptionsModule,
    PlatformsModule,
  ],
  controllers: [UsersController, SupportController, DeviceTokensController],
  providers: [
    UsersRepository,
    UsersService,
    PreferencesRepository,
    PreferencesService,
    SupportRepository,
    SupportService,
    DeviceTokensRepository,
    DeviceTokensService,
  ],
  exports: [UsersService],
})
export class UsersModule {}
