import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';
import { cacheTransformMetadata, cacheValidationMetadata } from './validation-metadata-cache';

/**
 * No request field nests deeper than an array of strings inside the body. class-transformer and
 * class-validator walk values recursively, so a small body nested a few thousand levels deep
 * would overflow the stack; anything deeper than this is refused before they see it.
 */
export const MAX_INPUT_DEPTH = 8;

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Keys no DTO has, that class-transformer and class-validator would not report as unknown: every
 * object already has them (`__proto__`, `constructor`, `valueOf`, `toString`...), so they were
 * dropped in silence (or worse, followed) where any other unknown key is refused.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * What is wrong with the shape of an input before class-transformer and class-validator see it:
 * a value nested deeper than `limit`, or a prototype key, with the top-level field it is under.
 */
export function shapeProblem(input: unknown, limit = MAX_INPUT_DEPTH): { field: string; message: string } | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  // Walked with an explicit stack: a recursive walk would overflow on the very input it guards against.
  const stack: { value: object; depth: number; field: string | undefined }[] = [{ value: input, depth: 1, field: undefined }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    for (const [key, child] of Object.entries(item.value) as [string, unknown][]) {
      const field = item.field ?? (Array.isArray(input) ? 'body' : key);
      if (PROTOTYPE_KEYS.has(key)) return { field, message: `property ${key} should not exist.` };
      if (typeof child !== 'object' || child === null) continue;
      if (item.depth + 1 > limit) return { field, message: `${field} is nested more than ${limit} levels deep.` };
      stack.push({ value: child, depth: item.depth + 1, field });
    }
  }
  return undefined;
}

const pipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => {
    const details = flatten(errors);
    const first = details[0] ?? { field: 'body', message: 'The request is not valid.' };
    return new ApiException(ErrorCode.ValidationFailed, first.message, first.field, { details });
  },
};

/** Query DTOs of pages that links open, whose unknown parameters are dropped rather than refused. */
const LINK_QUERIES = new WeakSet();

/**
 * Marks the query of a page that a link opens (GET /join): parameters it does not declare are
 * ignored, since link shorteners and messengers add their own (`fbclid`, `utm_source`...). The API's
 * routes stay strict: an unknown field is a 400 there.
 */
export function LinkQuery(): ClassDecorator {
  return (target) => {
    LINK_QUERIES.add(target);
  };
}

/**
 * Rejects unknown fields (a LinkQuery's are dropped), wrong types, over-nested values and prototype keys at the edge,
 * answering 400 with the first field at fault named in `field` and every problem in `details`.
 * Both paths (the controllers and the fast path for /send and /messages) validate through this
 * one pipe.
 */
class ApiValidationPipe extends ValidationPipe {
  private readonly forLinks = new ValidationPipe({ ...pipeOptions, forbidNonWhitelisted: false });

  constructor() {
    super(pipeOptions);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = shapeProblem(value);
    if (problem) throw new ApiException(ErrorCode.ValidationFailed, problem.message, problem.field);
    if (metadata.type === 'query' && metadata.metatype && LINK_QUERIES.has(metadata.metatype)) return this.forLinks.transform(value, metadata);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  cacheTransformMetadata();
  return new ApiValidationPipe();
}
