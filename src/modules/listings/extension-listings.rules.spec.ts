import { isListingUrlOn, platformDomain } from './extension-listings.rules.js';

describe('extension listing URLs', () => {
  it("takes the platform's domain from its website", () => {
    expect(platformDomain('https://redbubble.com')).toBe('redbubble.com');
    expect(platformDomain('https://www.Society6.com/')).toBe('society6.com');
  });

  it('accepts https pages on the domain and its subdomains', () => {
    expect(isListingUrlOn('https://www.redbubble.com/i/sticker/x/1.EJUG5', 'redbubble.com')).toBe(true);
    expect(isListingUrlOn('https://redbubble.com/i/1', 'redbubble.com')).toBe(true);
    expect(isListingUrlOn('https://groove.teepublic.com/t-shirt/1', 'teepublic.com')).toBe(true);
  });

  it('refuses other schemes, other domains, look-alike hosts and what is no URL', () => {
    expect(isListingUrlOn('http://www.redbubble.com/i/1', 'redbubble.com')).toBe(false);
    expect(isListingUrlOn('https://www.teepublic.com/t-shirt/1', 'redbubble.com')).toBe(false);
    expect(isListingUrlOn('https://redbubble.com.evil.example/i/1', 'redbubble.com')).toBe(false);
    expect(isListingUrlOn('https://notredbubble.com/i/1', 'redbubble.com')).toBe(false);
    expect(isListingUrlOn('redbubble.com/i/1', 'redbubble.com')).toBe(false);
  });
});
