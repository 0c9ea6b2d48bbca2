import { ErrorCode, LIMITS, ROUTES } from '@chatroom/shared';
import { json } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { ApiException } from './api-exception';

export type JsonBodyReader = (request: IncomingMessage, response: ServerResponse, next: (error?: Error) => void) => void;

/** What body-parser reports, beside a plain Error. */
interface BodyParserError extends Error {
  type?: string;
}

/**
 * Reads a JSON body into `request.body` (Express's parser: content types, charsets, gzip/deflate/br,
 * the size limit), and turns its complaints about the body into ApiExceptions. Every path that reads
 * a JSON body uses this one, so a body is accepted or refused with the same words everywhere. The
 * one body that is not JSON, a file upload's, is left to its route.
 */
export function createJsonBodyReader(): JsonBodyReader {
  const parse = json({ limit: LIMITS.bodyMaxBytes }) as unknown as JsonBodyReader;
  return (request, response, next) => {
    if (isFileUpload(request)) {
      next();
      return;
    }
    parse(request, response, (error) => next(error === undefined ? undefined : bodyError(error)));
  };
}

/** POST /uploads: the body is a file, whatever its Content-Type says, streamed to storage by its route. */
export function isFileUpload(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || !request.url?.startsWith(ROUTES.uploads)) return false;
  const rest = request.url.slice(ROUTES.uploads.length);
  return rest === '' || rest.startsWith('?');
}

function bodyError(error: Error): Error {
  const { type, message } = error as BodyParserError;
  switch (type) {
    case 'entity.parse.failed':
      return new ApiException(ErrorCode.InvalidJson, `The request body is not valid JSON: ${message}`, 'body');
    case 'entity.too.large':
      return new ApiException(ErrorCode.PayloadTooLarge, `The request body is larger than ${LIMITS.bodyMaxBytes / 1024} KiB.`, 'body');
    case undefined:
    default:
      return error;
  }
}

/**
 * Express's parser loads its character decoders (iconv-lite's tables) on first use, which the first
 * client to send a body would wait for: one small body read at boot loads them before the server
 * listens.
 */
export function warmUpJsonBodyReader(read: JsonBodyReader): Promise<void> {
  const body = Buffer.from('{}');
  const request = Object.assign(Readable.from([body]), {
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  }) as unknown as IncomingMessage;
  return new Promise((resolve, reject) => read(request, {} as ServerResponse, (error) => (error === undefined ? resolve() : reject(error))));
}
