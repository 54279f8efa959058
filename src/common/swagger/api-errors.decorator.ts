import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ErrorDetailDto, ValidationErrorDto } from './error.dto.js';

const VALIDATION_SCHEMA: SchemaObject = {
  description:
    'Per-field validation errors: each key is a field name, each value a list of messages (an object for a nested field); ' +
    'or `{"detail": "..."}` when the body is not JSON the API can read.',
  anyOf: [
    {
      allOf: [{ $ref: getSchemaPath(ValidationErrorDto) }],
      additionalProperties: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object' }] },
    },
    { $ref: getSchemaPath(ErrorDetailDto) },
  ],
  example: { title: ['This field may not be blank.'], price_override_usd: ['Ensure this value is greater than 0.'] },
};

/**
 * 400 with per-field messages, as the overview documents. `alternative`: a response DTO the operation also answers
 * its 400 with (a batch that stored nothing); `example`: an example of the operation's own errors.
 */
export const ApiValidationError = (
  description = 'Invalid input; nothing was changed.',
  options: { alternative?: Type<unknown>; example?: Record<string, unknown> } = {},
) => {
  const { alternative, example } = options;
  const schema: SchemaObject = {
    ...VALIDATION_SCHEMA,
    ...(alternative ? { anyOf: [...VALIDATION_SCHEMA.anyOf!, { $ref: getSchemaPath(alternative) }] } : {}),
    ...(example ? { example } : {}),
  };
  return applyDecorators(
    ApiExtraModels(ValidationErrorDto, ErrorDetailDto, ...(alternative ? [alternative] : [])),
    ApiResponse({ status: 400, description, schema }),
  );
};

/** 404 `{"detail": "Not found."}`: by default, the resource does not exist or belongs to another organization. */
export const ApiNotFound = (description = 'Not found, or owned by another organization.') =>
  ApiResponse({ status: 404, description, type: ErrorDetailDto });

/** Errors any operation may answer: 429 and 500. */
export const ApiCommonErrors = () =>
  applyDecorators(
    ApiResponse({
      status: 429,
      description: 'Throttled; `Retry-After` says how many seconds to wait.',
      type: ErrorDetailDto,
    }),
    ApiResponse({ status: 500, description: 'Unexpected server error (logged with the request id).', type: ErrorDetailDto }),
  );

/** Errors every authenticated operation may answer: 401, 429 and 500. */
export const ApiAuthErrors = () =>
  applyDecorators(
    ApiResponse({ status: 401, description: 'Credentials missing, invalid or logged out.', type: ErrorDetailDto }),
    ApiCommonErrors(),
  );
