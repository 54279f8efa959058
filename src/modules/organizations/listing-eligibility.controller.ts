import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors } from '../../common/swagger/api-errors.decorator.js';
import { ListingEligibilityDto } from './dto/listing-eligibility.dto.js';
import { ListingEligibilityService } from './listing-eligibility.service.js';

@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user/me')
export class ListingEligibilityController {
  constructor(private readonly eligibility: ListingEligibilityService) {}

  @Get('listing-eligibility/')
  @ApiOperation({
    summary: 'Whether the caller can list items',
    description:
      "From the organization's subscription, its primary address and the platforms it can list on (extension platforms " +
      'need no connection; OAuth platforms need a marketplace connection). Every reason that holds is given.',
  })
  @ApiOkResponse({ type: ListingEligibilityDto, description: 'Whether listing is possible, and why not.' })
  get(@CurrentAuth() auth: AuthContext): Promise<ListingEligibilityDto> {
    return this.eligibility.forOrganization(auth.organizationId);
  }
}
