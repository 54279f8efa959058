import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { DeviceTokenDto, RegisterDeviceTokenDto } from './dto/device-token.dto.js';
import { DeviceTokensRepository } from './device-tokens.repository.js';
import { mapDeviceToken } from './users.mapper.js';

/** Push registrations of the caller's devices; registering and removing are idempotent. */
@Injectable()
export class DeviceTokensService {
  constructor(private readonly devices: DeviceTokensRepository) {}

  async register(auth: AuthContext, input: RegisterDeviceTokenDto): Promise<{ device: DeviceTokenDto; created: boolean }> {
    const { device, created } = await this.devices.register({
      userId: auth.userId,
      token: input.token,
      provider: input.provider,
      deviceName: input.device_name?.trim() ?? null,
    });
    return { device: mapDeviceToken(device), created };
  }

  remove(auth: AuthContext, token: string): Promise<void> {
    return this.devices.remove(auth.userId, token);
  }

  list(auth: AuthContext, request: PageRequest, urls: RequestUrls): Promise<Page<DeviceTokenDto>> {
    return paginate(
      request,
      {
        count: () => this.devices.count(auth.userId),
        rows: async (offset, limit) => (await this.devices.page(auth.userId, offset, limit)).map(mapDeviceToken),
      },
      urls,
    );
  }
}
