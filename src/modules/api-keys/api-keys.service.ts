import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { apiKeyPrefix, newApiKey, sameDigest, sha256Hex } from '../../common/auth/secrets.js';
import { NotFound } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { mapApiKey } from './api-keys.mapper.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  async create(auth: AuthContext, name: string): Promise<CreatedApiKeyDto> {
    const { prefix, key } = newApiKey();
    const apiKey = await this.apiKeys.create({
      organizationId: auth.organizationId,
      userId: auth.userId,
      name: name.trim(),
      prefix,
      keyHash: sha256Hex(key),
    });
    return { ...mapApiKey(apiKey), key };
  }

  list(auth: AuthContext, request: PageRequest, urls: RequestUrls): Promise<Page<ApiKeyDto>> {
    return paginate(
      request,
      {
        count: () => this.apiKeys.count(auth.organizationId),
        rows: async (offset, limit) => (await this.apiKeys.page(auth.organizationId, offset, limit)).map(mapApiKey),
      },
      urls,
    );
  }

  async delete(auth: AuthContext, uid: string): Promise<void> {
    if (!(await this.apiKeys.delete(auth.organizationId, uid))) throw new NotFound();
  }

  /**
   * Deletes the user's keys of that organization (they left it): a key carries its organization, so it would keep
   * acting there. Joins the caller's transaction.
   */
  deleteForUser(organizationId: string, userId: string): Promise<void> {
    return this.apiKeys.deleteForUser(organizationId, userId);
  }

  /** Looks the key up by its prefix and compares digests in constant time. */
  async authenticate(key: string): Promise<AuthContext | null> {
    const prefix = apiKeyPrefix(key);
    const credentials = prefix ? await this.apiKeys.credentialsByPrefix(prefix) : null;
    if (!credentials || !sameDigest(credentials.keyHash, sha256Hex(key))) return null;
    await this.apiKeys.touch(credentials.organizationId, credentials.id);
    return {
      userId: credentials.userId,
      userUid: credentials.userUid,
      organizationId: credentials.organizationId,
      role: credentials.role,
      timeZone: credentials.timeZone,
      via: { kind: 'api_key', apiKeyId: credentials.id },
    };
  }
}
