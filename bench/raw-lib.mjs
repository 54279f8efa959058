// What the raw baseline servers share (bench/raw-products-server.mjs, bench/raw-inventory-server.mjs): plain Fastify
// and pg, the service's bearer token look-up (its SQL text), its query parameter parsing, pagination and envelope.
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';

// src/modules/auth/auth.repository.ts
const TOKEN_SQL = `SELECT t.id AS token_id, u.id AS user_id, u.uid AS user_uid, u.organization_id, u.role,
              COALESCE(p.timezone, 'UTC') AS time_zone
         FROM auth_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_preferences p ON p.user_id = u.id
        WHERE t.token_hash = $1`;

// src/common/pagination/pagination.ts
const MAX_PAGE_SIZE = 100;

// src/modules/inventory/inventory.rules.ts
const STATUS_DISPLAY = {
  draft: 'Draft',
  purchased: 'Purchased',
  received: 'Received',
  'ready-to-sell': 'Ready to Sell',
  listed: 'Listed',
  sold: 'Sold',
  cancelled: 'Cancelled',
};
const CONDITIONS = {
  mint: { label: 'M', tier: 'excellent' },
  nm: { label: 'NM', tier: 'excellent' },
  vg_plus: { label: 'VG+', tier: 'good' },
  vg: { label: 'VG', tier: 'good' },
  good_plus: { label: 'G+', tier: 'fair' },
  good: { label: 'G', tier: 'fair' },
  fair: { label: 'F', tier: 'poor' },
  poor: { label: 'P', tier: 'poor' },
};
const CONTAINER_STATES = { generic: 'Generic', not_graded: 'Not Graded', no_cover: 'No Cover' };
const GRADE_TIERS = { excellent: 'Excellent', good: 'Good', fair: 'Fair', poor: 'Poor' };

export function statusDisplay(status) {
  return STATUS_DISPLAY[status] ?? status;
}

export function conditionDisplay(condition) {
  if (condition === null) return null;
  return CONDITIONS[condition]?.label ?? CONTAINER_STATES[condition] ?? condition;
}

export function gradeTier(condition) {
  const tier = condition === null ? undefined : CONDITIONS[condition]?.tier;
  return tier ? { code: tier, label: GRADE_TIERS[tier] } : null;
}

export function itemTitle(name, productTitle, condition) {
  if (name?.trim()) return name.trim();
  const grade = conditionDisplay(condition);
  return grade ? `${productTitle} - ${grade}` : productTitle;
}

/** The first `[source, value]` whose value is not blank, trimmed, as `{value, source}`. */
export function firstTrimmed(candidates) {
  for (const [source, value] of candidates) if (value?.trim()) return { value: value.trim(), source };
  return { value: null, source: null };
}

export function resolvedSku(manualSku, productSku, catalogNumber) {
  return firstTrimmed([
    ['manual', manualSku],
    ['product', productSku],
    ['catalog_number', catalogNumber],
  ]);
}

export class HttpError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** `%text%` for LIKE, the text lowercased (the search columns are) and its wildcards escaped. */
export function containsPattern(text) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function queryBoolean(value) {
  if (value === undefined) return undefined;
  const text = String(value).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new HttpError(400, 'Must be a valid boolean.');
}

/** A comma-separated or repeated parameter (src/common/validation/fields.ts QueryList). */
export function queryList(value) {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((part) => String(part).split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The URL path of a stored file (src/infra/storage/local-disk.storage.ts). */
export function mediaPath(key) {
  return `/media/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function pageRequest(query, defaultSize) {
  const raw = query.page_size;
  const size = Number(raw);
  const pageSize = raw === undefined || !Number.isInteger(size) || size < 1 ? defaultSize : Math.min(size, MAX_PAGE_SIZE);
  const page = query.page === undefined || query.page === '' ? 1 : Number(query.page);
  if (!Number.isSafeInteger(page) || page < 1) throw new HttpError(404, 'Invalid page.');
  return { page, pageSize, offset: (page - 1) * pageSize };
}

async function organizationOf(pool, authorization) {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (!/^bearer$/i.test(scheme ?? '') || !token) throw new HttpError(401, 'Authentication credentials were not provided.');
  const { rows } = await pool.query(TOKEN_SQL, [createHash('sha256').update(token, 'utf8').digest('hex')]);
  if (rows.length === 0) throw new HttpError(401, 'Invalid token.');
  return rows[0].organization_id;
}

/**
 * Serves one paginated list at `path` on PORT/HOST against DATABASE_URL (a pool of 10, JIT off, as the service):
 * `setup(pool)` reads what the server caches and returns `count(organizationId, query)` and
 * `rows(organizationId, query, offset, limit, origin)`, read side by side as the service's `paginate` does.
 */
export async function serveList({ path, defaultPageSize, setup }) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c jit=off' });
  const source = await setup(pool);
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  app.get(path, async (request, reply) => {
    try {
      const organizationId = await organizationOf(pool, request.headers.authorization);
      const { query } = request;
      const page = pageRequest(query, defaultPageSize);
      const origin = `${request.protocol}://${request.host}`;
      const [total, results] = await Promise.all([
        source.count(organizationId, query),
        source.rows(organizationId, query, page.offset, page.pageSize, origin),
      ]);
      if (page.page > 1 && page.offset >= total) throw new HttpError(404, 'Invalid page.');
      const link = (number) => {
        const url = new URL(request.url, origin);
        url.searchParams.set('page', String(number));
        url.searchParams.sort();
        return url.toString();
      };
      const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
      return {
        count: total,
        next: page.page < lastPage ? link(page.page + 1) : null,
        previous: page.page > 1 ? link(Math.min(page.page - 1, lastPage)) : null,
        results,
      };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return reply.status(error.status).send({ detail: error.message });
    }
  });
  await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
}
