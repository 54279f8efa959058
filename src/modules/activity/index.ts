/** What other modules may use of the activity feed. */
export { ActivityModule } from './activity.module.js';
export { ACTIVITY_EVENT_TYPES, type ActivityEventType, type ActivitySubjectType, listingActivity } from './activity.rules.js';
export { type ActivityRangeRequest, type ActivityRecord, ActivityService } from './activity.service.js';
export { ActivityHeatmapDto, ActivityRangeQueryDto, ActivitySeriesDto, ActivitySeriesQueryDto } from './dto/activity.dto.js';
