/** Inventory item statuses, in workflow order, with their documented labels. */
export const INVENTORY_STATUSES = {
  draft: 'Draft',
  purchased: 'Purchased',
  received: 'Received',
  'ready-to-sell': 'Ready to Sell',
  listed: 'Listed',
  sold: 'Sold',
  cancelled: 'Cancelled',
} as const;
export type InventoryStatus = keyof typeof INVENTORY_STATUSES;
export const INVENTORY_STATUS_CODES = Object.keys(INVENTORY_STATUSES) as InventoryStatus[];

/** Statuses of items a seller has in hand and can sell (received or ready). */
export const AVAILABLE_STATUSES: InventoryStatus[] = ['received', 'ready-to-sell'];
/** Statuses of items not yet sold nor cancelled: they carry an asking price. */
export const UNSOLD_STATUSES: InventoryStatus[] = ['purchased', 'received', 'ready-to-sell', 'listed'];

/**
 * Condition grades (Goldmine scale), best first: the short label items display, the label of the documented
 * condition choices, the grade tier, and the names sellers and marketplaces write them with (Discogs says
 * `Near Mint (NM or M-)`).
 */
export const CONDITIONS = {
  mint: { label: 'M', choice: 'Mint (M)', tier: 'excellent', aliases: ['m', 'mint', 'mint (m)'] },
  nm: {
    label: 'NM',
    choice: 'Near Mint (NM)',
    tier: 'excellent',
    aliases: ['nm', 'm-', 'near mint', 'near mint (nm)', 'near mint (nm or m-)'],
  },
  vg_plus: { label: 'VG+', choice: 'VG+', tier: 'good', aliases: ['vg+', 'very good plus', 'very good plus (vg+)'] },
  vg: { label: 'VG', choice: 'VG', tier: 'good', aliases: ['vg', 'very good', 'very good (vg)'] },
  good_plus: { label: 'G+', choice: 'G+', tier: 'fair', aliases: ['g+', 'good plus', 'good plus (g+)'] },
  good: { label: 'G', choice: 'Good (G)', tier: 'fair', aliases: ['g', 'good', 'good (g)'] },
  fair: { label: 'F', choice: 'Fair (F)', tier: 'poor', aliases: ['f', 'fair', 'fair (f)'] },
  poor: { label: 'P', choice: 'Poor (P)', tier: 'poor', aliases: ['p', 'poor', 'poor (p)'] },
} as const;
export type ConditionCode = keyof typeof CONDITIONS;

/** Sleeve states of Discogs' sleeve scale that are not grades: a container (sleeve) condition may also be one of these. */
export const CONTAINER_STATES = {
  generic: { label: 'Generic', aliases: ['generic'] },
  not_graded: { label: 'Not Graded', aliases: ['not graded', 'not_graded'] },
  no_cover: { label: 'No Cover', aliases: ['no cover', 'no_cover'] },
} as const;
export type ContainerCondition = ConditionCode | keyof typeof CONTAINER_STATES;

const ITEM_GRADE_BY_NAME = new Map<string, ConditionCode>(
  Object.entries(CONDITIONS).flatMap(([code, grade]) => [code, ...grade.aliases].map((name) => [name, code as ConditionCode])),
);
const CONTAINER_GRADE_BY_NAME = new Map<string, ContainerCondition>([
  ...ITEM_GRADE_BY_NAME,
  ...Object.entries(CONTAINER_STATES).flatMap(([code, state]) =>
    [code, ...state.aliases].map((name): [string, ContainerCondition] => [name, code as ContainerCondition]),
  ),
]);

/**
 * The grade code a seller's or a marketplace's wording stands for (`VG+`, `vg_plus`, `Near Mint (NM or M-)`),
 * or null when it names no grade of the scale: the item scale, or the container scale with Discogs' sleeve states.
 */
export function normalizeCondition(input: string, scale: 'item'): ConditionCode | null;
export function normalizeCondition(input: string, scale: 'container'): ContainerCondition | null;
export function normalizeCondition(input: string, scale: 'item' | 'container'): ContainerCondition | null {
  const name = input.trim().toLowerCase().replace(/\s+/g, ' ');
  return (scale === 'item' ? ITEM_GRADE_BY_NAME : CONTAINER_GRADE_BY_NAME).get(name) ?? null;
}

/** The grade fields of an item as requests send them (wire names; grades already normalised to their codes). */
export interface ConditionInput {
  condition_item?: string | null;
  condition_container?: string | null;
  condition_container_manually_set?: boolean;
}

/** The grade columns of a stored item. */
export interface ItemConditions {
  conditionItem: string | null;
  conditionContainer: string | null;
  conditionContainerManuallySet: boolean;
}

/**
 * The grade columns to store for a change (`current` is null on create): the container mirrors the item grade unless
 * it was set by hand (the flag, or a container grade sent explicitly, which sets the flag); clearing the flag makes it
 * mirror again. Only the columns that change are returned (all of them on create).
 */
