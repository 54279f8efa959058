import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { InventoryAuditLog } from './entities/inventory-audit-log.entity.js';

/** An audit entry as its response shows it. */
export interface AuditLogRow {
  uid: string;
  action: string;
  source: string;
  actor_uid: string | null;
  organization_uid: string;
  listing_uid: string | null;
  inventory_item_uid: string;
  inventory_item_title: string;
  platform_slug: string | null;
  status_before: string | null;
  status_after: string | null;
  message: string;
  metadata: Record<string, unknown>;
  request_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  severity: string;
  created: Date;
}

export type NewAuditEntry = Omit<Partial<InventoryAuditLog>, 'id' | 'uid' | 'created' | 'updated'> &
  Pick<InventoryAuditLog, 'organizationId' | 'inventoryItemId' | 'action' | 'source'>;

@Injectable()
export class InventoryAuditRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /**
   * One statement for all the entries, its parameters one array per column (a batch of a thousand is still 17
   * parameters); joins the caller's transaction, so they commit or roll back with the change they record.
   */
  async insert(entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof NewAuditEntry>(key: K) => entries.map((entry) => entry[key] ?? null);
    await this.db.query(
      `INSERT INTO inventory_audit_logs (uid, organization_id, inventory_item_id, inventory_item_title, actor_uid, source, action, message,
                                         status_before, status_after, metadata, severity, listing_uid, platform_slug, request_id,
                                         ip_address, user_agent)
       SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])`,
      [
        entries.map(() => newUid('log')),
        column('organizationId'),
        column('inventoryItemId'),
        entries.map((entry) => entry.inventoryItemTitle ?? ''),
        column('actorUid'),
        column('source'),
        column('action'),
        entries.map((entry) => entry.message ?? ''),
        column('statusBefore'),
        column('statusAfter'),
        entries.map((entry) => entry.metadata ?? {}),
        entries.map((entry) => entry.severity ?? 'info'),
        column('listingUid'),
        column('platformSlug'),
        column('requestId'),
        column('ipAddress'),
        column('userAgent'),
      ],
    );
  }

  async count(organizationId: string, itemId: string): Promise<number> {
    const [row] = await this.db.select<{ count: string }>(
      `SELECT count(*) AS count FROM inventory_audit_logs WHERE organization_id = $1 AND inventory_item_id = $2`,
      [organizationId, itemId],
    );
    return Number(row?.count ?? 0);
  }

  /** Newest first. */
  page(organizationId: string, itemId: string, offset: number, limit: number): Promise<AuditLogRow[]> {
    return this.db.select(
      `SELECT l.uid, l.action, l.source, l.actor_uid, o.uid AS organization_uid, l.listing_uid, i.uid AS inventory_item_uid,
              l.inventory_item_title, l.platform_slug, l.status_before, l.status_after, l.message, l.metadata, l.request_id,
              l.ip_address, l.user_agent, l.severity, l.created
         FROM inventory_audit_logs l
         JOIN inventory_items i ON i.id = l.inventory_item_id
         JOIN organizations o ON o.id = l.organization_id
        WHERE l.organization_id = $1 AND l.inventory_item_id = $2
        ORDER BY l.created DESC, l.id DESC OFFSET $3 LIMIT $4`,
      [organizationId, itemId, offset, limit],
    );
  }
}
