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
