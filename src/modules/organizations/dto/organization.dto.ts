import { ApiProperty } from '@nestjs/swagger';

export class OrganizationDto {
  @ApiProperty({ description: 'Public identifier.', example: 'org_3kT9bQ2mX7pLw4Za' })
  uid!: string;

  @ApiProperty({ description: 'Name shown to people.', example: 'Groove Records' })
  display_name!: string;

  @ApiProperty({ description: 'URL-safe unique name.', example: 'groove-records' })
  slug!: string;

  @ApiProperty({ description: 'Barcode type used when printing labels.', example: 'upc' })
  default_barcode_type!: string;
}
