import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBody, type ApiBodyOptions, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly } from '../../common/auth/decorators.js';
import { readUploadedFile } from '../../common/media/multipart.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { OrganizationDto } from './dto/organization.dto.js';
import { UpdateOrganizationDto } from './dto/organization-write.dto.js';
import { OrganizationsService } from './organizations.service.js';

const LOGO_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['image'],
    properties: { image: { type: 'string', format: 'binary', description: 'The logo file.' } },
  },
};

@ApiTags('Organization')
@ApiAuthErrors()
@Controller('api/v1/organization')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('/')
  @AnyRole()
  @ApiOperation({ summary: "The caller's organization", description: 'Its name, slug, default barcode type and logo.' })
  @ApiOkResponse({ type: OrganizationDto, description: 'The organization.' })
  get(@CurrentAuth() auth: AuthContext): Promise<OrganizationDto> {
    return this.organizations.get(auth.organizationId);
  }

  @Patch('/')
  @ManagersOnly()
  @ApiOperation({ summary: 'Update the organization', description: 'Owners and admins only. Partial update: only the fields sent change.' })
  @ApiOkResponse({ type: OrganizationDto, description: 'The updated organization.' })
  @ApiValidationError('Invalid fields, or a slug another organization has.', {
    example: { slug: ['An organization with this slug already exists.'] },
  })
  update(@CurrentAuth() auth: AuthContext, @Body() body: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(auth.organizationId, body);
  }

  @Put('logo/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'Upload the logo',
    description:
      'Owners and admins only. Uploads or replaces the logo (multipart field `image`): JPEG, PNG, WebP, HEIC/HEIF or GIF, ' +
      'recognised by content. `POST` does the same.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(LOGO_BODY)
  @ApiOkResponse({ type: OrganizationDto, description: 'The organization, with its new `logo_url`.' })
  @ApiValidationError('No file, not multipart, too large, or not a supported image.')
  putLogo(@CurrentAuth() auth: AuthContext, @Req() request: FastifyRequest): Promise<OrganizationDto> {
    return this.uploadLogo(auth, request);
  }

  @Post('logo/')
  @HttpCode(200)
  @ManagersOnly()
  @ApiOperation({ summary: 'Upload the logo', description: 'Owners and admins only. The same as `PUT`.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(LOGO_BODY)
  @ApiOkResponse({ type: OrganizationDto, description: 'The organization, with its new `logo_url`.' })
  @ApiValidationError('No file, not multipart, too large, or not a supported image.')
  postLogo(@CurrentAuth() auth: AuthContext, @Req() request: FastifyRequest): Promise<OrganizationDto> {
    return this.uploadLogo(auth, request);
  }

  @Delete('logo/')
  @HttpCode(204)
  @ManagersOnly()
  @ApiOperation({ summary: 'Remove the logo', description: 'Owners and admins only. `logo_url` becomes null; removing none is fine.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  deleteLogo(@CurrentAuth() auth: AuthContext): Promise<void> {
    return this.organizations.deleteLogo(auth.organizationId);
  }

  private async uploadLogo(auth: AuthContext, request: FastifyRequest): Promise<OrganizationDto> {
    const file = await readUploadedFile(request, 'image', this.config.mediaMaxBytes);
    return this.organizations.setLogo(auth.organizationId, file.data);
  }
}
