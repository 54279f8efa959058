import { Injectable } from '@nestjs/common';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type AddressFields, AddressesRepository } from './addresses.repository.js';
import { AddressDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto.js';
import { mapAddress } from './organizations.mapper.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { isPrimaryOnCreate } from './organizations.rules.js';

export const PRIMARY_CANNOT_BE_UNSET = 'An organization needs a primary address: make another address primary instead.';

/**
 * The organization's addresses. Exactly one is primary while any exists: every write takes the organization's row
 * lock first, so two writes never both decide which one is primary.
 */
@Injectable()
export class AddressesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly organizations: OrganizationsRepository,
    private readonly addresses: AddressesRepository,
  ) {}

  list(organizationId: string, request: PageRequest, urls: RequestUrls): Promise<Page<AddressDto>> {
    return paginate(
      request,
      {
        count: () => this.addresses.count(organizationId),
        rows: async (offset, limit) => (await this.addresses.page(organizationId, offset, limit)).map(mapAddress),
      },
      urls,
    );
  }

  async get(organizationId: string, uid: string): Promise<AddressDto> {
    return mapAddress(foundOrFail(await this.addresses.findOwned(organizationId, uid)));
  }

  async create(organizationId: string, input: CreateAddressDto): Promise<AddressDto> {
    const uid = await this.db.transaction(async () => {
      foundOrFail(await this.organizations.lock(organizationId));
      const primary = isPrimaryOnCreate(await this.addresses.count(organizationId), input.is_primary);
      const address = await this.addresses.create(organizationId, addressFields(input) as AddressFields, false);
      if (primary) await this.addresses.makePrimary(organizationId, address.id);
      return address.uid;
    });
    return this.get(organizationId, uid);
  }

  async update(organizationId: string, uid: string, input: UpdateAddressDto): Promise<AddressDto> {
    await this.db.transaction(async () => {
      foundOrFail(await this.organizations.lock(organizationId));
      const address = foundOrFail(await this.addresses.findOwned(organizationId, uid));
      if (input.is_primary === false && address.isPrimary) throw new ValidationFailed({ is_primary: [PRIMARY_CANNOT_BE_UNSET] });
      await this.addresses.update(organizationId, address.id, addressFields(input));
      if (input.is_primary === true && !address.isPrimary) await this.addresses.makePrimary(organizationId, address.id);
    });
    return this.get(organizationId, uid);
  }

  /** Deleting the primary makes the oldest remaining address primary. */
  async delete(organizationId: string, uid: string): Promise<void> {
    await this.db.transaction(async () => {
      foundOrFail(await this.organizations.lock(organizationId));
      const address = foundOrFail(await this.addresses.findOwned(organizationId, uid));
      await this.addresses.delete(organizationId, address.id);
      if (!address.isPrimary) return;
      const successor = await this.addresses.oldest(organizationId);
      if (successor) await this.addresses.makePrimary(organizationId, successor.id);
    });
  }
}

/** The columns a create or update sets: only the fields sent (the DTO trims them); blank optional text is stored as null. */
function addressFields(input: UpdateAddressDto): Partial<AddressFields> {
  const optional = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
  const fields: Partial<AddressFields> = {
    name: input.name,
    emailAddress: optional(input.email_address),
    phoneNumber: optional(input.phone_number),
    streetNumber: optional(input.street_number),
    street1: input.street_1,
    street2: optional(input.street_2),
    city: input.city,
    stateProvince: input.state_province,
    postalCode: input.postal_code,
    country: input.country,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<AddressFields>;
}
