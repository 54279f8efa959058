import { mapAddress, mapOrganization } from './organizations.mapper.js';
import type { OrganizationAddress } from './entities/organization-address.entity.js';
import type { Organization } from './entities/organization.entity.js';

describe('organization mapper', () => {
  const organization = {
    uid: 'org_1',
    displayName: 'Groove Records',
    slug: 'groove-records',
    defaultBarcodeType: 'upc',
    logoKey: null,
    logoThumbnailKey: null,
  } as Organization;
  const mediaUrl = (key: string) => `https://shop.example.com/media/${key}`;

  it('gives the logo URL from its key, or null without a logo', () => {
    expect(mapOrganization(organization, mediaUrl).logo_url).toBeNull();
    expect(mapOrganization({ ...organization, logoKey: 'organizations/org_1/x/image.png' } as Organization, mediaUrl).logo_url).toBe(
      'https://shop.example.com/media/organizations/org_1/x/image.png',
    );
  });

  it('uses the wire names of the shipment address', () => {
    const created = new Date('2026-03-01T12:00:00Z');
    const address = {
      uid: 'adr_1',
      name: 'Groove Records',
      emailAddress: null,
      phoneNumber: null,
      streetNumber: '42',
      street1: 'Main Street',
      street2: null,
      city: 'Portland',
      stateProvince: 'OR',
      postalCode: '97201',
      country: 'US',
      isPrimary: true,
      created,
      updated: created,
    } as OrganizationAddress;
    expect(mapAddress(address)).toEqual({
      uid: 'adr_1',
      name: 'Groove Records',
      email_address: null,
      phone_number: null,
      street_number: '42',
      street_1: 'Main Street',
      street_2: null,
      city: 'Portland',
      state_province: 'OR',
      postal_code: '97201',
      country: 'US',
      is_primary: true,
      created: '2026-03-01T12:00:00.000Z',
      updated: '2026-03-01T12:00:00.000Z',
    });
  });
});
