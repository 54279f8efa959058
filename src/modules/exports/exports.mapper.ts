import type { ExportJobDto } from './dto/export-job.dto.js';
import type { ExportJobRow } from './exports.repository.js';

/** The wire shape of an export job; `downloadUrl` is the absolute URL of its download endpoint. */
export function mapExportJob(job: ExportJobRow, downloadUrl: string): ExportJobDto {
  const completed = job.status === 'completed';
  return {
    uid: job.uid,
    export_type: job.exportType,
    status: job.status,
    progress_percentage: job.progressPercentage,
    filters: job.filters,
    file_url: completed ? downloadUrl : null,
    file_name: completed ? job.fileName : null,
    file_size: completed && job.fileSize !== null ? Number(job.fileSize) : null,
    row_count: completed ? job.rowCount : null,
    error_message: job.errorMessage,
    user_uid: job.userUid,
    created_at: job.created.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    completed_at: job.completedAt?.toISOString() ?? null,
  };
}
