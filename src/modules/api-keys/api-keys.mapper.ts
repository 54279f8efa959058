import { ApiKeyDto } from './dto/api-key.dto.js';
import { ApiKey } from './entities/api-key.entity.js';

export function mapApiKey(apiKey: ApiKey): ApiKeyDto {
  return {
    uid: apiKey.uid,
    name: apiKey.name,
    prefix: apiKey.prefix,
    created: apiKey.created.toISOString(),
    last_used_at: apiKey.lastUsedAt?.toISOString() ?? null,
  };
}
