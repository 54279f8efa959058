import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { AuditLogDto } from './dto/audit-log.dto.js';
import { InventoryAuditRepository, type NewAuditEntry } from './inventory-audit.repository.js';
import { mapAuditLog } from './inventory.mapper.js';
import { type AuditAction, type AuditSource, auditSource } from './inventory.rules.js';

/** Who changes an item: a caller over HTTP, or null for the system (a job). */
export interface Actor {
  auth: AuthContext;
  client: ClientRequest;
}

export interface AuditEntry {
  action: AuditAction;
  message: string;
  statusBefore?: string | null;
  statusAfter?: string | null;
  metadata?: Record<string, unknown>;
  severity?: 'info' | 'warning' | 'error';
  listingUid?: string | null;
  platformSlug?: string | null;
  /** Where the change came from, when not the actor's credentials (the browser extension's reports). */
  source?: AuditSource;
}

/** The item an entry is about, with its title as it reads now. */
export interface AuditedItem {
  organizationId: string;
  id: string;
  title: string;
}

/** The item audit trail: written in the transaction of each change, read newest first. */
@Injectable()
export class InventoryAuditService {
  constructor(private readonly entries: InventoryAuditRepository) {}

  record(actor: Actor | null, item: AuditedItem, entry: AuditEntry): Promise<void> {
    return this.entries.insert([this.row(actor, item, entry)]);
  }

  /** One entry per item in one statement: the audit trail of a bulk operation. */
  async recordMany(actor: Actor | null, entries: Array<{ item: AuditedItem; entry: AuditEntry }>): Promise<void> {
    if (entries.length === 0) return;
    await this.entries.insert(entries.map(({ item, entry }) => this.row(actor, item, entry)));
  }

  private row(actor: Actor | null, item: AuditedItem, entry: AuditEntry): NewAuditEntry {
    return {
      organizationId: item.organizationId,
      inventoryItemId: item.id,
      inventoryItemTitle: item.title.slice(0, 600),
      actorUid: actor?.auth.userUid ?? null,
      source: entry.source ?? auditSource(actor?.auth.via ?? null),
      action: entry.action,
      message: entry.message,
      statusBefore: entry.statusBefore ?? null,
      statusAfter: entry.statusAfter ?? null,
      metadata: entry.metadata ?? {},
      severity: entry.severity ?? 'info',
      listingUid: entry.listingUid ?? null,
      platformSlug: entry.platformSlug ?? null,
      requestId: actor?.client.requestId ?? null,
      ipAddress: actor?.client.ipAddress ?? null,
      userAgent: actor?.client.userAgent ?? null,
    };
  }

  list(organizationId: string, itemId: string, page: PageRequest, urls: RequestUrls): Promise<Page<AuditLogDto>> {
    return paginate(
      page,
      {
        count: () => this.entries.count(organizationId, itemId),
        rows: async (offset, limit) => (await this.entries.page(organizationId, itemId, offset, limit)).map(mapAuditLog),
      },
      urls,
    );
  }
}
