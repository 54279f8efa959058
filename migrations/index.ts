import { Foundation1764620000000 } from './1764620000000-foundation.js';

/** Every migration, in order; listed explicitly so that the app, the CLI and the tests agree. */
export const MIGRATIONS = [Foundation1764620000000];
