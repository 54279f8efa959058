import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PlatformRefDto } from '../../platforms/index.js';
import { ACCOUNT_STATUSES, type AccountStatus } from '../entities/marketplace-account.entity.js';
import { TOKEN_PLATFORMS } from '../marketplace-accounts.rules.js';

export class ConnectWithTokenDto {
  @ApiProperty({
    description: 'The platform to connect: only Discogs takes a personal access token (Discogs settings > Developers).',
    enum: TOKEN_PLATFORMS,
    example: 'discogs',
  })
  @IsDefined()
  @IsString()
  @IsIn(TOKEN_PLATFORMS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  platform!: (typeof TOKEN_PLATFORMS)[number];

  @ApiProperty({
    description: "The seller's personal access token; checked against the platform before it is stored (encrypted).",
    example: 'hKzQpLrSxYtUvWaBcDeFgHiJkLmNoPqRsTuVwXyZ',
    maxLength: 200,
    writeOnly: true,
  })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200, { message: Msg.maxLength(200) })
  personal_token!: string;
}

export class MarketplaceAccountDto {
  @ApiProperty({
    description: 'Public identifier of the connected seller account (the `seller_account_uid` of imports).',
    example: 'sa_9fKq2LmZxY',
  })
  uid!: string;

  @ApiProperty({ description: 'The platform the account is on.', type: PlatformRefDto })
  platform!: PlatformRefDto;

  @ApiProperty({ description: "The seller's id on the platform.", example: '1234567' })
  external_user_id!: string;

  @ApiProperty({ description: "The seller's name on the platform.", example: 'vinyl_vault' })
  username!: string;

  @ApiProperty({
    description: 'The shop on the platform (Etsy shop id, Shopify shop domain), or null.',
    type: String,
    nullable: true,
    example: null,
  })
  shop_id!: string | null;

  @ApiProperty({
    description:
      '`active`: usable; `expired`: the platform no longer accepts the credentials (connect again); `revoked`: disconnected here; `error`: the last use failed (see `last_error`).',
    enum: ACCOUNT_STATUSES,
    example: 'active',
  })
  status!: AccountStatus;

  @ApiProperty({
    description: 'The permissions the platform granted (OAuth scopes); empty for a personal token.',
    type: [String],
    example: [],
  })
  scopes!: string[];

  @ApiProperty({ description: 'When the account was (last) connected.', format: 'date-time' })
  connected_at!: string;

  @ApiProperty({
    description: 'When listings or orders were last synced through it, or null.',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  last_sync_at!: string | null;

  @ApiProperty({ description: 'Why the account is `expired` or in `error`, or null.', type: String, nullable: true, example: null })
  last_error!: string | null;
}

export class ConnectStartDto {
  @ApiProperty({
    description: "Shopify only: the shop's myshopify.com domain (`vinyl-vault.myshopify.com`). Ignored by the other platforms.",
    required: false,
    example: 'vinyl-vault.myshopify.com',
    maxLength: 255,
  })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: Msg.maxLength(255) })
  shop?: string;
}

export class ConnectStartedDto {
  @ApiProperty({
    description: "The platform's consent page: open it in a browser (ASWebAuthenticationSession on iOS). It returns to the callback.",
    example: 'https://auth.ebay.com/oauth2/authorize?client_id=...&redirect_uri=...&response_type=code&scope=...&state=...',
  })
  authorization_url!: string;

  @ApiProperty({
    description: 'The signed state the callback must carry back; valid for 15 minutes, once.',
    example: 'eyJhbGciOiJIUzI1NiJ9...',
  })
  state!: string;
}
