import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { OrganizationDto } from '../../organizations/index.js';
import { UserDto } from '../../users/index.js';

export const MIN_PASSWORD_LENGTH = 8;

export class RegisterEmailDto {
  @ApiProperty({ description: 'Email address; also the login name. Case-insensitive.', example: 'ann@example.com', maxLength: 254 })
  @IsDefined()
  @IsString()
  @MaxLength(254, { message: Msg.maxLength(254) })
  @IsEmail({}, { message: Msg.email })
  email!: string;

  @ApiProperty({
    description: `Password, at least ${MIN_PASSWORD_LENGTH} characters.`,
    example: 'correct horse battery',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: 128,
  })
  @IsDefined()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: Msg.minLength(MIN_PASSWORD_LENGTH) })
  @MaxLength(128, { message: Msg.maxLength(128) })
  password!: string;

  @ApiPropertyOptional({ description: 'First name.', example: 'Ann', maxLength: 150 })
  @IsOptional()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  first_name?: string;

  @ApiPropertyOptional({ description: 'Last name.', example: 'Lee', maxLength: 150 })
  @IsOptional()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  last_name?: string;

  @ApiPropertyOptional({
    description: "Name of the new organization (default: from the user's name).",
    example: 'Groove Records',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  organization_name?: string;
}

export class LoginDto {
  @ApiProperty({ description: 'Email address.', example: 'ann@example.com' })
  @IsDefined()
  @IsString()
  @MaxLength(254, { message: Msg.maxLength(254) })
  email!: string;

  @ApiProperty({ description: 'Password.', example: 'correct horse battery' })
  @IsDefined()
  @IsString()
  @MaxLength(128, { message: Msg.maxLength(128) })
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token: send as `Authorization: Bearer <token>`. Valid until logout.', example: 'q3J0c2Vj...' })
  token!: string;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class RegisterResponseDto extends LoginResponseDto {
  @ApiProperty({ type: OrganizationDto, description: 'The organization created for the user (they are its owner).' })
  organization!: OrganizationDto;
}

export class ValidateResponseDto {
  @ApiProperty({ description: 'Always true: invalid credentials answer 401.', example: true })
  valid!: boolean;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class AppleSignInDto {
  @ApiProperty({
    description:
      "The identity token (a JWT) the app received from Sign in with Apple. Its signature is checked against Apple's keys, its `iss` " +
      "(`https://appleid.apple.com`), `aud` (this server's `APPLE_CLIENT_ID`) and expiry.",
    example: 'eyJraWQiOiJXNldjT0tCIiwiYWxnIjoiUlMyNTYifQ...',
    maxLength: 10000,
  })
  @IsDefined()
  @IsString()
  @MaxLength(10000, { message: Msg.maxLength(10000) })
  identity_token!: string;

  @ApiPropertyOptional({
    description: 'First name, as Apple gives it to the app on the first authorization only; used when an account is created.',
    example: 'Ann',
    maxLength: 150,
  })
  @IsOptional()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  first_name?: string;

  @ApiPropertyOptional({ description: 'Last name; used when an account is created.', example: 'Lee', maxLength: 150 })
  @IsOptional()
  @IsString()
  @MaxLength(150, { message: Msg.maxLength(150) })
  last_name?: string;
}
