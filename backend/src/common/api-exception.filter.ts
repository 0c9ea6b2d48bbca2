import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiError, ERROR_STATUS, ErrorCode } from '@chatroom/shared';
import type { Response } from 'express';
import { ApiException } from './api-exception';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UnsupportedMediaType,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.Unavailable,
};

/** Errors of Express's body parser that json-body.ts passes on as they are (encodings, aborted bodies). */
interface HttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** An error as it is answered: status, the one ApiError shape, and Retry-After when the exception says when. */
export interface ErrorAnswer {
  status: number;
  body: ApiError;
  headers: Readonly<Record<string, string>>;
}

const NO_HEADERS: Readonly<Record<string, string>> = {};

/** Turns every error into the one ApiError shape; unexpected ones are logged and become a bare 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = this.answer(exception);
    if (response.headersSent) return;
    response.set(headers).status(status).json(body);
  }

  /** The answer to `exception`, for the filter and for routes served outside Nest alike. */
  answer(exception: unknown): ErrorAnswer {
    const body = toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    const retryAfter = exception instanceof ApiException ? exception.retryAfterSeconds : undefined;
    return { status: body.statusCode, body, headers: retryAfter === undefined ? NO_HEADERS : { 'Retry-After': String(retryAfter) } };
  }
}

function toApiError(exception: unknown): ApiError {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Whatever the exception was built with: typed `string | object`, but nothing stops a null.
    const payload: unknown = exception.getResponse();
    if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as ApiError;
    return answerFor(status, typeof payload === 'string' ? payload : messageOf(payload, exception.message));
  }
  const httpError = exception as HttpError | undefined;
  const status = httpError?.status ?? httpError?.statusCode;
  if (httpError?.expose && status && status >= 400 && status < 500) {
    return answerFor(status, (exception as Error).message);
  }
  return { statusCode: 500, code: ErrorCode.Internal, message: 'Something went wrong on the server.' };
}

/** The `message` of a Nest exception's payload: a string, or the list class-validator gives. */
function messageOf(payload: unknown, fallback: string): string {
  const message = typeof payload === 'object' && payload !== null && 'message' in payload ? payload.message : undefined;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join(',');
  return fallback;
}

/** Errors raised by Nest or Express carry a status; the code is its nearest, and the status the code's row. */
function answerFor(status: number, message: string): ApiError {
  const code = CODE_BY_STATUS[status] ?? (status < 500 ? ErrorCode.ValidationFailed : ErrorCode.Internal);
  return { statusCode: ERROR_STATUS[code], code, message };
}
