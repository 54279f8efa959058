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
  ])('rejects a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
