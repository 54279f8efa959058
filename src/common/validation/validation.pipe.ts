import { HttpException, type Type, ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidatorOptions } from 'class-validator';
import { FieldErrors, ValidationFailed } from '../errors/error-response.js';
import { Msg } from '../errors/messages.js';
import { cacheValidationMetadata } from './metadata-cache.js';

// Here, since every validation (requests, CSV rows in the worker) goes through this module.
cacheValidationMetadata(getMetadataStorage());

/** Constraints whose message needs no argument, worded as the API documents them. */
const WORDING: Record<string, string> = {
  isString: Msg.string,
  isBoolean: Msg.boolean,
  isInt: Msg.integer,
  isEmail: Msg.email,
  isObject: Msg.object,
  isArray: Msg.list,
  isUrl: Msg.url,
  isNotEmpty: Msg.blank,
  isDefined: Msg.required,
};

/** Checked first: a value of the wrong type gets only that message, whatever else it fails. */
const TYPE_CHECKS = ['isString', 'isBoolean', 'isInt', 'isNumber', 'isArray', 'isObject', 'isEmail', 'isUrl'];

/** One message per field, as the documented examples show: missing, null, wrong type, then the rest. */
function messagesOf(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  const keys = Object.keys(constraints);
  if (error.value === undefined && keys.includes('isDefined')) return [Msg.required];
  if (error.value === null) return [Msg.notNull];
  if (error.value === '' && keys.includes('isNotEmpty')) return [Msg.blank];
  const first = TYPE_CHECKS.find((key) => keys.includes(key)) ?? keys[0];
  return [WORDING[first] ?? constraints[first]];
}

/** class-validator errors -> `{"field": ["msg"]}`, nested objects and list items keyed as sent. */
export function toFieldErrors(errors: ValidationError[]): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      result[error.property] = messagesOf(error);
    } else if (error.children?.length) {
      result[error.property] = toFieldErrors(error.children);
    }
  }
  return result;
}

/** How every input is validated: unknown and read-only fields stripped, messages from the values as sent. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: true },
};

const INVALID_INPUT = 'Invalid input.';

/**
 * One plain object (a CSV row, not a request) as the DTO `metatype`, transformed and validated exactly as the global
 * pipe does a body, synchronously (the DTOs' validators are); a validator that throws is an error, not an exception.
 */
export function validateInput<T extends object>(metatype: Type<T>, plain: Record<string, unknown>): { value: T } | { errors: FieldErrors } {
  try {
    const value = plainToInstance(metatype, plain);
    const errors = validateSync(value, VALIDATOR_OPTIONS);
    return errors.length > 0 ? { errors: toFieldErrors(errors) } : { value };
  } catch {
    return { errors: { non_field_errors: [INVALID_INPUT] } };
  }
}

/**
 * The global pipe: unknown and read-only fields are stripped (never written), and a validator that
 * throws on hostile input becomes a 400 rather than a 500.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => new ValidationFailed(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && !isPlainObject(value) && isDto(metadata.metatype)) {
      throw new ValidationFailed({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      throw new ValidationFailed({ non_field_errors: [INVALID_INPUT] });
    }
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDto(metatype: unknown): boolean {
  return ![String, Boolean, Number, Array, Object].includes(metatype as never);
}
