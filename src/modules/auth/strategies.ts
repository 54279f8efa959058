import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { API_KEY_HEADER, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiKeysService } from '../api-keys/index.js';
import { AuthService } from './auth.service.js';

export const BEARER = 'bearer';
export const API_KEY = 'api-key';

/** `Authorization: Bearer <token>` from login or registration. */
@Injectable()
export class BearerTokenStrategy extends PassportStrategy(BearerStrategy, BEARER) {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(token: string): Promise<AuthContext | false> {
    return (await this.auth.authenticateToken(token)) ?? false;
  }
}

/** `X-API-Key: <key>` for integrations. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, API_KEY) {
  constructor(private readonly apiKeys: ApiKeysService) {
    super({ header: API_KEY_HEADER, prefix: '' }, false);
  }

  async validate(key: string): Promise<AuthContext | false> {
    return (await this.apiKeys.authenticate(key)) ?? false;
  }
}
