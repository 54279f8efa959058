import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { throttled, ThrottleStore } from '../../infra/throttle/throttle-store.js';
import type { AuthContext } from '../auth/auth-context.js';

export const THROTTLE_WINDOW_MS = 60_000;

/**
 * The general throttle (THROTTLE_PER_MINUTE), per API key or user, per IP for anonymous calls.
 * Runs after authentication; sends `RateLimit-*` headers, and on 429 the documented body with `Retry-After`.
 * (Not @nestjs/throttler: its CommonJS build requires the ESM-only Nest 12 packages, which Jest cannot load.)
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly store: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthContext }>();
    const reply = http.getResponse<FastifyReply>();
    const limit = this.config.throttlePerMinute;
    const { hits, resetSeconds } = await this.store.hit(trackerOf(request), THROTTLE_WINDOW_MS);
    void reply.header('RateLimit-Limit', limit);
    void reply.header('RateLimit-Remaining', Math.max(0, limit - hits));
    void reply.header('RateLimit-Reset', resetSeconds);
    if (hits > limit) throw throttled(resetSeconds);
    return true;
  }
}

function trackerOf(request: FastifyRequest & { user?: AuthContext }): string {
  const auth = request.user;
  if (auth?.via.kind === 'api_key') return `key:${auth.via.apiKeyId}`;
  if (auth) return `user:${auth.userId}`;
  return `ip:${request.ip}`;
}
