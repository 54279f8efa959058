import { ApiKey } from '../../modules/api-keys/entities/api-key.entity.js';
import { AuthToken } from '../../modules/auth/entities/auth-token.entity.js';
import { Organization } from '../../modules/organizations/entities/organization.entity.js';
import { Plan } from '../../modules/subscriptions/entities/plan.entity.js';
import { Subscription } from '../../modules/subscriptions/entities/subscription.entity.js';
import { User } from '../../modules/users/entities/user.entity.js';

/** Every entity, listed explicitly so the app, the migration CLI and the drift check agree. */
export const ENTITIES = [Organization, User, AuthToken, ApiKey, Plan, Subscription];
