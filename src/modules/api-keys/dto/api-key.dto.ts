import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'A name to recognise the key by.', example: 'Inventory sync script', maxLength: 100 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100, { message: Msg.maxLength(100) })
  name!: string;
}

export class ApiKeyDto {
  @ApiProperty({ description: 'Public identifier.', example: 'key_Zp4Lm8Qx2Rt6Vw9B' })
  uid!: string;

  @ApiProperty({ description: 'Name given at creation.', example: 'Inventory sync script' })
  name!: string;

  @ApiProperty({ description: 'The start of the key, to recognise it; not a secret.', example: 'ik_8fKq2LmZ' })
  prefix!: string;

  @ApiProperty({ description: 'Creation timestamp.', format: 'date-time' })
  created!: string;

  @ApiProperty({
    description: 'When the key last authenticated a request (minute precision).',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  last_used_at!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The whole key: send it as `X-API-Key`. Shown in this response only; store it now.',
    example: 'ik_8fKq2LmZ.Yc3...',
  })
  key!: string;
}
