import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';

/** Far above a real signed transaction (about 3 KB with its three certificates). */
const MAX_JWS_LENGTH = 20_000;

export class AppleVerifyDto {
  @ApiProperty({
    description:
      "The `jwsRepresentation` of the StoreKit 2 transaction the app received (JWS signed by the App Store, with Apple's " +
      "certificate chain in its `x5c` header). Its `productId` names the plan; its `appAccountToken`, when set, must be the organization's.",
    example: 'eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlF...',
    maxLength: MAX_JWS_LENGTH,
  })
  @IsDefined({ message: Msg.required })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(MAX_JWS_LENGTH, { message: Msg.maxLength(MAX_JWS_LENGTH) })
  signed_transaction!: string;
}

export class AppleNotificationDto {
  @ApiProperty({
    description: 'App Store Server Notification V2: the JWS of the notification (signed by the App Store, `x5c` chain).',
    example: 'eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlF...',
    maxLength: MAX_JWS_LENGTH * 3,
  })
  @IsDefined({ message: Msg.required })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(MAX_JWS_LENGTH * 3, { message: Msg.maxLength(MAX_JWS_LENGTH * 3) })
  signedPayload!: string;
}
