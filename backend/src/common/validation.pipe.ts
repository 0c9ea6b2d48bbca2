import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';

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

/** The top-level field whose value nests deeper than `limit` (the whole input when it is itself too deep), or undefined. */
export function tooDeeplyNested(input: unknown, limit = MAX_INPUT_DEPTH): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const [field, value] of Object.entries(input)) {
    // Walked with an explicit stack: a recursive walk would overflow on the very input it guards against.
    const stack: { value: unknown; depth: number }[] = [{ value, depth: 2 }];
    for (let item = stack.pop(); item; item = stack.pop()) {
      if (typeof item.value !== 'object' || item.value === null) continue;
      if (item.depth > limit) return Array.isArray(input) ? 'body' : field;
      for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return undefined;
}

/**
 * Rejects unknown fields, wrong types and over-nested values at the edge, answering 400 with the
 * first field at fault named in `field` and every problem in `details`. Both paths (the controllers
 * and the fast path for /send and /messages) validate through this one pipe.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = tooDeeplyNested(value);
    if (field !== undefined) {
      throw new ApiException(ErrorCode.ValidationFailed, `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep.`, field);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0] ?? { field: 'body', message: 'The request is not valid.' };
      return new ApiException(ErrorCode.ValidationFailed, first.message, first.field, { details });
    },
  });
}
