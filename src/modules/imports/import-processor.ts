import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ValidationFailed } from '../../common/errors/error-response.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { InventoryService } from '../inventory/index.js';
import { ListingsService } from '../listings/index.js';
import type { ListingForImport } from '../marketplace/index.js';
import type { PlatformFacts } from '../platforms/index.js';
import { ProductsService } from '../products/index.js';
import type { ImportItem } from './entities/import-item.entity.js';
import type { ImportJob } from './entities/import-job.entity.js';
import { ImportPictures, type PicturesOutcome } from './import-pictures.js';
import {
  clip,
  type Conflict,
  conflictOf,
  copiesOf,
  type ExistingMatches,
  type ImportItemStatus,
  type ImportResolution,
  mappingProblem,
} from './imports.rules.js';
import { type ItemOutcome, ImportsRepository, type NewImportItem } from './imports.repository.js';

/** The partial unique index that lets one listing create one item per organization (see ImportItem). */
const CREATED_KEY = 'IDX_marketplace_import_items_created';
/** Our item uids: a listing whose SKU is one was listed from that item. */
const ITEM_UID = /^inv_[0-9A-Za-z]{16}$/;

/** Where an item stands once evaluated: what would happen to it now. */
type Evaluation = { status: 'failed'; code: string; message: string } | { status: 'conflict'; conflict: Conflict } | { status: 'pending' };

/** The run an item is processed in, and how. */
export interface RunContext {
  job: ImportJob;
  platform: PlatformFacts;
  pictureOrigins: readonly string[];
  statuses: ImportItemStatus[];
}

/**
 * What an import does with one listing: evaluates it (can it map to an item, does it run into one the organization
 * has), and imports it (product, items, live listing, presence, pictures) or links it to an existing item, each in
 * one transaction that also records the import item's outcome, so that an item is imported once whatever the retries.
 */
