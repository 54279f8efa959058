import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';
import { Msg } from '../errors/messages.js';

/** A phone number in E.164: `+`, a country code that does not start with 0, 7 to 15 digits in all (`+14155550123`). */
export const E164_PHONE = /^\+[1-9]\d{6,14}$/;

/** Validates only when the field is sent: an absent field is fine, an explicit null is not. */
export const NotNullIfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A money amount: a decimal string or a JSON number with at most 2 decimals and `maxDigits` digits in all (12 by default),
 * normalized to a string so it is never handled as a binary float. `positive` requires > 0; a negative amount is refused
 * unless `allowNegative` says so (given the object, for an amount whose sign another field gives a meaning to).
 */
export function IsMoney(options: { positive?: boolean; maxDigits?: number; allowNegative?: (object: object) => boolean } = {}) {
  const maxDigits = options.maxDigits ?? 12;
  const problem = (value: unknown, object: object) =>
    moneyProblem(value, maxDigits, options.positive ?? false, options.allowNegative?.(object) ?? false);
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isMoney',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown, args?: ValidationArguments) => problem(value, args?.object ?? {}) === null,
          defaultMessage: (args?: ValidationArguments) => problem(args?.value, args?.object ?? {}) ?? '',
        },
      }),
  );
}

function moneyProblem(value: unknown, maxDigits: number, positive: boolean, allowNegative: boolean): string | null {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) return Msg.decimal;
  const [whole, fraction = ''] = value.trim().replace('-', '').split('.');
  if (fraction.length > 2) return 'Ensure that there are no more than 2 decimal places.';
  if (whole.replace(/^0+(?=\d)/, '').length + 2 > maxDigits) return `Ensure that there are no more than ${maxDigits} digits in total.`;
  const negative = value.trim().startsWith('-');
  const zero = /^-?0+(\.0+)?$/.test(value.trim());
  if (positive && (negative || zero)) return Msg.greaterThan(0);
  if (negative && !allowNegative) return 'Ensure this value is greater than or equal to 0.';
  return null;
}

/** A query-string boolean: true/false/1/0 (any case); anything else fails @IsBoolean with the field's name. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    const text = String(value).toLowerCase();
    if (['true', '1'].includes(text)) return true;
    if (['false', '0'].includes(text)) return false;
    return value;
  });

/** A query parameter given comma-separated, repeated, or both: a list of trimmed, non-empty values. */
export const QueryList = () =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((part) => String(part).split(','))
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );

/** A plain JSON object (not an array, not null unless allowed by @IsOptional). */
export function IsJsonObject() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isObject',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: () => Msg.object,
      },
    });
}

/** An optional text field: absent or null is fine, otherwise a string of at most `maxLength` characters. */
export const OptionalText = (maxLength: number) =>
  applyDecorators(IsOptional(), IsString(), MaxLength(maxLength, { message: Msg.maxLength(maxLength) }));

/** `YYYY` or a real `YYYY-MM-DD` date. */
export function isValidYear(value: string): boolean {
  if (/^\d{4}$/.test(value)) return Number(value) >= 1;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return (
    date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3])
  );
}

/** A release year: `YYYY` or a real `YYYY-MM-DD` date. */
export function IsReleaseYear() {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isReleaseYear',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidYear(value),
        defaultMessage: () => 'Date has wrong format. Use one of these formats instead: YYYY, YYYY-MM-DD.',
      },
    });
}

/** The message of a list parameter some of whose values are not valid choices: one sentence per invalid value. */
export function invalidChoices(value: unknown, allowed: readonly string[]): string {
  const invalid = (Array.isArray(value) ? value : [value]).filter((item) => !allowed.includes(String(item)));
  return invalid.map((item) => Msg.choice(item)).join(' ');
}
