import { ApiProperty } from '@nestjs/swagger';

/** Most row problems an import answer lists: the counts stay exact, the list stops (the first ones, by line). */
export const MAX_LISTED_ROW_ERRORS = 1000;

/** One problem of one imported row. */
export class CsvRowErrorDto {
  @ApiProperty({
    type: 'integer',
    description: 'Line of the file where the row starts (the header row is line 1; a quoted cell over several lines counts them all).',
    example: 7,
  })
  row!: number;

  @ApiProperty({
    description: 'The column the problem is in (`non_field_errors` for the row as a whole, `file` for the file from this line on).',
    example: 'price_total_usd',
  })
  field!: string;

  @ApiProperty({ description: 'What is wrong, worded as the API words it.', example: 'A valid number is required.' })
  message!: string;
}

/** The answer of a CSV import: what landed and which rows did not. */
export class InventoryCsvImportDto {
  @ApiProperty({ type: 'integer', description: 'Rows without a `uid` that created an item.', example: 12 })
  created_count!: number;

  @ApiProperty({ type: 'integer', description: 'Rows with a `uid` that changed their item (each change has its audit entry).', example: 3 })
  updated_count!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Rows with a `uid` whose values are those of their item already: nothing written, no audit entry.',
    example: 240,
  })
  unchanged_count!: number;

  @ApiProperty({ type: 'integer', description: 'Rows that were not imported (each has at least one entry in `errors`).', example: 1 })
  failed_count!: number;

  @ApiProperty({
    type: [CsvRowErrorDto],
    description: `The problems of the rows that failed, by line (at most ${MAX_LISTED_ROW_ERRORS} entries; \`failed_count\` counts every failed row).`,
  })
  errors!: CsvRowErrorDto[];
}

/** The answer of an import that stopped before the end of its file: the problem, and what landed before it. */
export class InventoryCsvImportStoppedDto extends InventoryCsvImportDto {
  @ApiProperty({
    type: [String],
    description: 'Why the file could not be read on: nothing from that line on was imported; the counts say what was.',
    example: [
      'Line 812: Invalid Closing Quote: got "x" at line 812 instead of delimiter, record delimiter, trimable character (if activated) or comment',
    ],
  })
  file!: string[];
}
