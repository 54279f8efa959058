/** The domain a platform's listing pages live on, from its website (`https://www.redbubble.com` → `redbubble.com`). */
export function platformDomain(website: string): string {
  return new URL(website).hostname.toLowerCase().replace(/^www\./, '');
}

/** Whether `url` is an https page on `domain` or one of its subdomains (`www.`, a shop's subdomain). */
export function isListingUrlOn(url: string, domain: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return parsed.protocol === 'https:' && (host === domain || host.endsWith(`.${domain}`));
}