@Injectable()
export class ImportProcessor {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly imports: ImportsRepository,
    private readonly inventory: InventoryService,
    private readonly products: ProductsService,
    private readonly listings: ListingsService,
    private readonly pictures: ImportPictures,
  ) {}

  /** What the organization already has that these listings run into (three queries for the lot). */
  async matches(
    organizationId: string,
    platformId: string,
    listings: ListingForImport[],
  ): Promise<(listing: ListingForImport) => ExistingMatches> {
    const skus = [...new Set(listings.map((listing) => listing.externalId).filter((sku): sku is string => Boolean(sku)))];
    const [linked, own, bySku] = await Promise.all([
      this.listings.itemsOfPlatformListings(
        organizationId,
        platformId,
        listings.map((listing) => listing.listingId),
      ),
      this.inventory.liveItemsByUid(
        organizationId,
        skus.filter((sku) => ITEM_UID.test(sku)),
      ),
      this.inventory.itemUidsBySku(organizationId, skus),
    ]);
    return (listing) => ({
      linkedItemUid: linked.get(listing.listingId) ?? null,
      ownItemUid: listing.externalId && own.has(listing.externalId) ? listing.externalId : null,
      skuItemUid: listing.externalId ? (bySku.get(listing.externalId) ?? null) : null,
    });
  }

  private evaluate(listing: ListingForImport, matches: ExistingMatches): Evaluation {
    const problem = mappingProblem(listing);
    if (problem) return { status: 'failed', ...problem };
    const conflict = conflictOf(listing.externalId, matches);
    return conflict ? { status: 'conflict', conflict } : { status: 'pending' };
  }

  /** A page's listings as new import items, each with what would happen to it. */
  async evaluatePage(
    job: ImportJob,
    listings: ListingForImport[],
    processedInRun: number | null,
  ): Promise<Array<NewImportItem & { processedInRun: number | null }>> {
    const matchesOf = await this.matches(job.organizationId, job.platformId, listings);
    return listings.map((listing) => ({
      externalListingId: clip(listing.listingId, 200),
      externalSku: listing.externalId ? clip(listing.externalId, 200) : null,
      listingTitle: clip(listing.title ?? ''),
      listingPrice: /^\d{1,10}(\.\d{1,2})?$/.test(listing.priceUsd ?? '') ? listing.priceUsd : null,
      listing,
      processedInRun,
      ...this.outcomeFields(this.evaluate(listing, matchesOf(listing)), job.skipConflicts),
    }));
  }

  /** The columns an evaluation sets on its item. */
  private outcomeFields(
    evaluation: Evaluation,
    skipConflicts: boolean,
  ): Pick<
    ImportItem,
    'status' | 'conflictType' | 'conflictDetails' | 'conflictItemUid' | 'errorCode' | 'errorMessage' | 'resolution' | 'processedAt'
  > {
    const base = { conflictType: null, conflictDetails: null, conflictItemUid: null, errorCode: null, errorMessage: null };
    if (evaluation.status === 'pending') return { ...base, status: 'pending', resolution: 'pending', processedAt: null };
    if (evaluation.status === 'failed') {
      return {
        ...base,
        status: 'failed',
        resolution: 'pending',
        errorCode: evaluation.code,
        errorMessage: evaluation.message,
        processedAt: new Date(),
      };
    }
    const { conflict } = evaluation;
    return {
      ...base,
      status: skipConflicts ? 'skipped' : 'conflict',
      resolution: skipConflicts ? 'skip' : 'pending',
      conflictType: conflict.type,
      conflictDetails: conflict.details,
      conflictItemUid: conflict.itemUid,
      processedAt: new Date(),
    };
  }

  /** Evaluates a batch of items again in this run (a preview of recorded listings): what would happen to each now, in one transaction. */
  async reevaluateBatch(context: RunContext, candidates: ImportItem[]): Promise<void> {
    const { job } = context;
    const matchesOf = await this.matches(
      job.organizationId,
      job.platformId,
      candidates.map((candidate) => candidate.listing),
    );
    await this.db.transaction(async () => {
      const claimed = await this.imports.claimMany(
        job,
        candidates.map((candidate) => candidate.id),
        context.statuses,
      );
      await this.imports.recordOutcomes(
        job.organizationId,
        claimed.map((item) =>
          outcomeOf(item, this.outcomeFields(this.evaluate(item.listing, matchesOf(item.listing)), false), job.runNumber),
        ),
      );
    });
  }

  /**
   * Processes a batch of a run's items: each is evaluated in JS first (what cannot map fails, what runs into an
   * existing item is a conflict, skipped with skip_conflicts), the pictures of the importable ones are fetched (a few
   * listings at a time, before the transaction: no lock is held while a host answers), then the batch is imported in
   * one transaction of set-based statements whose number does not grow with the batch. A statement failing on one row
   * (another job of the organization imported that listing first) rolls the batch back, and its items are then
   * processed one by one, so that the others still come in.
   */
  async processBatch(context: RunContext, candidates: ImportItem[]): Promise<void> {
    const { job } = context;
    const matchesOf = await this.matches(
      job.organizationId,
      job.platformId,
      candidates.map((candidate) => candidate.listing),
    );
    const importable = candidates.filter(
      (candidate) => this.evaluate(candidate.listing, matchesOf(candidate.listing)).status === 'pending',
    );
    const fetched = await this.pictures.fetchForListings(
      importable.map((candidate) => ({ urls: candidate.listing.pictureUrls, keyPrefix: `inventory/imported/${candidate.uid}` })),
      context.pictureOrigins,
    );
    const pictures = new Map(importable.map((candidate, index) => [candidate.id, fetched[index]]));
    let batch: { taken: Set<string>; importableNow: ImportItem[] };
    try {
      batch = await this.db.transaction(() => this.importBatch(context, candidates, pictures));
    } catch (error) {
      if (!(error instanceof QueryFailedError)) {
        await this.pictures.remove([...pictures.values()].flatMap((outcome) => outcome.stored));
        throw error;
      }
      return this.processEach(context, candidates, pictures);
    }
    const untaken = [...pictures].filter(([id]) => !batch.taken.has(id)).flatMap(([, outcome]) => outcome.stored);
    await this.pictures.remove(untaken);
    // Importable under the locks but not before (the item it ran into is gone): its pictures were not fetched.
    for (const candidate of batch.importableNow) await this.process(context, candidate);
  }

  /** The batch's items one transaction each, with the pictures already fetched (each removed when its item does not take it). */
  private async processEach(context: RunContext, candidates: ImportItem[], pictures: Map<string, PicturesOutcome>): Promise<void> {
    for (const [index, candidate] of candidates.entries()) {
      try {
        await this.process(context, candidate, pictures.get(candidate.id));
      } catch (error) {
        const unreached = candidates.slice(index + 1).flatMap((later) => pictures.get(later.id)?.stored ?? []);
        await this.pictures.remove(unreached);
        throw error;
      }
    }
  }

  /**
   * The batch in the caller's transaction: its items still to process, locked, evaluated again under the locks (an
   * item made since, or earlier in this batch with the same SKU, is a conflict now), the importable ones created
   * together and every outcome recorded in one statement. The items whose pictures it took, and those importable
   * only now.
   */
  private async importBatch(
    context: RunContext,
    candidates: ImportItem[],
    pictures: Map<string, PicturesOutcome>,
  ): Promise<{ taken: Set<string>; importableNow: ImportItem[] }> {
    const { job } = context;
    const claimed = await this.imports.claimMany(
      job,
      candidates.map((candidate) => candidate.id),
      context.statuses,
    );
    const matchesOf = await this.matches(
      job.organizationId,
      job.platformId,
      claimed.map((item) => item.listing),
    );
    const outcomes: ItemOutcome[] = [];
    const creations: Creation[] = [];
    const sameSkuAs: Array<{ item: ImportItem; creation: number }> = [];
    const creationBySku = new Map<string, number>();
    const importableNow: ImportItem[] = [];
    for (const item of claimed) {
      const evaluation = this.evaluate(item.listing, matchesOf(item.listing));
      if (evaluation.status !== 'pending') {
        outcomes.push(outcomeOf(item, this.outcomeFields(evaluation, job.skipConflicts), job.runNumber));
        continue;
      }
      const earlier = item.listing.externalId ? creationBySku.get(item.listing.externalId) : undefined;
      if (earlier !== undefined) {
        sameSkuAs.push({ item, creation: earlier });
        continue;
      }
      const fetched = pictures.get(item.id);
      if (!fetched) {
        importableNow.push(item);
        continue;
      }
      if (fetched.unavailable) {
        outcomes.push(outcomeOf(item, pictureUnavailable(fetched.unavailable), job.runNumber));
        continue;
      }
      const manualSku = manualSkuOf(item.listing);
      if (manualSku) creationBySku.set(manualSku, creations.length);
      creations.push({ item, pictures: fetched });
    }
    const made = await this.createMany(job, context.platform, creations);
    for (const { item, creation } of sameSkuAs) {
      const conflict = conflictOf(item.listing.externalId, { linkedItemUid: null, ownItemUid: null, skuItemUid: made[creation].itemUid })!;
      outcomes.push(outcomeOf(item, this.outcomeFields({ status: 'conflict', conflict }, job.skipConflicts), job.runNumber));
    }
    for (const [index, { item, pictures: taken }] of creations.entries()) {
      outcomes.push(outcomeOf(item, importedFields(made[index], taken.skipped, 'create'), job.runNumber));
    }
    await this.imports.recordOutcomes(job.organizationId, outcomes);
    return { taken: new Set(creations.map((creation) => creation.item.id)), importableNow };
  }

  /**
   * Processes one item in a run: a listing that cannot map fails, one that runs into an existing item is a conflict
   * (skipped with skip_conflicts), else its pictures are fetched (unless given) and it is imported. Pictures are read
   * before the transaction (no lock is held while a host answers) and removed when it does not take them.
   */
  async process(context: RunContext, candidate: ImportItem, prefetched?: PicturesOutcome): Promise<void> {
    const { job } = context;
    const listing = candidate.listing;
    const matchesOf = await this.matches(job.organizationId, job.platformId, [listing]);
    const evaluation = this.evaluate(listing, matchesOf(listing));
    if (evaluation.status !== 'pending') {
      if (prefetched) await this.pictures.remove(prefetched.stored);
      return this.record(context, candidate, this.outcomeFields(evaluation, job.skipConflicts));
    }
    const pictures =
      prefetched ?? (await this.pictures.fetchAll(listing.pictureUrls, context.pictureOrigins, `inventory/imported/${candidate.uid}`));
    if (pictures.unavailable) return this.record(context, candidate, pictureUnavailable(pictures.unavailable));
    let taken: boolean;
    try {
      taken = await this.db.transaction(async () => {
        const item = await this.imports.claim(job, candidate.id, context.statuses);
        if (!item) return false;
        // Checked again under the lock: an item made since (the same SKU earlier in this import) is a conflict now.
        const again = this.evaluate(listing, (await this.matches(job.organizationId, job.platformId, [listing]))(listing));
        if (again.status !== 'pending') {
          await this.imports.updateItem(job.organizationId, item.id, {
            ...this.outcomeFields(again, job.skipConflicts),
            processedInRun: job.runNumber,
          });
          return false;
        }
        await this.create(job, context.platform, item, pictures, 'create');
        return true;
      });
    } catch (error) {
      await this.pictures.remove(pictures.stored);
      if (!isCreatedKeyViolation(error)) throw error;
      // Another job of the organization imported this listing first.
      return this.record(context, candidate, {
        status: job.skipConflicts ? 'skipped' : 'conflict',
        resolution: job.skipConflicts ? 'skip' : 'pending',
        conflictType: 'duplicate_listing',
        conflictDetails: 'Listing already imported by another import of this organization',
        processedAt: new Date(),
      });
    }
    if (!taken) await this.pictures.remove(pictures.stored);
  }

  /** Records an outcome on the item when it is still to process in the run (under its lock). */
  private async record(context: RunContext, candidate: ImportItem, fields: Partial<ImportItem>): Promise<void> {
    const { job } = context;
    await this.db.transaction(async () => {
      const item = await this.imports.claim(job, candidate.id, context.statuses);
      if (item) await this.imports.updateItem(job.organizationId, item.id, { ...fields, processedInRun: job.runNumber });
    });
  }

  /**
   * Imports a conflicting (or skipped) listing as a new item anyway, now: the resolution `create`. A listing already
   * linked to an item is never imported a second time.
   */
  async createNow(job: ImportJob, platform: PlatformFacts, pictureOrigins: readonly string[], item: ImportItem): Promise<void> {
    if (item.conflictType === 'duplicate_listing') {
      throw new ValidationFailed({
        resolution: [
          `This listing is already linked to item ${item.conflictItemUid}: link it, or skip it; it cannot become a second item.`,
        ],
      });
    }
    const problem = mappingProblem(item.listing);
    if (problem) throw new ValidationFailed({ resolution: [problem.message] });
    const pictures = await this.pictures.fetchAll(item.listing.pictureUrls, pictureOrigins, `inventory/imported/${item.uid}`);
    try {
      await this.db.transaction(async () => {
        const locked = await this.imports.findItem(job.organizationId, job.id, item.uid, { lock: true });
        if (!locked || !['conflict', 'skipped'].includes(locked.status))
          throw new ValidationFailed({ resolution: ['The item was resolved meanwhile.'] });
        await this.create(job, platform, locked, pictures, 'create');
      });
    } catch (error) {
      await this.pictures.remove(pictures.stored);
      if (isCreatedKeyViolation(error)) throw new ValidationFailed({ resolution: ['This listing was imported as an item already.'] });
      throw error;
    }
  }

  /** Attaches the listing to the item it conflicts with (the resolution `link`), creating no item, in one transaction. */
  async link(job: ImportJob, platform: PlatformFacts, item: ImportItem): Promise<void> {
    await this.db.transaction(async () => {
      const locked = await this.imports.findItem(job.organizationId, job.id, item.uid, { lock: true });
      if (!locked || !['conflict', 'skipped'].includes(locked.status))
        throw new ValidationFailed({ resolution: ['The item was resolved meanwhile.'] });
      const targetUid = locked.conflictItemUid;
      const target = targetUid ? (await this.inventory.liveItemsByUid(job.organizationId, [targetUid])).get(targetUid) : undefined;
      if (!targetUid || !target) {
        throw new ValidationFailed({ resolution: ['The item this listing conflicts with no longer exists: create or skip it.'] });
      }
      const listing = locked.listing;
      if (locked.conflictType !== 'duplicate_listing') {
        const recorded = await this.listings.recordImportedListing({
          organizationId: job.organizationId,
          itemId: target.id,
          platformId: job.platformId,
          userId: job.userId,
          listingId: listing.listingId,
          priceUsd: listing.priceUsd,
          url: listing.listingUrl,
          details: listing.details,
        });
        if (!recorded) {
          throw new ValidationFailed({
            resolution: [`Item ${targetUid} already has a live listing on ${platform.displayName}: create or skip this one.`],
          });
        }
        await this.products.recordImportedPresence(job.organizationId, target.productId, this.presenceOf(job, listing));
      }
      await this.imports.updateItem(job.organizationId, locked.id, {
        status: 'imported',
        resolution: 'link',
        createdInventoryItemUid: targetUid,
        processedAt: new Date(),
      });
    });
  }

  /** The product, items, live listings and presence of a listing, and the item's outcome (in the caller's transaction). */
  private async create(
    job: ImportJob,
    platform: PlatformFacts,
    item: ImportItem,
    pictures: PicturesOutcome,
    resolution: ImportResolution,
  ): Promise<void> {
    const [made] = await this.createMany(job, platform, [{ item, pictures }]);
    await this.imports.updateItem(job.organizationId, item.id, {
      ...importedFields(made, pictures.skipped, resolution),
      processedInRun: job.runNumber,
    });
  }

  /**
   * The products, items, live listings and presences of a batch of listings (in the caller's transaction), in a
   * number of statements that does not grow with the batch; per creation, in its order, its first item's uid and the
   * note on its copies.
   */
  private async createMany(job: ImportJob, platform: PlatformFacts, creations: Creation[]): Promise<Made[]> {
    if (creations.length === 0) return [];
    const { organizationId, userId } = job;
    const listings = creations.map(({ item }) => item.listing);
    const products = await this.products.createImportedMany(
      organizationId,
      userId,
      listings.map((listing) => ({
        title: clip(listing.title),
        artistName: listing.artist ? clip(listing.artist, 255) : null,
        labelName: listing.label ? clip(listing.label, 255) : null,
        catalogNumber: listing.catalogNumber ? clip(listing.catalogNumber, 100) : null,
        upc: listing.barcode ? clip(listing.barcode, 50) : null,
        year: listing.releaseYear,
        formats: listing.format ? [clip(listing.format, 100)] : [],
        metadata: null,
      })),
    );
    const copies = listings.map((listing) => copiesOf(listing.quantity));
    const items = await this.inventory.createImportedItemsMany(
      organizationId,
      userId,
      creations.map(({ item, pictures }, index) => ({
        productId: products[index].id,
        copies: copies[index].copies,
        name: null,
        conditionItem: item.listing.conditionItem,
        conditionContainer: item.listing.conditionContainer,
        priceTotalUsd: item.listing.priceUsd,
        manualSku: manualSkuOf(item.listing),
        manualDescription: item.listing.description,
        pictures: pictures.stored,
        auditMessage: `Imported from ${platform.displayName} listing ${item.listing.listingId}.`,
        auditMetadata: { import_job_uid: job.uid, import_item_uid: item.uid, listing_id: item.listing.listingId, platform: platform.slug },
      })),
    );
    await this.listings.recordImportedListings(
      organizationId,
      listings.flatMap((listing, index) =>
        items[index].map((created) => ({
          itemId: created.id,
          platformId: job.platformId,
          userId,
          listingId: listing.listingId,
          priceUsd: listing.priceUsd,
          url: listing.listingUrl,
          details: listing.details,
        })),
      ),
    );
    await this.products.recordImportedPresences(
      organizationId,
      listings.map((listing, index) => ({ ...this.presenceOf(job, listing), productId: products[index].id })),
    );
    return creations.map((_, index) => ({ itemUid: items[index][0].uid, note: copies[index].note }));
  }

  private presenceOf(job: ImportJob, listing: ListingForImport) {
    return {
      platformId: job.platformId,
      externalListingId: listing.listingId,
      externalUrl: listing.listingUrl,
      priceUsd: listing.priceUsd,
      imageUrl: listing.pictureUrls[0] ?? null,
    };
  }
}

