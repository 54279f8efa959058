import { Injectable } from '@nestjs/common';
import { type FieldErrors, ValidationFailed } from '../../common/errors/error-response.js';
import { Msg } from '../../common/errors/messages.js';
import { PlatformsService } from '../platforms/index.js';
import { PreferencesDto, UpdatePreferencesDto } from './dto/preferences.dto.js';
import { mapPreferences } from './users.mapper.js';
import { PreferencesRepository } from './preferences.repository.js';
import { canonicalTimeZone, isKnownCurrency } from './users.rules.js';

@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly platforms: PlatformsService,
  ) {}

  async get(userId: string): Promise<PreferencesDto> {
    return mapPreferences(await this.preferences.find(userId));
  }

  /** Only what is sent changes, key by key inside the objects; a currency, zone or platform we do not know is a 400. */
  async update(userId: string, input: UpdatePreferencesDto): Promise<PreferencesDto> {
    const errors: FieldErrors = {};
    const currency = input.currency?.trim().toUpperCase();
    if (currency !== undefined && !isKnownCurrency(currency))
      errors.currency = [`"${input.currency}" is not a known ISO 4217 currency code.`];
    const timezone = input.timezone === undefined ? undefined : canonicalTimeZone(input.timezone);
    if (timezone === null) errors.timezone = [`"${input.timezone}" is not a known time zone: use an IANA name such as "Europe/London".`];
    const listingDefaults: Record<string, unknown> = { ...input.listing_defaults };
    if (input.listing_defaults?.platforms !== undefined) {
      const slugs = [...new Set(input.listing_defaults.platforms)];
      const catalog = await this.platforms.catalog();
      const unknown = slugs.filter((slug) => catalog.bySlug(slug) === null);
      if (unknown.length > 0) errors.listing_defaults = { platforms: [unknown.map((slug) => Msg.choice(slug)).join(' ')] };
      listingDefaults.platforms = slugs;
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
    await this.preferences.apply(userId, {
      currency: currency ?? null,
      timezone: timezone ?? null,
      notifications: { ...input.notifications },
      listingDefaults,
    });
    return this.get(userId);
  }
}
