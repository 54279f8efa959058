import { ApiProperty } from '@nestjs/swagger';
import { BARCODE_TYPES } from '../organizations.rules.js';

export class OrganizationDto {
  @ApiProperty({ description: 'Public identifier.', example: 'org_3kT9bQ2mX7pLw4Za' })
  uid!: string;

  @ApiProperty({ description: 'Name shown to people.', example: 'Groove Records' })
  display_name!: string;

  @ApiProperty({ description: 'URL-safe unique name.', example: 'groove-records' })
  slug!: string;

  @ApiProperty({ description: 'Barcode type used when printing labels.', enum: BARCODE_TYPES, example: 'upc' })
  default_barcode_type!: string;

  @ApiProperty({
    description: "URL of the organization's logo (on PUBLIC_URL), or null without one.",
    type: String,
    nullable: true,
    example: 'https://shop.example.com/media/organizations/org_3kT9bQ2mX7pLw4Za/Xb3k/image.png',
  })
  logo_url!: string | null;
}
