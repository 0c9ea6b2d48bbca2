import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiError, ErrorCode } from '@chatroom/shared';
import type { Response } from 'express';
import { ApiException } from './api-exception';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.Unavailable,
};

/** Errors thrown by Express's body parser before any Nest code runs. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Turns every error into the one ApiError shape; unexpected ones are logged and become a bare 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    if (response.headersSent) return;
    if (exception instanceof ApiException && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
    const parserError = exception as BodyParserError | undefined;
    if (parserError?.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: ErrorCode.PayloadTooLarge,
        message: 'The request body is larger than 64 KiB.',
        field: 'body',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as ApiError;
      // Nest turns body-parser's SyntaxError into a bare BadRequestException carrying only its message.
      if (status === HttpStatus.BAD_REQUEST && /JSON/.test(exception.message)) {
        return { statusCode: 400, code: ErrorCode.InvalidJson, message: `The request body is not valid JSON: ${exception.message}`, field: 'body' };
      }
      const message =
        typeof payload === 'string'
          ? payload
          : String((payload as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? ErrorCode.Internal, message };
    }
    const status = parserError?.status ?? parserError?.statusCode;
    if (parserError?.expose && status && status >= 400 && status < 500) {
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? ErrorCode.ValidationFailed, message: String((exception as Error).message) };
    }
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Something went wrong on the server.' };
  }
}
