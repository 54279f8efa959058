import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ListingStatusChanged } from '../listings/index.js';
import { InventoryAuditService } from './inventory-audit.service.js';
import { InventoryListQuery } from './inventory-list.query.js';

const DELISTING_STATUSES = new Set(['delisting', 'delisted', 'delisting_failed']);

/** Writes an item's audit entry for every status change of one of its listings (the listing engine announces them). */
@Injectable()
export class ListingAuditListener {
  constructor(
    private readonly audit: InventoryAuditService,
    private readonly items: InventoryListQuery,
  ) {}

  @OnEvent(ListingStatusChanged.NAME)
  async onListingStatusChanged(event: ListingStatusChanged): Promise<void> {
    const title = (await this.items.titles(event.organizationId, [event.itemId])).get(event.itemId);
    if (title === undefined) return;
    const failed = event.statusAfter === 'listing_failed' || event.statusAfter === 'delisting_failed';
    await this.audit.record(
      event.actor,
      { organizationId: event.organizationId, id: event.itemId, title },
      {
        action: DELISTING_STATUSES.has(event.statusAfter) ? 'delist' : 'list',
        message: event.message,
        severity: failed ? 'error' : 'info',
        listingUid: event.listingUid,
        platformSlug: event.platformSlug,
        ...(event.source === null ? {} : { source: event.source }),
        metadata: {
          platform: event.platformSlug,
          listing_uid: event.listingUid,
          status_before: event.statusBefore,
          status_after: event.statusAfter,
          message: event.message,
        },
      },
    );
  }
}
