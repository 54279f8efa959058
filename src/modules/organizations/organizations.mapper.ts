import { AddressDto } from './dto/address.dto.js';
import { OrganizationDto } from './dto/organization.dto.js';
import { OrganizationAddress } from './entities/organization-address.entity.js';
import { Organization } from './entities/organization.entity.js';

/** `mediaUrl` turns a stored file's key into its absolute URL. */
export function mapOrganization(organization: Organization, mediaUrl: (key: string) => string): OrganizationDto {
  return {
    uid: organization.uid,
    display_name: organization.displayName,
    slug: organization.slug,
    default_barcode_type: organization.defaultBarcodeType,
    logo_url: organization.logoKey ? mediaUrl(organization.logoKey) : null,
  };
}

export function mapAddress(address: OrganizationAddress): AddressDto {
  return {
    uid: address.uid,
    name: address.name,
    email_address: address.emailAddress,
    phone_number: address.phoneNumber,
    street_number: address.streetNumber,
    street_1: address.street1,
    street_2: address.street2,
    city: address.city,
    state_province: address.stateProvince,
    postal_code: address.postalCode,
    country: address.country,
    is_primary: address.isPrimary,
    created: address.created.toISOString(),
    updated: address.updated.toISOString(),
  };
}
