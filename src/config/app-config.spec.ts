import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      databaseUrl: null,
      redisUrl: null,
      runMigrations: true,
      throttlePerMinute: 1000,
      mediaMaxBytes: 10 * 1024 * 1024,
      csvImportMaxBytes: 50 * 1024 * 1024,
      publicUrl: 'http://localhost:3000',
      smtpUrl: null,
      appleClientId: null,
      appleJwksUrl: 'https://appleid.apple.com/auth/keys',
      appleRootCertPath: null,
      stripeSecretKey: null,
      stripeWebhookSecret: null,
      stripeApiUrl: 'https://api.stripe.com',
      encryptionKey: null,
      discogsApiUrl: 'https://api.discogs.com',
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      APP_ROLE: 'worker',
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h:6379',
      RUN_MIGRATIONS: 'false',
      THROTTLE_PER_MINUTE: '60',
      DATA_DIR: '/var/lib/instica',
      MEDIA_MAX_BYTES: '5242880',
      CSV_IMPORT_MAX_BYTES: '1048576',
      PUBLIC_URL: 'https://shop.example.com/',
      SMTP_URL: 'smtp://mailer:secret@mail.example.com:587',
      MAIL_FROM: 'Shop <shop@example.com>',
      SUPPORT_EMAIL: 'help@example.com',
      APPLE_CLIENT_ID: 'com.example.instica',
      APPLE_JWKS_URL: 'http://127.0.0.1:9000/auth/keys',
      APPLE_ROOT_CERT_PATH: '/etc/instica/AppleRootCA-G3.pem',
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_123',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
      ENCRYPTION_KEY: 'ab'.repeat(32),
      DISCOGS_API_URL: 'http://127.0.0.1:9100/',
    });
    expect(config).toMatchObject({
      port: 8080,
      role: 'worker',
      databaseUrl: 'postgres://u@h/db',
      redisUrl: 'redis://h:6379',
      runMigrations: false,
      throttlePerMinute: 60,
      dataDir: '/var/lib/instica',
      mediaMaxBytes: 5_242_880,
      csvImportMaxBytes: 1_048_576,
      publicUrl: 'https://shop.example.com',
      smtpUrl: 'smtp://mailer:secret@mail.example.com:587',
      mailFrom: 'Shop <shop@example.com>',
      supportEmail: 'help@example.com',
      appleClientId: 'com.example.instica',
      appleJwksUrl: 'http://127.0.0.1:9000/auth/keys',
      appleRootCertPath: '/etc/instica/AppleRootCA-G3.pem',
      stripeSecretKey: 'sk_test_123',
      stripeWebhookSecret: 'whsec_123',
      stripeApiUrl: 'http://127.0.0.1:12111',
      encryptionKey: Buffer.alloc(32, 0xab),
      discogsApiUrl: 'http://127.0.0.1:9100',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['APP_ROLE', 'web'],
    ['DATABASE_URL', 'mysql://h/db'],
    ['REDIS_URL', 'not a url'],
    ['RUN_MIGRATIONS', 'maybe'],
    ['THROTTLE_PER_MINUTE', '0'],
    ['LOG_LEVEL', 'loud'],
    ['MEDIA_MAX_BYTES', '10MB'],
    ['MEDIA_MAX_BYTES', '1.5'],
    ['MEDIA_MAX_BYTES', '100'],
    ['MEDIA_MAX_BYTES', '268435457'],
    ['CSV_IMPORT_MAX_BYTES', '50MB'],
    ['CSV_IMPORT_MAX_BYTES', '100'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['APPLE_JWKS_URL', 'not a url'],
    ['STRIPE_API_URL', 'stripe'],
    ['ENCRYPTION_KEY', 'short'],
    ['DISCOGS_API_URL', 'discogs'],
  ])('rejects a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
