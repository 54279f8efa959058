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

/** Condition grades (Goldmine scale), best first, with their short labels and grade tier. */
export const CONDITIONS = {
  mint: { label: 'M', tier: 'excellent' },
  nm: { label: 'NM', tier: 'excellent' },
  vg_plus: { label: 'VG+', tier: 'good' },
  vg: { label: 'VG', tier: 'good' },
  good_plus: { label: 'G+', tier: 'fair' },
  good: { label: 'G', tier: 'fair' },
  fair: { label: 'F', tier: 'poor' },
  poor: { label: 'P', tier: 'poor' },
} as const;
export type ConditionCode = keyof typeof CONDITIONS;

export const GRADE_TIERS = { excellent: 'Excellent', good: 'Good', fair: 'Fair', poor: 'Poor' } as const;
export type GradeTier = keyof typeof GRADE_TIERS;

export function statusDisplay(status: string): string {
  return INVENTORY_STATUSES[status as InventoryStatus] ?? status;
}

export function conditionDisplay(condition: string | null): string | null {
  if (condition === null) return null;
  return CONDITIONS[condition as ConditionCode]?.label ?? condition;
}

export function gradeTier(condition: string | null): { code: GradeTier; label: string } | null {
  const tier = condition === null ? undefined : CONDITIONS[condition as ConditionCode]?.tier;
  return tier ? { code: tier, label: GRADE_TIERS[tier] } : null;
}

/** The display title of an item: its manual name, else the product title with the condition. */
export function itemTitle(name: string | null, productTitle: string, condition: string | null): string {
  if (name?.trim()) return name.trim();
  const grade = conditionDisplay(condition);
  return grade ? `${productTitle} — ${grade}` : productTitle;
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
