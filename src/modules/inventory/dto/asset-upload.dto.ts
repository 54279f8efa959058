import { IsBoolean, IsDefined, IsIn, IsOptional } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { OptionalText, QueryBoolean } from '../../../common/validation/fields.js';
import { ASSET_DESCRIPTION_MAX_LENGTH, ASSET_TYPES, type AssetType } from '../inventory.rules.js';

/**
 * The text fields of an asset upload (multipart/form-data, so every value arrives as text). Validated by the
 * global pipe's rules; the OpenAPI body is declared on the operation (InventoryAssetsController), next to the files.
 */
export class AssetUploadFieldsDto {
  /** One of the asset type choices (`photo`, `front_cover`...). */
  @IsDefined()
  @IsIn(Object.keys(ASSET_TYPES), { message: (args: { value: unknown }) => Msg.choice(args.value) })
  type!: AssetType;

  /** Free text, at most ASSET_DESCRIPTION_MAX_LENGTH characters; empty when not sent. */
  @OptionalText(ASSET_DESCRIPTION_MAX_LENGTH)
  description?: string;

  /** `true`/`false`/`1`/`0` (any case). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  is_identifying_asset?: boolean;
}
