import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { E164_PHONE } from '../../../common/validation/fields.js';
import { PASSWORD_RESET_TTL_MINUTES, RecoveryMsg } from '../account-recovery.rules.js';
import { MIN_PASSWORD_LENGTH } from './auth.dto.js';

export class PasswordResetRequestDto {
  @ApiProperty({ description: 'The email address of the account. Case-insensitive.', example: 'ann@example.com', maxLength: 254 })
  @IsDefined()
  @IsString()
  @MaxLength(254, { message: Msg.maxLength(254) })
  @IsEmail({}, { message: Msg.email })
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({
    description: `The token of the reset link's \`token\` query parameter; single use, valid ${PASSWORD_RESET_TTL_MINUTES} minutes.`,
    example: 'Hk3sX9...',
    maxLength: 200,
  })
  @IsDefined()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  token!: string;

  @ApiProperty({
    description: `The new password, at least ${MIN_PASSWORD_LENGTH} characters.`,
    example: 'a new horse battery',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: 128,
  })
  @IsDefined()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: Msg.minLength(MIN_PASSWORD_LENGTH) })
  @MaxLength(128, { message: Msg.maxLength(128) })
  password!: string;
}

export class EmailRecoveryDto {
  @ApiProperty({
    description: 'The phone number of the account, in E.164 format (`+`, country code, number; no spaces).',
    example: '+14155550123',
    pattern: E164_PHONE.source,
  })
  @IsDefined()
  @IsString()
  @Matches(E164_PHONE, { message: Msg.phoneNumber })
  phone_number!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The current password.', example: 'correct horse battery', maxLength: 128 })
  @IsDefined()
  @IsString()
  @MaxLength(128, { message: Msg.maxLength(128) })
  current_password!: string;

  @ApiProperty({
    description: `The new password, at least ${MIN_PASSWORD_LENGTH} characters.`,
    example: 'a new horse battery',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: 128,
  })
  @IsDefined()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: Msg.minLength(MIN_PASSWORD_LENGTH) })
  @MaxLength(128, { message: Msg.maxLength(128) })
  new_password!: string;
}

export class AccountMessageDto {
  @ApiProperty({ description: 'What happened, for the user to read.', example: RecoveryMsg.resetRequested })
  detail!: string;
}
