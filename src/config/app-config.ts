import { join } from 'node:path';
import { parseEncryptionKey } from '../infra/crypto/secret-box.js';

export type AppRole = 'api' | 'worker' | 'all';

/** Every setting the service reads, parsed and validated once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  role: AppRole;
  /** PostgreSQL connection string; absent means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Redis connection string; absent means jobs run in-process and throttling is per process. */
  redisUrl: string | null;
  /** Prefix of every Redis key this process writes (queues, throttle counters). */
  redisPrefix: string;
  runMigrations: boolean;
  throttlePerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Honour X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  bodyLimitBytes: number;
  trialDays: number;
  /** How often a worker looks for listings whose job was never queued (a stop between recording and queuing), in seconds. */
  listingRecoveryIntervalS: number;
  /** How long a listing waits in in_progress/delisting before its job is queued again (deduplicated by its job id), in seconds. */
  listingRecoveryAfterS: number;
  /** Largest uploaded file (images), in bytes; uploads are held in memory while they are processed. */
  mediaMaxBytes: number;
  /** Largest inventory CSV upload (the request as sent), in bytes; the file is parsed as it streams, never held whole. */
  csvImportMaxBytes: number;
  /** Largest digital asset upload (the request as sent), in bytes; the file streams to private storage, never held whole. */
  digitalMaxBytes: number;
  /** Days a digital purchase's download link works for. */
  digitalLinkTtlDays: number;
  /** How many times a buyer may download each asset of a purchase (a resumed range is not a new download). */
  digitalDownloadLimit: number;
  /** Requests one IP address may make to the public download routes in a minute. */
  digitalDownloadRequestsPerMinute: number;
  /** Base URL of the service as users reach it (links in emails); absent means http://localhost:<port>. */
  publicUrl: string;
  /** SMTP server mail goes out through (`smtp://user:pass@host:port`); absent means mail is kept in the outbox table and logged. */
  smtpUrl: string | null;
  /** The From address of every email. */
  mailFrom: string;
  /** Where support requests from users are emailed (default: the MAIL_FROM address). */
  supportEmail: string;
  /** Sign in with Apple: the expected `aud` of identity tokens (the app's bundle id or services id); absent disables it (503). */
  appleClientId: string | null;
  /** Where Apple's identity-token signing keys are published. */
  appleJwksUrl: string;
  /** PEM file of the Apple root certificate App Store signed transactions chain to; absent disables in-app purchases (503). */
  appleRootCertPath: string | null;
  /** The app's bundle id: App Store transactions and notifications of another app are refused; absent means not checked. */
  appleBundleId: string | null;
  /** Stripe secret API key; absent disables Stripe billing (503). */
  stripeSecretKey: string | null;
  /** Stripe webhook signing secret (`whsec_...`); absent disables the webhook (503). */
  stripeWebhookSecret: string | null;
  /** Stripe API base URL (a local fake in tests). */
  stripeApiUrl: string;
  /** The key marketplace credentials are encrypted with (ENCRYPTION_KEY); absent means the key file under DATA_DIR. */
  encryptionKey: Buffer | null;
  /** Discogs API base URL (a local fake in tests). */
  discogsApiUrl: string;
  /** Where a browser is sent once a marketplace connection succeeded (`?platform=&account=` added); absent means a small page of ours. */
  connectSuccessUrl: string | null;
  /** eBay application keys and RuName (OAuth redirect name); absent ones make connecting eBay a 503 naming them. */
  ebayClientId: string | null;
  ebayClientSecret: string | null;
  ebayRuName: string | null;
  /** eBay's OAuth consent host, REST API host and Identity API host (local fakes in tests). */
  ebayAuthUrl: string;
  ebayApiUrl: string;
  ebayIdentityUrl: string;
  /** eBay's Media API host, where listing pictures are uploaded (a local fake in tests). */
  ebayMediaUrl: string;
  /** Discogs application consumer key and secret (OAuth 1.0a); absent ones make connecting Discogs by OAuth a 503 naming them. */
  discogsConsumerKey: string | null;
  discogsConsumerSecret: string | null;
  /** Discogs website, where sellers authorize the application (a local fake in tests). */
  discogsWebUrl: string;
  /** Etsy app keystring (the OAuth client id) and shared secret; absent ones make Etsy a 503 naming them. */
  etsyApiKey: string | null;
  etsySharedSecret: string | null;
  /** Etsy Open API host (token endpoint and `/v3/application`) and the web host of the consent page (local fakes in tests). */
  etsyApiUrl: string;
  etsyWebUrl: string;
  /** Shopify app's client id and secret; absent ones make connecting Shopify a 503 naming them. */
  shopifyApiKey: string | null;
  shopifyApiSecret: string | null;
  /** The GraphQL Admin API version every call names (`2025-10`). */
  shopifyApiVersion: string;
  /** A shop's base URL, `{shop}` standing for its myshopify.com domain (a local fake in tests). */
  shopifyShopUrlTemplate: string;
  /**
   * Per API platform, the origins its listing pictures are served from: an import downloads pictures from these only
   * (`*_IMAGE_ORIGINS`, comma-separated; local fakes in tests).
   */
  pictureOrigins: Record<'discogs' | 'ebay' | 'etsy' | 'shopify', string[]>;
  /** How often every live marketplace connection's orders are synced, in seconds. */
  orderSyncIntervalS: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const lowered = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
  if (['0', 'false', 'no', 'off'].includes(lowered)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.map((p) => `${p}//`).join(' or ')}, got "${parsed.protocol}//"`);
  }
  return raw;
}

/** An http(s) base URL without its trailing slashes (paths are appended to it). */
function baseUrl(env: Env, name: string, fallback: string): string {
  return (url(env, name, ['http:', 'https:']) ?? fallback).replace(/\/+$/, '');
}

function encryptionKey(env: Env): Buffer | null {
  const raw = text(env, 'ENCRYPTION_KEY');
  if (raw === null) return null;
  const key = parseEncryptionKey(raw);
  if (!key) throw new ConfigError('ENCRYPTION_KEY', 'must be 32 bytes as 64 hex digits or base64');
  return key;
}

/** An http(s) URL template with `{shop}` in it, without its trailing slashes. */
function shopUrlTemplate(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  if (!raw.includes('{shop}')) throw new ConfigError(name, 'must contain {shop}');
  let parsed: URL;
  try {
    parsed = new URL(raw.replaceAll('{shop}', 'example.myshopify.com'));
  } catch {
    throw new ConfigError(name, 'must be a URL with {shop} in it');
  }
  if (!['http:', 'https:'].includes(parsed.protocol))
    throw new ConfigError(name, `must use http:// or https://, got "${parsed.protocol}//"`);
  return raw.replace(/\/+$/, '');
}

