import { HttpException } from '@nestjs/common';
import { ApiError, ERROR_STATUS, ErrorCode } from '@chatroom/shared';

export interface ApiExceptionOptions {
  /** Every problem found, when there were several. */
  details?: ApiError['details'];
  /** Sent as `Retry-After`: when the caller may try again (rate limits, shutdown). */
  retryAfterSeconds?: number;
}

/**
 * An error a client can act on: a stable code, words, and the field at fault. The HTTP status is
 * the code's row in ERROR_STATUS, never chosen here.
 */
export class ApiException extends HttpException {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    field?: string,
    { details, retryAfterSeconds }: ApiExceptionOptions = {},
  ) {
    const status = ERROR_STATUS[code];
    const body: ApiError = { statusCode: status, code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) };
    super(body, status);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
