import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: object };

/** OpenAPI 3.0 `nullable: true` as JSON Schema (which Ajv checks): the schema, or null. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const converted = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toJsonSchema(child)])) as Record<string, unknown>;
  if (converted.nullable !== true) return converted;
  const { nullable: _nullable, description, ...schema } = converted;
  return { description, anyOf: [schema, { type: 'null' }] };
}

const document = toJsonSchema(JSON.parse(readFileSync(join(process.cwd(), 'openapi', 'openapi.json'), 'utf8'))) as OpenApiDocument;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const compiled = new Map<string, ValidateFunction>();

const routes = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\/$/, '').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
}));

const UNROUTED_ERROR = { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } };

function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: document.components });
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Fails unless the response is documented in the committed openapi/openapi.json: its path, method and
 * status code, and a body that matches the documented schema (a documented non-JSON media type, a download, is
 * checked by its Content-Type alone). Unrouted paths may only answer errors.
 */
export function assertMatchesContract(
  method: string,
  url: string,
  status: number,
  body: unknown,
  text: string,
  contentType?: string,
): void {
  const path = new URL(url, 'http://localhost').pathname;
  const route = routes.find((candidate) => candidate.pattern.test(path));
  const where = `${method.toUpperCase()} ${path} -> ${status}`;
  if (!route) {
    if (status < 400) throw new Error(`Contract: ${where} is not in openapi/openapi.json`);
    const validate = validator('unrouted', UNROUTED_ERROR);
    if (!validate(body)) throw new Error(`Contract: ${where} error body ${text} is not {"detail": ...}`);
    return;
  }
  const operation = document.paths[route.template][method.toLowerCase()];
  if (!operation) {
    if (status === 404 || status === 405) return;
    throw new Error(`Contract: ${where}: method not documented for ${route.template}`);
  }
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`Contract: ${where}: status ${status} is not documented for ${route.template}`);
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType && mediaType !== 'application/json' && (response.content?.[mediaType] || response.content?.['*/*'])) {
    // A documented download (text/csv, or `*/*`: a file served with its own type): its media type is the contract; the body is not JSON to check.
    return;
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    if (text && text.length > 0) throw new Error(`Contract: ${where}: documented without a body but answered ${text}`);
    return;
  }
  const validate = validator(`${method} ${route.template} ${status}`, schema);
  if (!validate(body)) {
    throw new Error(`Contract: ${where}: body does not match the schema: ${ajv.errorsText(validate.errors)}\n${text}`);
  }
}
