import { DeviceTokenDto } from './dto/device-token.dto.js';
import { PreferencesDto } from './dto/preferences.dto.js';
import { SupportRequestDto } from './dto/support.dto.js';
import { UserDto } from './dto/user.dto.js';
import { DeviceToken } from './entities/device-token.entity.js';
import { SupportRequest } from './entities/support-request.entity.js';
import { UserPreferences } from './entities/user-preferences.entity.js';
import { User } from './entities/user.entity.js';
import { DEFAULT_LISTING_DEFAULTS, DEFAULT_NOTIFICATIONS, withDefaults } from './users.rules.js';

export function mapUser(user: User): UserDto {
  return {
    uid: user.uid,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
  };
}

/** A user's preferences; a user who changed none has the defaults. */
export function mapPreferences(preferences: UserPreferences | null): PreferencesDto {
  return {
    currency: preferences?.currency ?? 'USD',
    timezone: preferences?.timezone ?? 'UTC',
    notifications: withDefaults(DEFAULT_NOTIFICATIONS, preferences?.notifications ?? null),
    listing_defaults: withDefaults(DEFAULT_LISTING_DEFAULTS, preferences?.listingDefaults ?? null),
  };
}

export function mapSupportRequest(request: SupportRequest): SupportRequestDto {
  return {
    uid: request.uid,
    subject: request.subject,
    message: request.message,
    category: request.category,
    created: request.created.toISOString(),
  };
}

export function mapDeviceToken(device: DeviceToken): DeviceTokenDto {
  return {
    token: device.token,
    provider: device.provider,
    device_name: device.deviceName,
    created: device.created.toISOString(),
    last_registered: device.lastRegistered.toISOString(),
  };
}
