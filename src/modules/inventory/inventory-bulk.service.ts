import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { NOT_FOUND, ValidationFailed } from '../../common/errors/error-response.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DomainEvents } from '../../infra/events/domain-events.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { ActivityService } from '../activity/index.js';
import { listingPrice, ListingsService } from '../listings/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import {
  BulkConfigDto,
  BulkDeleteDto,
  BulkFieldsDto,
  BulkItemErrorDto,
  BulkPriceDto,
  BulkRestoreDto,
  BulkResultDto,
  BulkStatusDto,
} from './dto/inventory-bulk.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { type Actor, type AuditEntry, InventoryAuditService } from './inventory-audit.service.js';
import { BULK_STATUSES, bulkItemLimit, bulkLimitProblem, bulkPrice, distinctUids } from './inventory-bulk.rules.js';
import { auditedValues, copiedColumns } from './inventory-item-fields.js';
import { InventoryPricesChanged, priceChanges } from './inventory-prices-changed.event.js';
import { priceChangedActivities } from './item-activity.rules.js';
import { InventoryListQuery } from './inventory-list.query.js';
import { type ItemScope, InventoryRepository } from './inventory.repository.js';
import {
  changedFields,
  conditionFields,
  deleteProblem,
  describeUpdate,
  restoreAuditMessage,
  SOFT_DELETE_AUDIT_MESSAGE,
  statusChangeProblem,
  statusDates,
} from './inventory.rules.js';

/** A change of one locked item: the columns to write, and its audit entry. */
interface Update {
  kind: 'update';
  item: InventoryItem;
  fields: Partial<InventoryItem>;
  entry: AuditEntry;
}

/** An item to remove for good (hard delete). */
interface Purge {
  kind: 'purge';
  item: InventoryItem;
}

/** What becomes of one item: a change, nothing (it already has the values: a success all the same), or why it fails. */
type Decision = Update | Purge | null | { problem: string };

type Decide = (item: InventoryItem) => Decision;

/**
 * Bulk operations on up to 100 items: each request is one transaction that locks all its items in one query, decides
 * per item (an item that cannot change fails alone and changes nothing), then writes every change in one statement and
 * every audit entry in another, whatever the number of items.
 */
@Injectable()
export class InventoryBulkService {
  private readonly logger = new Logger(InventoryBulkService.name);

  constructor(
    private readonly db: TransactionalConnection,
    private readonly items: InventoryRepository,
    private readonly listQuery: InventoryListQuery,
    private readonly audit: InventoryAuditService,
    private readonly listings: ListingsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
    private readonly activity: ActivityService,
  ) {}

  async config(auth: AuthContext): Promise<BulkConfigDto> {
    const plan = (await this.subscriptions.forOrganization(auth.organizationId))?.plan;
    return {
      max_items_per_batch: bulkItemLimit(plan?.max_items_per_batch),
      is_pro: plan?.is_pro ?? false,
      allowed_bulk_statuses: BULK_STATUSES,
    };
  }

  price(actor: Actor, input: BulkPriceDto): Promise<BulkResultDto> {
    const mode = input.mode ?? 'set';
    return this.run(actor, input.items, 'live', () => (item) => {
      const outcome = bulkPrice(item.priceTotalUsd, mode, input.value);
      if ('problem' in outcome) return outcome;
      return this.update(item, { priceTotalUsd: outcome.price }, { bulk: 'price', mode, value: input.value });
    });
  }

  status(actor: Actor, input: BulkStatusDto): Promise<BulkResultDto> {
    const now = new Date();
    return this.run(actor, input.items, 'live', () => (item) => {
      const problem = statusChangeProblem(item.status, input.status);
      if (problem) return { problem };
      return this.update(item, { status: input.status, ...statusDates(input.status, item, now) }, { bulk: 'status' });
    });
  }

  /** The fields of `updates` on every item, as a single-item update stores them (grades mirrored the same way). */
  fields(actor: Actor, input: BulkFieldsDto): Promise<BulkResultDto> {
    const { updates } = input;
    const change = (item: InventoryItem) =>
      this.update(item, { ...copiedColumns(updates), ...conditionFields(updates, item) }, { bulk: 'fields' });
    return this.run(actor, input.items, 'live', () => change);
  }

  /**
   * Soft delete (the items leave every list, restorable), or with `hard_delete` removal for good, which also takes items
   * already soft-deleted. Either is refused for an item that sold or has an active listing.
   */
  delete(actor: Actor, input: BulkDeleteDto): Promise<BulkResultDto> {
    const hard = input.hard_delete ?? false;
    const now = new Date();
    return this.run(actor, input.items, hard ? 'any' : 'live', async (items) => {
      const active = await this.listings.activeListingItemIds(
        actor.auth.organizationId,
        items.map((item) => item.id),
      );
      return (item) => {
        const problem = deleteProblem(item.status, active.has(item.id));
        if (problem) return { problem };
        if (hard) return { kind: 'purge', item };
        const entry: AuditEntry = {
          action: 'delete',
          message: SOFT_DELETE_AUDIT_MESSAGE,
          statusBefore: item.status,
          statusAfter: item.status,
          metadata: { bulk: 'delete' },
        };
        return { kind: 'update', item, fields: { deletedAt: now }, entry };
      };
    });
  }