/** A listing to import, with its pictures fetched. */
interface Creation {
  item: ImportItem;
  pictures: PicturesOutcome;
}

/** What importing a listing made: its first item, and the note on its copies (capped). */
interface Made {
  itemUid: string;
  note: string | null;
}

/** The manual SKU a listing's item takes: the listing's SKU, unless it is one of our item uids (we listed it). */
function manualSkuOf(listing: ListingForImport): string | null {
  return listing.externalId && !ITEM_UID.test(listing.externalId) ? clip(listing.externalId, 100) : null;
}

/** The item with `fields` set and the rest of its outcome as it was, processed in run `run`. */
function outcomeOf(item: ImportItem, fields: Partial<ItemOutcome>, run: number): ItemOutcome {
  return {
    id: item.id,
    status: item.status,
    resolution: item.resolution,
    conflictType: item.conflictType,
    conflictDetails: item.conflictDetails,
    conflictItemUid: item.conflictItemUid,
    errorCode: item.errorCode,
    errorMessage: item.errorMessage,
    createdInventoryItemUid: item.createdInventoryItemUid,
    processedAt: item.processedAt,
    ...fields,
    processedInRun: run,
  };
}

/** An item imported as `made` (with what was left out said in its message). */
function importedFields(made: Made, skippedPictures: string[], resolution: ImportResolution): Partial<ItemOutcome> {
  const notes = [made.note, skippedPictures.length > 0 ? `Pictures left out: ${skippedPictures.join('; ')}` : null].filter(Boolean);
  return {
    status: 'imported',
    resolution,
    createdInventoryItemUid: made.itemUid,
    errorCode: null,
    errorMessage: notes.length > 0 ? notes.join(' ') : null,
    processedAt: new Date(),
  };
}

/** A listing whose picture could not be read now: worth a retry. */
function pictureUnavailable(reason: string): Partial<ItemOutcome> {
  return {
    status: 'failed',
    errorCode: 'picture_unavailable',
    errorMessage: `A picture could not be read now (${reason}): retry the failed items later.`,
    processedAt: new Date(),
  };
}

function isCreatedKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === CREATED_KEY;
}
