import { Module } from '@nestjs/common';
import { PlatformsController } from './platforms.controller.js';
import { PlatformsRepository } from './platforms.repository.js';

@Module({ controllers: [PlatformsController], providers: [PlatformsRepository], exports: [PlatformsRepository] })
export class PlatformsModule {}
