import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from './common/auth/decorators.js';
import { API_KEY_HEADER } from './common/auth/auth-context.js';

const DESCRIPTION = `Back office of resellers of records, CDs and prints: products, condition-graded inventory,
cross-listing on marketplaces, orders and profit.

Authenticate with \`X-API-Key: <key>\` (create one at \`POST /api/v1/api-keys/\`) or
\`Authorization: Bearer <token>\` (from \`POST /api/auth/login/\` or registration).
Lists are paginated as \`{count, next, previous, results}\` with \`page\` and \`page_size\` (at most 100).
Errors: 400 \`{"field": ["message"], "non_field_errors": [...]}\`; other errors \`{"detail": "..."}\`.`;

/** The OpenAPI document, with keys sorted so that the committed file changes only when the API does. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Instica API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'An API key from /api/v1/api-keys/.' }, 'api_key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token from login or registration.' }, 'bearer')
    .addSecurityRequirements('api_key')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // Nest normalises routes without their trailing slash; the documented paths keep it (both are served).
  document.paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path.endsWith('/') ? path : `${path}/`, item]));
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Array<Record<string, unknown>>) {
      if (operation && typeof operation === 'object' && operation[PUBLIC_EXTENSION]) {
        delete operation[PUBLIC_EXTENSION];
        operation.security = [];
      }
    }
  }
  return sortKeys(normalizeNullable(document)) as OpenAPIObject;
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
