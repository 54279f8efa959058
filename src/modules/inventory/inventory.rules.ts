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
