import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATION_ROLES, type OrganizationRole } from '../../src/common/auth/roles.js';

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  examples?: unknown;
  schema?: { example?: unknown; examples?: unknown; default?: unknown };
}
interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, { description?: string }>;
  'x-roles'?: OrganizationRole[];
}
interface Document {
  security?: unknown[];
  paths: Record<string, Record<string, Operation>>;
}

const document = JSON.parse(readFileSync(join(process.cwd(), 'openapi', 'openapi.json'), 'utf8')) as Document;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, method, operation })),
);
/** Fastify reads a body on these methods for every route, so each can answer 400 (unreadable JSON), 413 and 415. */
const BODY_METHODS = ['post', 'put', 'patch', 'delete'];
/**
 * Query parameters whose default only picks a page, an order or the length of a series (the analytics `days`: the
 * default is the server's own), never which of the caller's records are shown.
 */
const NON_FILTERING = ['page', 'page_size', 'ordering', 'days'];

function isAuthenticated(operation: Operation): boolean {
  return (operation.security ?? document.security ?? []).length > 0;
}

/** The statuses the HTTP layer, the guards and the pipes can answer for this operation. */
function requiredStatuses(method: string, operation: Operation): string[] {
  const parameters = operation.parameters ?? [];
  const statuses = ['429', '500']; // the throttle guard and the error filter cover every route, public ones too
  if (parameters.some((parameter) => parameter.in === 'query') || operation.requestBody || BODY_METHODS.includes(method)) {
    statuses.push('400');
  }
  if (isAuthenticated(operation)) statuses.push('401');
  if ((operation['x-roles'] ?? ORGANIZATION_ROLES).length < ORGANIZATION_ROLES.length) statuses.push('403');
  if (parameters.some((parameter) => parameter.in === 'path')) statuses.push('404');
  if (parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'page')) statuses.push('404');
  if (BODY_METHODS.includes(method)) statuses.push('413', '415');
  return [...new Set(statuses)];
}

describe('The committed openapi/openapi.json', () => {
  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('declares every status each operation can answer', () => {
    const missing = operations.flatMap(({ where, method, operation }) =>
      requiredStatuses(method, operation)
        .filter((status) => !operation.responses[status])
        .map((status) => `${where}: ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it('says which roles each authenticated operation is open to (the role guard denies a route that declares none)', () => {
    const undeclared = operations.filter(({ operation }) => isAuthenticated(operation) && !operation['x-roles']?.length);
    expect(undeclared.map(({ where }) => where)).toEqual([]);
    const unknown = operations.flatMap(({ operation }) => operation['x-roles'] ?? []).filter((role) => !ORGANIZATION_ROLES.includes(role));
    expect(unknown).toEqual([]);
  });

  it('declares the "Invalid page." 404 on every paginated list', () => {
    const paginated = operations.filter(({ operation }) => operation.parameters?.some((p) => p.in === 'query' && p.name === 'page'));
    expect(paginated.length).toBeGreaterThan(0);
    const undocumented = paginated.filter(({ operation }) => !operation.responses['404']?.description?.includes('Invalid page.'));
    expect(undocumented.map(({ where }) => where)).toEqual([]);
  });

  it('gives every operation a summary and every response a description', () => {
    const missing = operations.flatMap(({ where, operation }) => [
      ...(operation.summary?.trim() ? [] : [`${where}: summary`]),
      ...Object.entries(operation.responses)
        .filter(([, response]) => !response.description?.trim())
        .map(([status]) => `${where} ${status}: description`),
    ]);
    expect(missing).toEqual([]);
  });

  it('has no query parameter value that "Try it out" would submit unasked', () => {
    const prefilled = operations.flatMap(({ where, operation }) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .filter(
          (parameter) =>
            parameter.example !== undefined ||
            parameter.examples !== undefined ||
            parameter.schema?.example !== undefined ||
            parameter.schema?.examples !== undefined ||
            (parameter.schema?.default !== undefined && !NON_FILTERING.includes(parameter.name)),
        )
        .map((parameter) => `${where} ?${parameter.name}`),
    );
    expect(prefilled).toEqual([]);
  });
});
