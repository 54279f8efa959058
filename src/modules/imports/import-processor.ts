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
import { ImportPictures, type StoredPicture } from './import-pictures.js';
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
import { ImportsRepository, type NewImportItem } from './imports.repository.js';

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

  /** Evaluates an item again in this run (a preview of recorded listings): what would happen to it now. */
  async reevaluate(context: RunContext, candidate: ImportItem): Promise<void> {
    const { job } = context;
    const matchesOf = await this.matches(job.organizationId, job.platformId, [candidate.listing]);
    await this.db.transaction(async () => {
      const item = await this.imports.claim(job.id, candidate.id, context.statuses, job.runNumber);
      if (!item) return;
      const fields = this.outcomeFields(this.evaluate(item.listing, matchesOf(item.listing)), false);
      await this.imports.updateItem(job.organizationId, item.id, { ...fields, processedInRun: job.runNumber });
    });
  }

  /**
   * Processes an item in a run: a listing that cannot map fails, one that runs into an existing item is a conflict
   * (skipped with skip_conflicts), else its pictures are fetched and it is imported. Pictures are read before the
   * transaction (no lock is held while a host answers) and removed when it does not take them.
   */
  async process(context: RunContext, candidate: ImportItem): Promise<void> {
    const { job } = context;
    const listing = candidate.listing;
    const matchesOf = await this.matches(job.organizationId, job.platformId, [listing]);
    const evaluation = this.evaluate(listing, matchesOf(listing));
    if (evaluation.status !== 'pending') return this.record(context, candidate, this.outcomeFields(evaluation, job.skipConflicts));
    const pictures = await this.pictures.fetchAll(listing.pictureUrls, context.pictureOrigins, `inventory/imported/${candidate.uid}`);
    if (pictures.unavailable) {
      return this.record(context, candidate, {
        status: 'failed',
        errorCode: 'picture_unavailable',
        errorMessage: `A picture could not be read now (${pictures.unavailable}): retry the failed items later.`,
        processedAt: new Date(),
      });
    }
    let taken: boolean;
    try {
      taken = await this.db.transaction(async () => {
        const item = await this.imports.claim(job.id, candidate.id, context.statuses, job.runNumber);
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
        await this.create(job, context.platform, item, pictures.stored, pictures.skipped, 'create');
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
      const item = await this.imports.claim(job.id, candidate.id, context.statuses, job.runNumber);
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
        await this.create(job, platform, locked, pictures.stored, pictures.skipped, 'create');
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
    pictures: StoredPicture[],
    skippedPictures: string[],
    resolution: ImportResolution,
  ): Promise<void> {
    const listing = item.listing;
    const { organizationId } = job;
    const product = await this.products.createImported(organizationId, job.userId, {
      title: clip(listing.title),
      artistName: listing.artist ? clip(listing.artist, 255) : null,
      labelName: listing.label ? clip(listing.label, 255) : null,
      catalogNumber: listing.catalogNumber ? clip(listing.catalogNumber, 100) : null,
      upc: listing.barcode ? clip(listing.barcode, 50) : null,
      year: listing.releaseYear,
      formats: listing.format ? [clip(listing.format, 100)] : [],
      metadata: null,
    });
    const { copies, note } = copiesOf(listing.quantity);
    const items = await this.inventory.createImportedItems(organizationId, job.userId, {
      productId: product.id,
      copies,
      name: null,
      conditionItem: listing.conditionItem,
      conditionContainer: listing.conditionContainer,
      priceTotalUsd: listing.priceUsd,
      manualSku: listing.externalId && !ITEM_UID.test(listing.externalId) ? clip(listing.externalId, 100) : null,
      manualDescription: listing.description,
      pictures,
      auditMessage: `Imported from ${platform.displayName} listing ${listing.listingId}.`,
      auditMetadata: { import_job_uid: job.uid, import_item_uid: item.uid, listing_id: listing.listingId, platform: platform.slug },
    });
    for (const created of items) {
      await this.listings.recordImportedListing({
        organizationId,
        itemId: created.id,
        platformId: job.platformId,
        userId: job.userId,
        listingId: listing.listingId,
        priceUsd: listing.priceUsd,
        url: listing.listingUrl,
        details: listing.details,
      });
    }
    await this.products.recordImportedPresence(organizationId, product.id, this.presenceOf(job, listing));
    const notes = [note, skippedPictures.length > 0 ? `Pictures left out: ${skippedPictures.join('; ')}` : null].filter(Boolean);
    await this.imports.updateItem(organizationId, item.id, {
      status: 'imported',
      resolution,
      createdInventoryItemUid: items[0].uid,
      errorCode: null,
      errorMessage: notes.length > 0 ? notes.join(' ') : null,
      processedAt: new Date(),
      processedInRun: job.runNumber,
    });
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

function isCreatedKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === CREATED_KEY;
}
