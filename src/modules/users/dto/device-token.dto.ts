import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, Matches } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { OptionalText } from '../../../common/validation/fields.js';
import { PUSH_PROVIDERS, type PushProvider } from '../entities/device-token.entity.js';

/** APNs tokens are 64 hex digits; FCM registration tokens are longer and use `[A-Za-z0-9_:-]`. */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_:.-]{16,512}$/;
export const DEVICE_TOKEN_MESSAGE = 'Enter a valid push token: 16 to 512 letters, digits and _ : . - characters.';

export class RegisterDeviceTokenDto {
  @ApiProperty({
    description: 'The push token the device got from APNs or FCM.',
    example: '740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad',
    pattern: DEVICE_TOKEN_PATTERN.source,
  })
  @IsDefined()
  @IsString()
  @Matches(DEVICE_TOKEN_PATTERN, { message: DEVICE_TOKEN_MESSAGE })
  token!: string;

  @ApiProperty({ description: 'Which push service issued the token.', enum: PUSH_PROVIDERS, example: 'apns' })
  @IsDefined()
  @IsIn(PUSH_PROVIDERS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  provider!: PushProvider;

  @ApiPropertyOptional({ description: 'A name to recognise the device by.', example: "Ann's iPhone", maxLength: 100 })
  @OptionalText(100)
  device_name?: string | null;
}

export class DeviceTokenDto {
  @ApiProperty({ description: 'The push token.', example: '740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad' })
  token!: string;

  @ApiProperty({ description: 'Which push service issued it.', enum: PUSH_PROVIDERS, example: 'apns' })
  provider!: PushProvider;

  @ApiProperty({ description: 'The name given to the device (may be empty).', example: "Ann's iPhone" })
  device_name!: string;

  @ApiProperty({ description: 'First registered (ISO 8601 UTC).', example: '2026-12-01T08:00:00Z' })
  created!: string;

  @ApiProperty({ description: 'Last registered; apps register again on every launch (ISO 8601 UTC).', example: '2026-12-03T07:30:00Z' })
  last_registered!: string;
}
