import { AnyRole } from '../../common/auth/decorators.js';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../../common/swagger/api-errors.decorator.js';
import { ChoiceDto } from './dto/choice.dto.js';
import { ASSET_TYPES, CONDITIONS, INVENTORY_STATUSES, SHIPMENT_CARRIERS } from './inventory.rules.js';

function choices(labels: Record<string, string>): ChoiceDto[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

const CONDITION_CHOICES = choices(Object.fromEntries(Object.entries(CONDITIONS).map(([code, grade]) => [code, grade.choice])));
const STATUS_CHOICES = choices(INVENTORY_STATUSES);
const ASSET_TYPE_CHOICES = choices(ASSET_TYPES);
const CARRIER_CHOICES = choices(SHIPMENT_CARRIERS);

/** The fixed lists an inventory form offers: the values the item fields take, with their labels. */
@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory/choices')
export class InventoryChoicesController {
  @Get('conditions/')
  @ApiOperation({
    summary: 'Condition grades',
    description: 'The grading scale of `condition_item` and `condition_container`, best first.',
  })
  @ApiOkResponse({ type: ChoiceDto, isArray: true, description: 'Mint to Poor.' })
  conditions(): ChoiceDto[] {
    return CONDITION_CHOICES;
  }

  @Get('statuses/')
  @ApiOperation({ summary: 'Inventory statuses', description: 'The values of `status`, in workflow order.' })
  @ApiOkResponse({ type: ChoiceDto, isArray: true, description: 'Draft to Cancelled.' })
  statuses(): ChoiceDto[] {
    return STATUS_CHOICES;
  }

  @Get('shipment-carriers/')
  @ApiOperation({ summary: 'Shipment carriers', description: 'The carrier codes shipments and shipping labels take.' })
  @ApiOkResponse({ type: ChoiceDto, isArray: true, description: 'The carriers.' })
  shipmentCarriers(): ChoiceDto[] {
    return CARRIER_CHOICES;
  }

  @Get('asset-types/')
  @ApiOperation({ summary: 'Asset types', description: "The values of an asset's `type`." })
  @ApiOkResponse({ type: ChoiceDto, isArray: true, description: 'The asset types.' })
  assetTypes(): ChoiceDto[] {
    return ASSET_TYPE_CHOICES;
  }
}
