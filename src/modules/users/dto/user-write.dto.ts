import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { E164_PHONE, NotNullIfPresent } from '../../../common/validation/fields.js';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The caller's profile; only the fields sent change. */
export class UpdateMeDto {
  @ApiPropertyOptional({ description: 'First name (may be empty).', example: 'Ann', maxLength: 150 })
  @NotNullIfPresent()
  @trimmed()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  first_name?: string;

  @ApiPropertyOptional({ description: 'Last name (may be empty).', example: 'Lee', maxLength: 150 })
  @NotNullIfPresent()
  @trimmed()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  last_name?: string;

  @ApiPropertyOptional({
    description:
      'Mobile number in E.164 (`+14155550123`), used to recover the account email; `null` removes it. One account per number ' +
      '(400 when another account has it).',
    example: '+14155550123',
    nullable: true,
    pattern: E164_PHONE.source,
  })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @Matches(E164_PHONE, { message: Msg.phoneNumber })
  phone_number?: string | null;

  @ApiPropertyOptional({
    description:
      'Login name shown to the team: 3 to 150 letters, digits and `. _ + -` (no `@`), or your own email address. ' +
      'Unique, case-insensitively.',
    example: 'groove_ann',
    maxLength: 254,
  })
  @NotNullIfPresent()
  @trimmed()
  @IsString()
  @MaxLength(254, { message: Msg.maxLength(254) })
  username?: string;

  @ApiPropertyOptional({
    description:
      'New email address (also the login). Needs `current_password`; the old address is told of the change. ' +
      'A username that was the old email follows it.',
    example: 'ann.lee@example.com',
    maxLength: 254,
  })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(254, { message: Msg.maxLength(254) })
  @IsEmail({}, { message: Msg.email })
  email?: string;

  @ApiPropertyOptional({ description: 'Your current password; required when `email` changes.', example: 'correct horse battery' })
  @IsOptional()
  @IsString()
  @MaxLength(128, { message: Msg.maxLength(128) })
  current_password?: string;
}
