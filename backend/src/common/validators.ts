import { LIMITS } from '@chatroom/shared';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, isISO8601, IsNotEmpty, IsString, Length, Matches, Max, MaxLength, Min, registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Field rules every DTO shares, so that no input reaches a repository in a shape a database
 * refuses: both databases must answer the same thing, and a refusal must be a 400 naming the field.
 */

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text both databases store exactly as sent: PostgreSQL refuses NUL in text (SQLite keeps it),
 * and an unpaired surrogate has no UTF-8 form (both would store U+FFFD instead). Non-strings pass:
 * `@IsString()` beside it refuses them.
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || (!value.includes('\0') && !UNPAIRED_SURROGATE.test(value)),
        defaultMessage: ({ property, value }: ValidationArguments) =>
          typeof value === 'string' && value.includes('\0')
            ? `${property} must not contain NUL characters.`
            : `${property} must be valid Unicode text (it contains an unpaired surrogate).`,
      },
    });
}

/**
 * The text of a message, sent or edited: 1–4000 characters, not only whitespace, stored exactly as
 * sent. Listed last rule first, as stacked decorators register, so the first fault reported is the same.
 */
export function IsMessageText(): PropertyDecorator {
  return applyDecorators(
    IsStorableText(),
    Matches(/\S/, { message: 'message must not be only whitespace.' }),
    MaxLength(LIMITS.messageMax),
    IsNotEmpty(),
    IsString(),
  );
}

/** The longest username or room id a client may name (a username is at most 32 characters, a room id shorter still). */
const NAME_OR_ROOM_ID_MAX = 40;

/**
 * A user or room as a client names one (a username in any case, a room id): a non-empty string of at
 * most NAME_OR_ROOM_ID_MAX characters that both databases can store; whether it exists is the service's to say.
 */
export function IsNameOrRoomId(): PropertyDecorator {
  return applyDecorators(IsStorableText(), Length(1, NAME_OR_ROOM_ID_MAX), IsString());
}

/**
 * The field may not be given together with any of `others` (they choose among ways of doing one
 * thing): the refusal names this field, so the later of two named fields is the one reported.
 */
export function NotWith(...others: string[]): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, { object }: ValidationArguments) =>
          value === undefined || others.every((other) => (object as Record<string, unknown>)[other] === undefined),
        defaultMessage: ({ property, object }: ValidationArguments) =>
          `Give at most one of ${[...others, property].join(', ')} (not ${property} with ${others.filter((other) => (object as Record<string, unknown>)[other] !== undefined).join(' and ')}).`,
      },
    });
}

/**
 * The field may be left out; unlike `@IsOptional()`, JSON `null` is not the same as leaving it
 * out: it goes on to the field's validators and is refused as the wrong type, so a DTO's `?: string`
 * never holds null.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * A query parameter meant as a whole number: a string of digits becomes that number; anything
 * else (a sign, an exponent, a repeated parameter's array) is left for the validators to refuse.
 * It never converts objects, whose `toString`/`valueOf` a client may have replaced.
 */
export function QueryWholeNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,20}$/.test(value) ? Number(value) : value));
}

/**
 * A message id: a whole number from `min` up to the largest id the server hands out and a
 * JavaScript number holds exactly (the columns are 64-bit, JSON numbers are doubles).
 */
export function IsMessageId(field: string, min = 0): PropertyDecorator {
  const message = `${field} must be a whole number from ${min} to ${LIMITS.idMax}.`;
  return (target, propertyName) => {
    IsInt({ message })(target, propertyName);
    Min(min, { message })(target, propertyName);
    Max(LIMITS.idMax, { message })(target, propertyName);
  };
}

/**
 * A page size in a query string (`limit`): a whole number from 1 to `max`. Listed last rule first,
 * as stacked decorators register, so the first fault reported is the same as written out.
 */
export function IsPageLimit(max: number): PropertyDecorator {
  return applyDecorators(Max(max), Min(1), IsInt({ message: 'limit must be a whole number.' }), QueryWholeNumber());
}

/** A date and time with its offset (`Z` or `±hh:mm`), to the millisecond at most: read the same on every server whatever its time zone. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 time with an offset, or null (for "no time": not muted, no do-not-disturb). Dates
 * that do not exist (February 30th) are refused rather than rolled over into the next month.
 */
export function IsZonedTimeOrNull(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isZonedTimeOrNull',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          value === null || (typeof value === 'string' && ZONED_TIME.test(value) && isISO8601(value, { strict: true }) && Number.isFinite(Date.parse(value))),
        defaultMessage: ({ property }: ValidationArguments) => `${property} must be an ISO 8601 time with its offset (such as 2026-12-24T18:00:00Z), or null.`,
      },
    });
}

/** A time IsZonedTimeOrNull accepted, in the one form the server stores and answers (UTC, milliseconds). */
export function storedTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