  /** Soft-deleted items back in the lists with `target_status` (its first-time dates recorded as on a status change). */
  restore(actor: Actor, input: BulkRestoreDto): Promise<BulkResultDto> {
    const status = input.target_status ?? 'draft';
    const now = new Date();
    return this.run(actor, input.items, 'any', () => (item) => {
      if (item.deletedAt === null) return { problem: 'This item is not deleted: only deleted items can be restored.' };
      const problem = statusChangeProblem(item.status, status);
      if (problem) return { problem };
      const entry: AuditEntry = {
        action: 'restore',
        message: restoreAuditMessage(status),
        statusBefore: item.status,
        statusAfter: status,
        metadata: { bulk: 'restore' },
      };
      return { kind: 'update', item, fields: { deletedAt: null, status, ...statusDates(status, item, now) }, entry };
    });
  }

  /** The update of an item and its audit entry as a single-item update records them, or null when no value changes. */
  private update(item: InventoryItem, fields: Partial<InventoryItem>, metadata: Record<string, unknown>): Update | null {
    const changes = changedFields(auditedValues(item), auditedValues({ ...item, ...fields }));
    if (Object.keys(changes).length === 0) return null;
    const { action, message } = describeUpdate(changes);
    const entry: AuditEntry = {
      action,
      message,
      statusBefore: item.status,
      statusAfter: fields.status ?? item.status,
      metadata: { changes, ...metadata },
    };
    return { kind: 'update', item, fields, entry };
  }

  /**
   * The frame of every operation: the plan's limit, then one transaction that locks the items of `scope` (one query),
   * lets `prepare` read what the decisions need of them (one query at most), decides per uid in the order sent, and
   * writes the changes, audit entries and removals in a fixed number of statements.
   */
  private async run(
    actor: Actor,
    sent: string[],
    scope: ItemScope,
    prepare: (items: InventoryItem[]) => Promise<Decide> | Decide,
  ): Promise<BulkResultDto> {
    const { auth } = actor;
    const uids = distinctUids(sent);
    await this.assertWithinPlan(auth, uids.length);
    return this.db.transaction(async () => {
      const locked = await this.items.lockMany(auth.organizationId, uids, scope);
      const byUid = new Map(locked.map((item) => [item.uid, item]));
      const decide = await prepare(locked);
      const errors: BulkItemErrorDto[] = [];
      const succeeded: string[] = [];
      const updates: Update[] = [];
      const purges: Purge[] = [];
      for (const uid of uids) {
        const item = byUid.get(uid);
        const decision: Decision = item ? decide(item) : { problem: NOT_FOUND };
        if (decision !== null && 'problem' in decision) {
          errors.push({ uid, error: decision.problem });
          continue;
        }
        succeeded.push(uid);
        if (decision?.kind === 'update') updates.push(decision);
        if (decision?.kind === 'purge') purges.push(decision);
      }
      await this.writeUpdates(actor, updates);
      await this.purge(actor, purges);
      return { success_count: succeeded.length, failure_count: errors.length, total_count: uids.length, errors, updated_uids: succeeded };
    });
  }

  private async writeUpdates(actor: Actor, updates: Update[]): Promise<void> {
    if (updates.length === 0) return;
    const { organizationId } = actor.auth;
    const properties = [...new Set(updates.flatMap((update) => Object.keys(update.fields)))] as Array<keyof InventoryItem>;
    await this.items.updateEach(
      organizationId,
      properties,
      updates.map((update) => ({ ...update.item, ...update.fields }) as InventoryItem),
    );
    // Titled as they read after the change (a new grade is in the title), as a single-item update titles its entry.
    const titles = await this.listQuery.titles(
      organizationId,
      updates.map((update) => update.item.id),
    );
    await this.audit.recordMany(
      actor,
      updates.map(({ item, entry }) => ({ item: { organizationId, id: item.id, title: titles.get(item.id) ?? '' }, entry })),
    );
    await this.activity.record(
      ...priceChangedActivities(
        actor.auth,
        updates.map(({ item, fields }) => ({
          uid: item.uid,
          title: titles.get(item.id) ?? '',
          before: item.priceTotalUsd,
          after: 'priceTotalUsd' in fields ? (fields.priceTotalUsd ?? null) : item.priceTotalUsd,
        })),
        { bulk: true },
      ),
    );
    const moved = priceChanges(
      updates.map((update) => ({ itemId: update.item.id, before: update.item, after: { ...update.item, ...update.fields } })),
      (prices) => listingPrice(null, prices),
    );
    if (moved.length > 0) await this.events.publish(new InventoryPricesChanged(organizationId, moved));
  }

  /**
   * Hard delete: the rows go with their photos, listings and audit entries (their foreign keys cascade: the trail of
   * an item is read through the item, which is no more); the stored files are removed once that is committed, and the
   * removal is logged with who asked for it.
   */
  private async purge(actor: Actor, purges: Purge[]): Promise<void> {
    if (purges.length === 0) return;
    const { auth, client } = actor;
    const ids = purges.map((purge) => purge.item.id);
    const files = await this.items.storedFileKeysOfItems(auth.organizationId, ids);
    await this.items.deleteMany(auth.organizationId, ids);
    const uids = purges.map((purge) => purge.item.uid);
    await this.db.afterCommit(async () => {
      this.logger.log(`Hard-deleted inventory items ${uids.join(', ')} (user ${auth.userUid}, request ${client.requestId}).`);
      await this.storage.removeAll(files);
    });
  }

  /** A 400 on `items` when the request has more distinct items than the organization's plan allows (at most 100). */
  private async assertWithinPlan(auth: AuthContext, count: number): Promise<void> {
    const plan = (await this.subscriptions.forOrganization(auth.organizationId))?.plan;
    const problem = bulkLimitProblem(bulkItemLimit(plan?.max_items_per_batch), count);
    if (problem) throw new ValidationFailed({ items: [problem] });
  }
}
