import { AnyRole } from '../../common/auth/decorators.js';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../../common/swagger/api-errors.decorator.js';
import { PlatformDto } from './dto/platform.dto.js';
import { PlatformsService } from './platforms.service.js';

@ApiTags('Marketplace')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/platforms')
export class PlatformsController {
  constructor(private readonly platforms: PlatformsService) {}

  @Get('/')
  @ApiOperation({
    summary: 'List selling platforms',
    description:
      'Every supported platform (a short, fixed list, so not paginated): OAuth marketplaces and extension-based print-on-demand sites.',
  })
  @ApiOkResponse({ type: [PlatformDto], description: 'Every platform.' })
  async list(): Promise<PlatformDto[]> {
    return (await this.platforms.catalog()).all;
  }
}