export function conditionFields(input: ConditionInput, current: ItemConditions | null): Partial<ItemConditions> {
  const fields: Partial<ItemConditions> = {};
  if (input.condition_item !== undefined) fields.conditionItem = input.condition_item;
  let manuallySet = input.condition_container_manually_set ?? current?.conditionContainerManuallySet ?? false;
  if (input.condition_container !== undefined) {
    fields.conditionContainer = input.condition_container;
    manuallySet = input.condition_container_manually_set ?? true;
  } else if (!manuallySet) {
    const itemGrade = fields.conditionItem !== undefined ? fields.conditionItem : (current?.conditionItem ?? null);
    if (current === null || itemGrade !== current.conditionContainer) fields.conditionContainer = itemGrade;
  }
  if (current === null || manuallySet !== current.conditionContainerManuallySet) fields.conditionContainerManuallySet = manuallySet;
  return fields;
}

/** What an asset (photo) of a record shows: grading and listings want the labels and the runout, not only the cover. */
export const ASSET_TYPES = {
  photo: 'Photo',
  front_cover: 'Front cover',
  back_cover: 'Back cover',
  label: 'Label',
  matrix: 'Matrix / runout',
  defect: 'Defect close-up',
} as const;
export type AssetType = keyof typeof ASSET_TYPES;

/** Most files one asset upload takes (seed 000: `files`, up to 10 per request). */
export const MAX_ASSET_FILES_PER_REQUEST = 10;

/** Longest asset description, in characters. */
export const ASSET_DESCRIPTION_MAX_LENGTH = 1000;

/**
 * The photo limit of an item whose organization has no subscription (one made before subscriptions, or an import):
 * the trial plan's, as the foundation migration seeds it, which is also the smallest of the seeded plans.
 */
export const DEFAULT_PHOTOS_PER_ITEM_LIMIT = 12;

/** Why adding `adding` photos to an item that has `existing` would take it over the plan's `limit`, or null when they fit. */
export function photoLimitProblem(limit: number, existing: number, adding: number): string | null {
  if (existing + adding <= limit) return null;
  const photos = limit === 1 ? 'photo' : 'photos';
  const adds = adding === 1 ? '' : ` and this upload adds ${adding}`;
  return `This item can have at most ${limit} ${photos} on your plan; it has ${existing}${adds}.`;
}

/** How many of `wanted` new photos fit under the plan's `limit` when the item has `existing`. */
export function photosThatFit(limit: number, existing: number, wanted: number): number {
  return Math.max(0, Math.min(wanted, limit - existing));
}

/** The audit message of an asset upload or deletion: `Photo uploaded: front.jpg (identifying).` */
export function assetAuditMessage(change: 'uploaded' | 'deleted', type: string, fileName: string, identifying = false): string {
  const label = ASSET_TYPES[type as AssetType] ?? type;
  return `${label} ${change}: ${fileName}${identifying ? ' (identifying)' : ''}.`;
}

/** Carriers a shipment can go with (orders and shipping labels use the same codes). */
export const SHIPMENT_CARRIERS = { usps: 'USPS', ups: 'UPS', fedex: 'FedEx', dhl: 'DHL', other: 'Other' } as const;
export type ShipmentCarrier = keyof typeof SHIPMENT_CARRIERS;

export const GRADE_TIERS = { excellent: 'Excellent', good: 'Good', fair: 'Fair', poor: 'Poor' } as const;
export type GradeTier = keyof typeof GRADE_TIERS;

export function statusDisplay(status: string): string {
  return INVENTORY_STATUSES[status as InventoryStatus] ?? status;
}

export function conditionDisplay(condition: string | null): string | null {
  if (condition === null) return null;
  return CONDITIONS[condition as ConditionCode]?.label ?? CONTAINER_STATES[condition as keyof typeof CONTAINER_STATES]?.label ?? condition;
}

export function gradeTier(condition: string | null): { code: GradeTier; label: string } | null {
  const tier = condition === null ? undefined : CONDITIONS[condition as ConditionCode]?.tier;
  return tier ? { code: tier, label: GRADE_TIERS[tier] } : null;
}

/** The display title of an item: its manual name, else the product title with the condition. */
export function itemTitle(name: string | null, productTitle: string, condition: string | null): string {
  if (name?.trim()) return name.trim();
  const grade = conditionDisplay(condition);
  return grade ? `${productTitle} - ${grade}` : productTitle;
}

/** The SKU an item is known by: its manual SKU, else the product's SKU, else its catalog number. */
export function resolvedSku(
  manualSku: string | null,
  productSku: string | null,
  catalogNumber: string | null,
): { value: string | null; source: 'manual' | 'product' | 'catalog_number' | null } {
  if (manualSku?.trim()) return { value: manualSku.trim(), source: 'manual' };
  if (productSku?.trim()) return { value: productSku.trim(), source: 'product' };
  if (catalogNumber?.trim()) return { value: catalogNumber.trim(), source: 'catalog_number' };
  return { value: null, source: null };
}

/** Statuses a seller sets by hand; `listed` comes from the listing engine and `sold` from orders. */
export const MANUAL_STATUSES: InventoryStatus[] = ['draft', 'purchased', 'received', 'ready-to-sell', 'cancelled'];

