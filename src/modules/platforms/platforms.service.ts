import { Injectable } from '@nestjs/common';
import { PlatformDto, PlatformRefDto, PlatformSummaryDto } from './dto/platform.dto.js';
import { Platform } from './entities/platform.entity.js';
import { mapPlatform, mapPlatformRef, mapPlatformSummary } from './platforms.mapper.js';
import { PlatformsRepository } from './platforms.repository.js';
import { acceptsKind, type SaleKind, sellsKind } from './platforms.rules.js';

/** What another module needs to know of one platform to place a product on it. */
export interface PlatformFacts {
  id: string;
  uid: string;
  slug: string;
  displayName: string;
  accepts: (kind: SaleKind) => boolean;
}

/** The platforms, shaped once per process for every response that shows them. */
export interface PlatformCatalog {
  all: PlatformDto[];
  ref(id: string): PlatformRefDto | null;
  byUid(uid: string): PlatformFacts | null;
  byId(id: string): PlatformFacts | null;
  bySlug(slug: string): PlatformFacts | null;
  /** Where products of this kind can be listed now, in display order. */
  availableFor(kind: SaleKind): PlatformSummaryDto[];
}

function facts(platform: Platform): PlatformFacts {
  return {
    id: platform.id,
    uid: platform.uid,
    slug: platform.slug,
    displayName: platform.displayName,
    accepts: (kind) => acceptsKind(platform, kind),
  };
}

function catalogOf(platforms: Platform[]): PlatformCatalog {
  const refs = new Map(platforms.map((platform) => [platform.id, mapPlatformRef(platform)]));
  const byId = new Map(platforms.map((platform) => [platform.id, facts(platform)]));
  const byUid = new Map([...byId.values()].map((platform) => [platform.uid, platform]));
  const bySlug = new Map([...byId.values()].map((platform) => [platform.slug, platform]));
  const available = {
    physical: platforms.filter((platform) => sellsKind(platform, 'physical')).map(mapPlatformSummary),
    digital: platforms.filter((platform) => sellsKind(platform, 'digital')).map(mapPlatformSummary),
  };
  return {
    all: platforms.map(mapPlatform),
    ref: (id) => refs.get(id) ?? null,
    byUid: (uid) => byUid.get(uid) ?? null,
    byId: (id) => byId.get(id) ?? null,
    bySlug: (slug) => bySlug.get(slug) ?? null,
    availableFor: (kind) => available[kind],
  };
}

@Injectable()
export class PlatformsService {
  private cached: Promise<PlatformCatalog> | null = null;

  constructor(private readonly platforms: PlatformsRepository) {}

  /** Reference data that only a migration changes, so it is read once per process. */
  catalog(): Promise<PlatformCatalog> {
    this.cached ??= this.platforms
      .all()
      .then(catalogOf)
      .catch((error: unknown) => {
        this.cached = null;
        throw error;
      });
    return this.cached;
  }
}
