import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type ExportFilters, ExportJob } from './entities/export-job.entity.js';
import type { ExportType } from './exports.rules.js';

/** An export job with the uid of the user who asked for it, as responses show it. */
export type ExportJobRow = ExportJob & { userUid: string | null };

@Injectable()
export class ExportsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(ExportJob);
  }

  create(fields: { organizationId: string; userId: string; exportType: ExportType; filters: ExportFilters }): Promise<ExportJob> {
    return this.repository.save({ ...fields, uid: newUid('exp'), status: 'pending' });
  }

  count(organizationId: string): Promise<number> {
    return this.repository.countBy({ organizationId });
  }

  /** Newest first. */
  async page(organizationId: string, offset: number, limit: number): Promise<ExportJobRow[]> {
    const jobs = await this.repository.find({
      where: { organizationId },
      relations: { user: true },
      order: { created: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
    return jobs.map(withUserUid);
  }

  async findOwned(organizationId: string, uid: string): Promise<ExportJobRow | null> {
    const job = await this.repository.findOne({ where: { organizationId, uid }, relations: { user: true } });
    return job ? withUserUid(job) : null;
  }

  /**
   * Claims a job for a worker: pending (or in progress, when an earlier attempt died) becomes in progress. Null when
   * the job is gone or already finished, so a job delivered twice is written once.
   */
  async start(organizationId: string, uid: string): Promise<ExportJob | null> {
    const job = await this.repository.findOneBy({ organizationId, uid, status: In(['pending', 'in_progress']) });
    if (!job) return null;
    await this.repository.update(
      { organizationId, id: job.id },
      { status: 'in_progress', startedAt: job.startedAt ?? new Date(), progressPercentage: 0 },
    );
    return job;
  }

  async progress(job: Pick<ExportJob, 'id' | 'organizationId'>, progressPercentage: number): Promise<void> {
    await this.repository.update({ organizationId: job.organizationId, id: job.id, status: 'in_progress' }, { progressPercentage });
  }

  async complete(
    job: Pick<ExportJob, 'id' | 'organizationId'>,
    file: { fileKey: string; fileName: string; fileSize: number; rowCount: number },
  ): Promise<void> {
    await this.repository.update(
      { organizationId: job.organizationId, id: job.id },
      {
        ...file,
        fileSize: String(file.fileSize),
        status: 'completed',
        progressPercentage: 100,
        errorMessage: null,
        completedAt: new Date(),
      },
    );
  }

  /** Records the failure of a job that is not finished; a finished one stays as it is. */
  async fail(organizationId: string, uid: string, errorMessage: string): Promise<void> {
    await this.repository.update(
      { organizationId, uid, status: In(['pending', 'in_progress']) },
      { status: 'failed', errorMessage, completedAt: new Date() },
    );
  }
}

function withUserUid(job: ExportJob): ExportJobRow {
  const { user, ...fields } = job;
  return Object.assign(fields as ExportJob, { userUid: user?.uid ?? null });
}
