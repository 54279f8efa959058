import type { ImportItemDto, ImportJobDto } from './dto/imports.dto.js';
import type { ImportItem } from './entities/import-item.entity.js';
import type { ImportJob } from './entities/import-job.entity.js';
import { type ItemCounts, issueSummary, progressPercentage, totalOf } from './imports.rules.js';

export function mapImportJob(job: ImportJob, marketplace: string, counts: ItemCounts): ImportJobDto {
  return {
    id: job.uid,
    marketplace,
    status: job.status,
    total_listings_found: totalOf(counts),
    items_imported: counts.imported,
    items_skipped: counts.skipped,
    items_failed: counts.failed,
    items_conflicted: counts.conflict,
    has_issues: counts.failed > 0 || counts.conflict > 0,
    issue_summary: issueSummary(counts),
    progress_percentage: progressPercentage(counts),
    error_message: job.errorMessage,
    created_at: job.created.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    completed_at: job.completedAt?.toISOString() ?? null,
  };
}

export function mapImportItem(item: ImportItem): ImportItemDto {
  return {
    id: item.uid,
    external_listing_id: item.externalListingId,
    external_sku: item.externalSku,
    status: item.status,
    listing_title: item.listingTitle,
    listing_price: item.listingPrice,
    conflict_type: item.conflictType,
    conflict_details: item.conflictDetails,
    error_message: item.errorMessage,
    error_code: item.errorCode,
    resolution: item.resolution,
    created_inventory_item_uid: item.createdInventoryItemUid,
    processed_at: item.processedAt?.toISOString() ?? null,
  };
}
