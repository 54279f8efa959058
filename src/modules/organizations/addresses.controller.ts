import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { AddressesService } from './addresses.service.js';
import { AddressDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Organization')
@ApiAuthErrors()
@Controller('api/v1/organization/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get('/')
  @AnyRole()
  @ApiOperation({ summary: "List the organization's addresses", description: 'The primary address first, then oldest first.' })
  @ApiPaginatedResponse(AddressDto)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<AddressDto>> {
    return this.addresses.list(auth.organizationId, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'Add an address',
    description: 'Owners and admins only. The first address is primary; `is_primary: true` makes a later one primary instead.',
  })
  @ApiCreatedResponse({ type: AddressDto, description: 'The new address.' })
  @ApiValidationError()
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateAddressDto): Promise<AddressDto> {
    return this.addresses.create(auth.organizationId, body);
  }

  @Get(':uid/')
  @AnyRole()
  @ApiOperation({ summary: 'Get an address', description: "Another organization's address is a 404." })
  @ApiOkResponse({ type: AddressDto, description: 'The address.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<AddressDto> {
    return this.addresses.get(auth.organizationId, uid);
  }

  @Patch(':uid/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'Update an address',
    description: 'Owners and admins only. Partial update. `is_primary: true` moves the primary here; `false` on the primary is a 400.',
  })
  @ApiOkResponse({ type: AddressDto, description: 'The updated address.' })
  @ApiValidationError()
  @ApiNotFound()
  update(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Body() body: UpdateAddressDto): Promise<AddressDto> {
    return this.addresses.update(auth.organizationId, uid, body);
  }

  @Delete(':uid/')
  @HttpCode(204)
  @ManagersOnly()
  @ApiOperation({
    summary: 'Delete an address',
    description: 'Owners and admins only. Deleting the primary makes the oldest remaining address primary.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.addresses.delete(auth.organizationId, uid);
  }
}
