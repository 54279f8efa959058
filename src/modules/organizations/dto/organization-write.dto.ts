import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { NotNullIfPresent } from '../../../common/validation/fields.js';
import { BARCODE_TYPES, type BarcodeType, SLUG_PATTERN } from '../organizations.rules.js';

export const SLUG_MESSAGE = 'Enter a valid slug: 3 to 80 lowercase letters, numbers or hyphens.';

/** The organization's settings; only the fields sent change. */
export class UpdateOrganizationDto {
  @ApiPropertyOptional({ description: 'Name shown to people.', example: 'Groove Records', maxLength: 200 })
  @NotNullIfPresent()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(200, { message: Msg.maxLength(200) })
  display_name?: string;

  @ApiPropertyOptional({
    description: 'URL-safe unique name: 3 to 80 lowercase letters, digits and hyphens (400 when another organization has it).',
    example: 'groove-records',
    pattern: SLUG_PATTERN.source,
  })
  @NotNullIfPresent()
  @IsString({ message: Msg.string })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ description: 'Barcode type used when printing labels.', enum: BARCODE_TYPES, example: 'ean' })
  @NotNullIfPresent()
  @IsIn(BARCODE_TYPES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  default_barcode_type?: BarcodeType;
}