function apiVersion(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  if (!/^(\d{4}-\d{2}|unstable)$/.test(raw)) throw new ConfigError(name, `must be a version like 2025-10, got "${raw}"`);
  return raw;
}

/** A comma-separated list of http(s) origins (`https://i.discogs.com,https://img.discogs.com`), each reduced to its origin. */
function origins(env: Env, name: string, fallback: string[]): string[] {
  const raw = text(env, name);
  if (raw === null) return fallback;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let parsed: URL;
      try {
        parsed = new URL(entry);
      } catch {
        throw new ConfigError(name, `must list http(s) origins separated by commas, got "${entry}"`);
      }
      if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError(name, `must list http(s) origins, got "${entry}"`);
      return parsed.origin;
    });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const mailFrom = text(env, 'MAIL_FROM') ?? 'Instica <no-reply@localhost>';
  return {
    port,
    host: text(env, 'HOST') ?? '0.0.0.0',
    role: oneOf(env, 'APP_ROLE', ['api', 'worker', 'all'] as const, 'all'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: text(env, 'DATA_DIR') ?? join(process.cwd(), 'data'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: text(env, 'REDIS_PREFIX') ?? 'instica',
    runMigrations: boolean(env, 'RUN_MIGRATIONS', true),
    throttlePerMinute: integer(env, 'THROTTLE_PER_MINUTE', 1000, 1, 1_000_000),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 1_073_741_824),
    trialDays: integer(env, 'TRIAL_DAYS', 14, 0, 3650),
    listingRecoveryIntervalS: integer(env, 'LISTING_RECOVERY_INTERVAL_S', 60, 1, 86_400),
    listingRecoveryAfterS: integer(env, 'LISTING_RECOVERY_AFTER_S', 300, 0, 86_400),
    mediaMaxBytes: integer(env, 'MEDIA_MAX_BYTES', 10_485_760, 1024, 268_435_456),
    csvImportMaxBytes: integer(env, 'CSV_IMPORT_MAX_BYTES', 52_428_800, 1024, 1_073_741_824),
    digitalMaxBytes: integer(env, 'DIGITAL_MAX_BYTES', 2_147_483_648, 1024, 1_099_511_627_776),
    digitalLinkTtlDays: integer(env, 'DIGITAL_LINK_TTL_DAYS', 30, 1, 3650),
    digitalDownloadLimit: integer(env, 'DIGITAL_DOWNLOAD_LIMIT', 5, 1, 1000),
    digitalDownloadRequestsPerMinute: integer(env, 'DIGITAL_DOWNLOAD_REQUESTS_PER_MINUTE', 60, 1, 100_000),
    publicUrl: baseUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    supportEmail: text(env, 'SUPPORT_EMAIL') ?? mailFrom,
    appleClientId: text(env, 'APPLE_CLIENT_ID'),
    appleJwksUrl: baseUrl(env, 'APPLE_JWKS_URL', 'https://appleid.apple.com/auth/keys'),
    appleRootCertPath: text(env, 'APPLE_ROOT_CERT_PATH'),
    appleBundleId: text(env, 'APPLE_BUNDLE_ID'),
    stripeSecretKey: text(env, 'STRIPE_SECRET_KEY'),
    stripeWebhookSecret: text(env, 'STRIPE_WEBHOOK_SECRET'),
    stripeApiUrl: baseUrl(env, 'STRIPE_API_URL', 'https://api.stripe.com'),
    encryptionKey: encryptionKey(env),
    discogsApiUrl: baseUrl(env, 'DISCOGS_API_URL', 'https://api.discogs.com'),
    connectSuccessUrl: url(env, 'CONNECT_SUCCESS_URL', ['http:', 'https:']),
    ebayClientId: text(env, 'EBAY_CLIENT_ID'),
    ebayClientSecret: text(env, 'EBAY_CLIENT_SECRET'),
    ebayRuName: text(env, 'EBAY_RU_NAME'),
    ebayAuthUrl: baseUrl(env, 'EBAY_AUTH_URL', 'https://auth.ebay.com'),
    ebayApiUrl: baseUrl(env, 'EBAY_API_URL', 'https://api.ebay.com'),
    ebayIdentityUrl: baseUrl(env, 'EBAY_IDENTITY_URL', 'https://apiz.ebay.com'),
    ebayMediaUrl: baseUrl(env, 'EBAY_MEDIA_URL', 'https://apim.ebay.com'),
    discogsConsumerKey: text(env, 'DISCOGS_CONSUMER_KEY'),
    discogsConsumerSecret: text(env, 'DISCOGS_CONSUMER_SECRET'),
    discogsWebUrl: baseUrl(env, 'DISCOGS_WEB_URL', 'https://www.discogs.com'),
    etsyApiKey: text(env, 'ETSY_API_KEY'),
    etsySharedSecret: text(env, 'ETSY_SHARED_SECRET'),
    etsyApiUrl: baseUrl(env, 'ETSY_API_URL', 'https://api.etsy.com'),
    etsyWebUrl: baseUrl(env, 'ETSY_WEB_URL', 'https://www.etsy.com'),
    shopifyApiKey: text(env, 'SHOPIFY_API_KEY'),
    shopifyApiSecret: text(env, 'SHOPIFY_API_SECRET'),
    shopifyApiVersion: apiVersion(env, 'SHOPIFY_API_VERSION', '2025-10'),
    shopifyShopUrlTemplate: shopUrlTemplate(env, 'SHOPIFY_SHOP_URL_TEMPLATE', 'https://{shop}'),
    pictureOrigins: {
      discogs: origins(env, 'DISCOGS_IMAGE_ORIGINS', ['https://i.discogs.com', 'https://img.discogs.com']),
      ebay: origins(env, 'EBAY_IMAGE_ORIGINS', ['https://i.ebayimg.com']),
      etsy: origins(env, 'ETSY_IMAGE_ORIGINS', ['https://i.etsystatic.com']),
      shopify: origins(env, 'SHOPIFY_IMAGE_ORIGINS', ['https://cdn.shopify.com']),
    },
    orderSyncIntervalS: integer(env, 'ORDER_SYNC_INTERVAL_S', 300, 10, 86_400),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
