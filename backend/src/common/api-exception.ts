import { HttpException } from '@nestjs/common';
import { ApiError, ERROR_STATUS, ErrorCode } from '@chatroom/shared';

/**
 * An error a client can act on: a stable code, words, and the field at fault. The HTTP status is
 * the code's row in ERROR_STATUS, never chosen here.
 */
export class ApiException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    field?: string,
    details?: ApiError['details'],
  ) {
    const status = ERROR_STATUS[code];
    const body: ApiError = { statusCode: status, code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) };
    super(body, status);
  }
}
