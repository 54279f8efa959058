/** A URL-safe slug from a display name: lowercase ASCII letters, digits and single dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'organization';
}

/** The organization name a new user gets when they do not give one. */
export function defaultOrganizationName(email: string, firstName?: string): string {
  if (firstName?.trim()) return `${firstName.trim()}'s organization`;
  return email.split('@')[0] || 'My organization';
}

/** Barcode symbologies labels can be printed with. */
export const BARCODE_TYPES = ['upc', 'ean', 'isbn', 'code128'] as const;
export type BarcodeType = (typeof BARCODE_TYPES)[number];

/** A slug an organization may choose: 3 to 80 lowercase letters, digits and hyphens. */
export const SLUG_PATTERN = /^[a-z0-9-]{3,80}$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug);
}

/** Whether a new address is primary: the first one always is, another only when asked. */
export function isPrimaryOnCreate(existingAddresses: number, requested: boolean | undefined): boolean {
  return existingAddresses === 0 || requested === true;
}
