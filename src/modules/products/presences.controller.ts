import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { CreatePresenceDto, UpdatePresenceDto } from './dto/presence-write.dto.js';
import { MarketplacePresenceDto } from './dto/product.dto.js';
import { PresencesService } from './presences.service.js';

@ApiTags('Products')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/products/:uid/marketplace-presences')
export class PresencesController {
  constructor(private readonly presences: PresencesService) {}

  @Get('/')
  @ApiOperation({
    summary: 'List marketplace presences',
    description: "Where the product is represented on selling platforms (a product's few presences, not paginated).",
  })
  @ApiOkResponse({ type: [MarketplacePresenceDto], description: "The product's presences." })
  @ApiNotFound()
  list(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<MarketplacePresenceDto[]> {
    return this.presences.list(auth, uid);
  }

  @Post('/')
  @ApiOperation({
    summary: 'Create a marketplace presence',
    description: 'Records where the product is represented on a platform (`platform_uid`).',
  })
  @ApiCreatedResponse({ type: MarketplacePresenceDto, description: 'The created presence.' })
  @ApiValidationError()
  @ApiNotFound()
  create(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Body() body: CreatePresenceDto): Promise<MarketplacePresenceDto> {
    return this.presences.create(auth, uid, body);
  }

  @Patch(':id/')
  @ApiOperation({ summary: 'Update a marketplace presence', description: 'Partial update; setting a price stamps `price_last_updated`.' })
  @ApiOkResponse({ type: MarketplacePresenceDto, description: 'The updated presence.' })
  @ApiValidationError()
  @ApiNotFound()
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Param('id') id: string,
    @Body() body: UpdatePresenceDto,
  ): Promise<MarketplacePresenceDto> {
    return this.presences.update(auth, uid, id, body);
  }

  @Delete(':id/')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a marketplace presence', description: 'Removes the record only; nothing is changed on the platform.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Param('id') id: string): Promise<void> {
    return this.presences.delete(auth, uid, id);
  }
}