/** Why a status change is refused, or null when it is allowed. `from` is null when the item is being created. */
export function statusChangeProblem(from: InventoryStatus | null, to: InventoryStatus): string | null {
  if (from === to) return null;
  if (to === 'listed') return 'The status "listed" is set when the item is listed on a marketplace.';
  if (to === 'sold') return 'The status "sold" is set when an order for the item comes in.';
  if (from === 'sold') return 'A sold item keeps its status.';
  if (from === 'listed') return 'A listed item changes status when it is delisted: delist it first.';
  return null;
}

/**
 * The dates an item records when it reaches a status for the first time. `soldAt` is what analytics time a sale
 * by (days to sell, the sales trend); only orders make an item sold.
 */
export function statusDates(
  status: InventoryStatus,
  current: { purchasedAt: Date | null; receivedAt: Date | null; soldAt: Date | null },
  now: Date,
): { purchasedAt?: Date; receivedAt?: Date; soldAt?: Date } {
  if (status === 'purchased' && !current.purchasedAt) return { purchasedAt: now };
  if (status === 'received' && !current.receivedAt) return { receivedAt: now };
  if (status === 'sold' && !current.soldAt) return { soldAt: now };
  return {};
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole and fractional days from `since` to `now`, to one decimal (never negative). */
export function daysSince(since: Date, now: Date): number {
  return Math.max(0, Math.round(((now.getTime() - since.getTime()) / DAY_MS) * 10) / 10);
}

/** `days_in_inventory`: since it was received, else purchased, else created. */
export function daysInInventory(item: { receivedAt: Date | null; purchasedAt: Date | null; created: Date }, now: Date): number {
  return daysSince(item.receivedAt ?? item.purchasedAt ?? item.created, now);
}

/** `days_listed`: since it was first listed; 0 when it never was. */
export function daysListed(listedAt: Date | null, now: Date): number {
  return listedAt ? daysSince(listedAt, now) : 0;
}

/** An item can be deleted unless it sold (it has an order) or a marketplace listing of it is active. */
export function isDeletable(status: InventoryStatus, hasActiveListing: boolean): boolean {
  return status !== 'sold' && !hasActiveListing;
}

/** Why an item cannot be deleted, for the 400 that refuses it. */
export function deleteProblem(status: InventoryStatus, hasActiveListing: boolean): string | null {
  if (status === 'sold') return 'This item has an order and cannot be deleted.';
  if (hasActiveListing) return 'This item has active marketplace listings. Delist it before deleting it.';
  return null;
}

/** The audit message of a soft delete, single or bulk. */
export const SOFT_DELETE_AUDIT_MESSAGE = 'Deleted (restorable).';

/** The audit message of a restore: `Restored as Ready to Sell.` */
export function restoreAuditMessage(status: InventoryStatus): string {
  return `Restored as ${statusDisplay(status)}.`;
}

/** The pricing model new listings of an item use: fixed price, the only one until pricing models become configurable. */
export const DEFAULT_PRICING_MODEL = { uid: 'pm_fixed_price', type: 'fixed_price', type_display: 'Fixed price' } as const;

/** Who made a change, as the audit log records it: an API key is `api`, a bearer token (the apps) is `web`, a job is `system`. */
export type AuditSource = 'api' | 'web' | 'system' | 'extension';

export function auditSource(via: { kind: 'token' | 'api_key' } | null): AuditSource {
  if (via === null) return 'system';
  return via.kind === 'api_key' ? 'api' : 'web';
}

/** Actions an item's audit log records (the listing engine adds list, delist and their failures). */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'status_change',
  'price_update',
  'delete',
  'restore',
  'asset_upload',
  'asset_delete',
  'list',
  'delist',
  'sold',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A field whose value changed: before and after, as the audit log's metadata records them. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** The fields of `after` that differ from `before` (compared as JSON values). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, value] of Object.entries(after)) {
    const previous = before[field] ?? null;
    if (JSON.stringify(previous) !== JSON.stringify(value ?? null)) changes[field] = { before: previous, after: value ?? null };
  }
  return changes;
}

const PRICE_FIELDS = new Set(['price_total_usd', 'price_item_usd', 'price_shipping_usd', 'price_expected_usd', 'listing_current_price']);

/** How an update is recorded: a status change, else a price change when only prices changed, else an update. */
export function describeUpdate(changes: FieldChanges): { action: AuditAction; message: string } {
  const fields = Object.keys(changes);
  if (changes.status) {
    const { before, after } = changes.status;
    return { action: 'status_change', message: `Status changed from ${statusDisplay(String(before))} to ${statusDisplay(String(after))}.` };
  }
  if (fields.every((field) => PRICE_FIELDS.has(field))) {
    const total = changes.price_total_usd;
    const message = total
      ? `Price changed from ${total.before === null ? 'none' : `$${String(total.before)}`} to ${total.after === null ? 'none' : `$${String(total.after)}`}.`
      : `Updated ${fields.join(', ')}.`;
    return { action: 'price_update', message };
  }
  return { action: 'update', message: `Updated ${fields.join(', ')}.` };
}
