import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityRepository } from './activity.repository.js';
import { ActivityService } from './activity.service.js';
import { ActivityEvent } from './entities/activity-event.entity.js';

/** The activity feed every domain writes to (through ActivityService) and analytics reads. */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityEvent])],
  providers: [ActivityRepository, ActivityService],
  exports: [ActivityService],
})
export class ActivityModule {}
