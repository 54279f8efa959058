import { ApiProperty } from '@nestjs/swagger';

/** One option of a fixed choice list: the code the API takes and answers, and its label. */
export class ChoiceDto {
  @ApiProperty({ description: 'The code sent and answered by the API.', example: 'vg_plus' })
  value!: string;

  @ApiProperty({ description: 'Its human-readable label.', example: 'VG+' })
  label!: string;
}
