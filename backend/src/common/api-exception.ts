import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, ErrorCode } from '@chatroom/shared';

/** An error a client can act on: an HTTP status, a stable code, words, and the field at fault. */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, field?: string, details?: ApiError['details']) {
    const body: ApiError = { statusCode: status, code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) };
    super(body, status);
  }

  static notFound(code: ErrorCode, message: string, field?: string): ApiException {
    return new ApiException(HttpStatus.NOT_FOUND, code, message, field);
  }

  static forbidden(code: ErrorCode, message: string, field?: string): ApiException {
    return new ApiException(HttpStatus.FORBIDDEN, code, message, field);
  }
}
