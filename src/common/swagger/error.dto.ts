import { ApiProperty } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ description: 'Human-readable reason.', example: 'Not found.' })
  detail!: string;
}

export class ValidationErrorDto {
  @ApiProperty({
    description: 'Errors not tied to one field.',
    type: [String],
    required: false,
    example: ['Unable to log in with provided credentials.'],
  })
  non_field_errors?: string[];
}
