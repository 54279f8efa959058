import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { APPLE_ISSUER, appleEmail, appleEmailVerified, type AppleIdentity, AppleMsg } from './apple-sign-in.rules.js';

/** Apple signs identity tokens with RS256 only; any other `alg` is refused before a key is looked up. */
const APPLE_ALGORITHMS = ['RS256'];
/** Clocks differ a little between Apple, the device and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** The key set could not be read (unreachable, failing or not a key set): not the token's fault. */
class AppleKeysUnavailable extends Error {}

/**
 * Verifies Sign in with Apple identity tokens: the signature against Apple's published keys (APPLE_JWKS_URL, fetched
 * by jose, cached and refetched when a token names a key it does not know), `iss`, `aud` (APPLE_CLIENT_ID) and expiry.
 */
@Injectable()
export class AppleIdentityVerifier {
  private readonly logger = new Logger('AppleIdentityVerifier');
  private readonly keys: JWTVerifyGetKey;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const remote = createRemoteJWKSet(new URL(config.appleJwksUrl));
    this.keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // No key (or several) for the token's `kid`/`alg` is the token's problem; anything else is reading the set.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        if (error instanceof errors.JOSENotSupported) throw error;
        throw new AppleKeysUnavailable((error as Error).message, { cause: error });
      }
    };
  }

  /** The identity, or a 400 on `identity_token` saying what is wrong with it; 503 when this cannot be checked now. */
  async verify(identityToken: string): Promise<AppleIdentity> {
    const clientId = this.config.appleClientId;
    if (!clientId) throw new DetailError(503, AppleMsg.notConfigured);
    try {
      const { payload } = await jwtVerify(identityToken, this.keys, {
        algorithms: APPLE_ALGORITHMS,
        issuer: APPLE_ISSUER,
        audience: clientId,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
        throw new ValidationFailed({ identity_token: [AppleMsg.invalidClaims] });
      }
      return { sub: payload.sub, email: appleEmail(payload['email']), emailVerified: appleEmailVerified(payload['email_verified']) };
    } catch (error) {
      if (error instanceof AppleKeysUnavailable) {
        this.logger.warn(`Apple's keys could not be read from ${this.config.appleJwksUrl}: ${error.message}`);
        throw new DetailError(503, AppleMsg.keysUnavailable);
      }
      if (error instanceof errors.JOSEError) throw new ValidationFailed({ identity_token: [refusal(error)] });
      throw error;
    }
  }
}

function refusal(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return AppleMsg.expired;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return AppleMsg.wrongIssuer;
    if (error.claim === 'aud') return AppleMsg.wrongAudience;
    return AppleMsg.invalidClaims;
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return AppleMsg.badSignature;
  }
  return AppleMsg.malformed;
}
