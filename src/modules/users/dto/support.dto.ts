import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { NotNullIfPresent } from '../../../common/validation/fields.js';
import { SUPPORT_CATEGORIES, type SupportCategory } from '../entities/support-request.entity.js';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const MAX_SUPPORT_MESSAGE = 10_000;

export class CreateSupportRequestDto {
  @ApiProperty({ description: 'One line saying what it is about.', example: 'Discogs listing stuck on pending', maxLength: 200 })
  @IsDefined()
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200, { message: Msg.maxLength(200) })
  subject!: string;

  @ApiProperty({ description: 'What happened, what you expected, and any item or order ids.', maxLength: MAX_SUPPORT_MESSAGE })
  @IsDefined()
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUPPORT_MESSAGE, { message: Msg.maxLength(MAX_SUPPORT_MESSAGE) })
  message!: string;

  @ApiPropertyOptional({ description: 'What area it concerns; `other` by default.', enum: SUPPORT_CATEGORIES, example: 'listings' })
  @NotNullIfPresent()
  @IsIn(SUPPORT_CATEGORIES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  category?: SupportCategory;
}

export class SupportRequestDto {
  @ApiProperty({ description: 'Public identifier; quote it when you write to support again.', example: 'sup_4Gh7Kp2Lm9Nq3Rs8' })
  uid!: string;

  @ApiProperty({ description: 'Subject as sent.', example: 'Discogs listing stuck on pending' })
  subject!: string;

  @ApiProperty({ description: 'Message as sent.' })
  message!: string;

  @ApiProperty({ description: 'Area it concerns.', enum: SUPPORT_CATEGORIES, example: 'listings' })
  category!: SupportCategory;

  @ApiProperty({ description: 'When it was received (ISO 8601 UTC).', example: '2026-12-03T09:15:00Z' })
  created!: string;
}
