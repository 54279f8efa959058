import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from './common/auth/decorators.js';
import { API_KEY_HEADER } from './common/auth/auth-context.js';
import { ErrorDetailDto, ValidationErrorDto } from './common/swagger/error.dto.js';

const DESCRIPTION = `Back office of resellers of records, CDs and prints: products, condition-graded inventory,
cross-listing on marketplaces, orders and profit.

Authenticate with \`X-API-Key: <key>\` (create one at \`POST /api/v1/api-keys/\`) or
\`Authorization: Bearer <token>\` (from \`POST /api/auth/login/\` or registration).
Lists are paginated as \`{count, next, previous, results}\` with \`page\` and \`page_size\` (at most 100).
Errors: 400 \`{"field": ["message"], "non_field_errors": [...]}\` (\`{"detail": "JSON parse error - ..."}\` for a body that
is not JSON); other errors \`{"detail": "..."}\`.`;

/**
 * Fastify reads a body on these methods for every route, before any guard or handler runs: an operation
 * that declares none still answers these (an operation's own 400 already covers unreadable JSON).
 */
const BODY_METHODS = ['post', 'put', 'patch', 'delete'];
const ERROR_DETAIL = { 'application/json': { schema: { $ref: getSchemaPath(ErrorDetailDto) } } };
const BODY_ERRORS = {
  400: {
    description: 'The body is not valid JSON (or empty with `Content-Type: application/json`): `{"detail": "JSON parse error - ..."}`.',
    content: ERROR_DETAIL,
  },
  413: { description: 'The body is larger than the server accepts (`BODY_LIMIT_BYTES`).', content: ERROR_DETAIL },
  415: { description: 'The body has a `Content-Type` this operation does not read.', content: ERROR_DETAIL },
};
/** The request-input hook refuses a null character in any query parameter of any route, one it reads or not. */
const QUERY_ERRORS = {
  400: {
    description: 'A query parameter holds a null character: `{"<parameter>": ["Null characters are not allowed."]}`.',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ValidationErrorDto) } } },
  },
};

/** The OpenAPI document, with keys sorted so that the committed file changes only when the API does. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Instica API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative, so that "Try it out" calls whichever host serves the Swagger UI.
    .addServer('/', 'The host serving this document.')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'An API key from /api/v1/api-keys/.' }, 'api_key')
    // addSecurity, not addBearerAuth: that one adds `bearerFormat: JWT`, and our tokens are opaque.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'An opaque token from login or registration, valid until logout.',
    })
    .addSecurityRequirements('api_key')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // Nest normalises routes without their trailing slash; the documented paths keep it (both are served).
  document.paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path.endsWith('/') ? path : `${path}/`, item]));
  for (const [method, operation] of Object.values(document.paths).flatMap((path) => Object.entries(path))) {
    if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
    if (operation[PUBLIC_EXTENSION]) {
      delete operation[PUBLIC_EXTENSION];
      delete operation[ROLES_EXTENSION];
      operation.security = [];
    }
    operation.responses = { ...QUERY_ERRORS, ...(BODY_METHODS.includes(method) ? BODY_ERRORS : {}), ...operation.responses };
    for (const parameter of operation.parameters ?? []) {
      if ('in' in parameter && parameter.in === 'query') parameter.schema = listAsArray(parameter.schema);
    }
  }
  return sortKeys(normalizeNullable(document)) as OpenAPIObject;
}

/**
 * A list query parameter (`@QueryList()` on a `string[]`) declared with `type: String` keeps the `items`
 * the CLI plugin infers, which no scalar may carry: it is an array, sent repeated or comma-separated.
 */
function listAsArray(schema: SchemaObject | ReferenceObject | undefined): SchemaObject | ReferenceObject | undefined {
  if (!schema || '$ref' in schema || !schema.items || schema.type === 'array') return schema;
  return { ...schema, type: 'array' };
}

/**
 * OpenAPI 3.0 ignores siblings of `$ref`, so a nullable reference must be `allOf: [$ref]` with `nullable`;
 * and a nullable enum must list null among its values. Nest's generator writes neither.
 */
function normalizeNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeNullable);
  if (value === null || typeof value !== 'object') return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, normalizeNullable(child)])) as Record<
    string,
    unknown
  >;
  if (schema.nullable === true && typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    return { ...rest, allOf: [{ $ref }] };
  }
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    return { ...schema, enum: [...schema.enum, null] };
  }
  return schema;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
