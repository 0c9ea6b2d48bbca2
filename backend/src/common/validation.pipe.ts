import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@chatroom/shared';
import { ApiException } from './api-exception';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Rejects unknown fields and wrong types at the edge, answering 400 with the first field at fault
 * named in `field` and every problem in `details`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
