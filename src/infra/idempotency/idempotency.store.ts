import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

export type IdempotencyClaim =
  { kind: 'claimed'; id: string } | { kind: 'replay'; status: number; body: unknown } | { kind: 'in_progress' } | { kind: 'mismatch' };

/** Longer than any request runs: a key still unanswered after it was left by a process that stopped. */
const ABANDONED_AFTER = '10 minutes';

@Injectable()
export class IdempotencyStore {
  constructor(private readonly db: TransactionalConnection) {}

  /**
   * Takes the key for this request, or says what it already stands for. An expired key is taken afresh, and so is
   * one whose request never finished (the process stopped under it). One INSERT decides between two racing requests.
   */
  async claim(organizationId: string, key: string, fingerprint: string, expiresAt: Date): Promise<IdempotencyClaim> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE organization_id = $1 AND key = $2
         AND (expires_at <= now() OR (response_status IS NULL AND created < now() - $3::interval))`,
      [organizationId, key, ABANDONED_AFTER],
    );
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO idempotency_keys (organization_id, key, fingerprint, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`,
      [organizationId, key, fingerprint, expiresAt],
    );
    if (inserted.length > 0) return { kind: 'claimed', id: String(inserted[0].id) };
    const existing = await this.db.getRepository(IdempotencyKey).findOneBy({ organizationId, key });
    if (!existing) return this.claim(organizationId, key, fingerprint, expiresAt);
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.responseStatus === null) return { kind: 'in_progress' };
    return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
  }

  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET response_status = $2, response_body = $3::jsonb WHERE id = $1`, [
      id,
      status,
      JSON.stringify(body ?? null),
    ]);
  }

  /** Frees the key of a request that failed, so that a retry runs it again. */
  async release(id: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE id = $1`, [id]);
  }
}
