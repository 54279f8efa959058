import type { ActivityRecord } from '../activity/index.js';
/** Export job statuses, in lifecycle order. */
export const EXPORT_STATUSES = ['pending', 'in_progress', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** What can be exported (seed 000: the inventory as CSV). */
export const EXPORT_TYPES = ['inventory_csv'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** Statuses after which a job changes no more. */
export const FINISHED_EXPORT_STATUSES: ExportStatus[] = ['completed', 'failed'];

/** Whole percent of `total` rows written, never 100 before the file is complete (0 rows to write: 0 until then). */
export function progressPercentage(written: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((written / total) * 100));
}

/** The file name a download is offered under: `inventory-2025-03-01.csv`, dated when the export was asked for. */
export function exportFileName(type: ExportType, created: Date): string {
  const prefix = { inventory_csv: 'inventory' }[type];
  return `${prefix}-${created.toISOString().slice(0, 10)}.csv`;
}

/** Why the file of an export in `status` (not completed) cannot be downloaded. */
export function notDownloadableReason(status: ExportStatus): string {
  if (status === 'failed') return 'The export failed, so it has no file (`error_message` says why); create a new export.';
  const state = status === 'pending' ? 'still pending' : 'still being written';
  return `The export is ${state}; download its file once its status is completed.`;
}

/** Longest failure reason kept on a job: enough to say why, bounded against huge driver messages. */
const MAX_ERROR_LENGTH = 500;

/** What a failed job says to its owner. */
export function failureMessage(error: Error, attempts: number): string {
  const reason = (error.message || error.name || 'Unknown error').slice(0, MAX_ERROR_LENGTH);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return `The export failed after ${tries}: ${reason}`;
}

/** The feed's entry for an export whose file is written, on behalf of the user who asked for it. */
export function exportCompletedActivity(
  job: { uid: string; organizationId: string; userId: string | null; exportType: ExportType },
  fileName: string,
  rowCount: number,
): ActivityRecord {
  const rows = rowCount === 1 ? '1 item' : `${rowCount} items`;
  return {
    organizationId: job.organizationId,
    userId: job.userId,
    eventType: 'export_completed',
    subjectType: 'export_job',
    subjectUid: job.uid,
    message: `Export ${fileName} is ready (${rows}).`,
    metadata: { export_type: job.exportType, file_name: fileName, row_count: rowCount },
  };
}
