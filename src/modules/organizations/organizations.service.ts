import { Inject, Injectable } from '@nestjs/common';
import { ImageIngest } from '../../common/media/image-ingest.js';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { OrganizationDto } from './dto/organization.dto.js';
import { UpdateOrganizationDto } from './dto/organization-write.dto.js';
import { Organization } from './entities/organization.entity.js';
import { AddressesRepository } from './addresses.repository.js';
import { mapOrganization } from './organizations.mapper.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { defaultOrganizationName } from './organizations.rules.js';

const UNIQUE_VIOLATION = '23505';
export const SLUG_TAKEN = 'An organization with this slug already exists.';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly organizations: OrganizationsRepository,
    private readonly addresses: AddressesRepository,
    private readonly storage: FileStorage,
    private readonly images: ImageIngest,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new organization, named as given or after its first user; joins the caller's transaction. */
  async create(
    name: string | undefined,
    owner: { email: string; firstName?: string },
  ): Promise<{ id: string; organization: OrganizationDto }> {
    const displayName = name?.trim() || defaultOrganizationName(owner.email, owner.firstName);
    const organization = await this.organizations.create(displayName);
    return { id: organization.id, organization: this.present(organization) };
  }

  async get(organizationId: string): Promise<OrganizationDto> {
    return this.present(foundOrFail(await this.organizations.findById(organizationId)));
  }

  /** Partial update; a slug another organization has is a 400 on `slug` (checked first, and by the unique index). */
  async update(organizationId: string, input: UpdateOrganizationDto): Promise<OrganizationDto> {
    if (input.slug !== undefined && (await this.organizations.slugTakenByAnother(organizationId, input.slug))) {
      throw new ValidationFailed({ slug: [SLUG_TAKEN] });
    }
    try {
      await this.organizations.update(organizationId, {
        ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : {}),
        ...(input.default_barcode_type !== undefined ? { defaultBarcodeType: input.default_barcode_type } : {}),
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ValidationFailed({ slug: [SLUG_TAKEN] });
      }
      throw error;
    }
    return this.get(organizationId);
  }

  /** Stores the logo (checked by content) and its thumbnail, replacing the previous ones. */
  async setLogo(organizationId: string, data: Buffer): Promise<OrganizationDto> {
    const organization = foundOrFail(await this.organizations.findById(organizationId));
    const stored = await this.images.ingest(data, `organizations/${organization.uid}`);
    await this.organizations.update(organizationId, { logoKey: stored.imageKey, logoThumbnailKey: stored.thumbnailKey });
    await this.storage.removeAll([organization.logoKey, organization.logoThumbnailKey]);
    return this.get(organizationId);
  }

  /** Removes the logo; removing none is not an error. */
  async deleteLogo(organizationId: string): Promise<void> {
    await this.db.transaction(async () => {
      const organization = foundOrFail(await this.organizations.lock(organizationId));
      await this.organizations.update(organizationId, { logoKey: null, logoThumbnailKey: null });
      await this.db.afterCommit(() => this.storage.removeAll([organization.logoKey, organization.logoThumbnailKey]));
    });
  }

  /** Whether the organization has a primary address (listing needs one). */
  hasPrimaryAddress(organizationId: string): Promise<boolean> {
    return this.addresses.hasPrimary(organizationId);
  }

  private present(organization: Organization): OrganizationDto {
    return mapOrganization(organization, (key) => `${this.config.publicUrl}${this.storage.urlPath(key)}`);
  }
}
