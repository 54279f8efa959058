import { Injectable } from '@nestjs/common';
import { foundOrFail } from '../../common/errors/error-response.js';
import { OrganizationDto } from './dto/organization.dto.js';
import { mapOrganization } from './organizations.mapper.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { defaultOrganizationName } from './organizations.rules.js';

@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationsRepository) {}

  /** A new organization, named as given or after its first user; joins the caller's transaction. */
  async create(
    name: string | undefined,
    owner: { email: string; firstName?: string },
  ): Promise<{ id: string; organization: OrganizationDto }> {
    const displayName = name?.trim() || defaultOrganizationName(owner.email, owner.firstName);
    const organization = await this.organizations.create(displayName);
    return { id: organization.id, organization: mapOrganization(organization) };
  }

  async get(organizationId: string): Promise<OrganizationDto> {
    return mapOrganization(foundOrFail(await this.organizations.findById(organizationId)));
  }
}
