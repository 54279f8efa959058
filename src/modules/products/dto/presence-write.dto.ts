import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { IsMoney, NotNullIfPresent, OptionalText } from '../../../common/validation/fields.js';

export class PresenceFieldsDto {
  @ApiPropertyOptional({
    description: 'Marketplace listing identifier.',
    example: '394857201',
    type: String,
    nullable: true,
    maxLength: 200,
  })
  @OptionalText(200)
  external_listing_id?: string | null;

  @ApiPropertyOptional({
    description: 'Link to the marketplace listing (http or https).',
    example: 'https://ebay.com/itm/394857201',
    type: String,
    nullable: true,
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: Msg.url })
  @MaxLength(1000, { message: Msg.maxLength(1000) })
  external_url?: string | null;

  @ApiPropertyOptional({
    description: 'Listing status on the platform (for example `active`, `ended`).',
    example: 'active',
    type: String,
    nullable: true,
    maxLength: 50,
  })
  @OptionalText(50)
  status?: string | null;

  @ApiPropertyOptional({ description: 'Price in the listing currency.', example: '34.99', type: String, nullable: true })
  @IsOptional()
  @IsMoney()
  listing_price?: string | null;

  @ApiPropertyOptional({ description: 'Three-letter currency code.', example: 'USD', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(3, 3, { message: 'Ensure this field has exactly 3 characters.' })
  listing_currency?: string | null;

  @ApiPropertyOptional({ description: 'Price in USD.', example: '34.99', type: String, nullable: true })
  @IsOptional()
  @IsMoney()
  listing_price_usd?: string | null;

  @ApiPropertyOptional({ description: 'Whether selling is active (default true).', example: true, type: Boolean })
  @NotNullIfPresent()
  @IsBoolean()
  is_selling_enabled?: boolean;
}

export class CreatePresenceDto extends PresenceFieldsDto {
  @ApiProperty({ description: 'Write-only. The platform, by UID (see GET /api/v1/platforms/).', example: 'plat_ebay', writeOnly: true })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  platform_uid!: string;
}

export class UpdatePresenceDto extends PresenceFieldsDto {
  @ApiPropertyOptional({
    description: 'Write-only. Moves the presence to another platform, by UID.',
    example: 'plat_discogs',
    writeOnly: true,
  })
  @NotNullIfPresent()
  @IsString()
  @IsNotEmpty()
  platform_uid?: string;
}
