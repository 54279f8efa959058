import { OrganizationDto } from './dto/organization.dto.js';
import { Organization } from './entities/organization.entity.js';

export function mapOrganization(organization: Organization): OrganizationDto {
  return {
    uid: organization.uid,
    display_name: organization.displayName,
    slug: organization.slug,
    default_barcode_type: organization.defaultBarcodeType,
  };
}
