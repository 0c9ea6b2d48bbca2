import { ApiError, ERROR_STATUS, ErrorCode } from '@chatroom/shared';
import { IncomingMessage, maxHeaderSize, Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { helmetHeaders } from '../common/http-edge';
import { isFileUpload } from '../common/json-body';
import { HTTP_SERVER_SETTINGS } from './http-server-settings';

/** What Node's HTTP parser reports with a request it rejects. */
export interface ParserError extends Error {
  code?: string;
  /** llhttp's words for what is wrong, when the parser found it. */
  reason?: string;
}

/**
 * Sets the server's timeouts, and answers the requests Node rejects before any route sees them
 * (malformed, headers too large, too slow, an `Expect` it cannot meet) in the one error shape,
 * where Node's own answers have an empty body.
 */
export function configureHttpServer(server: Server): void {
  server.headersTimeout = HTTP_SERVER_SETTINGS.headersTimeoutMs;
  server.requestTimeout = HTTP_SERVER_SETTINGS.requestTimeoutMs;
  server.keepAliveTimeout = HTTP_SERVER_SETTINGS.keepAliveTimeoutMs;

  const headers = { ...helmetHeaders(), 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' };

  server.on('clientError', (error: ParserError, socket: Duplex) => {
    // The parser reports again on each of the client's next bytes; the first report was answered.
    if (socket.writableEnded) return;
    const answer = parserErrorAnswer(error);
    // As Node does: never write into an answer already begun on this connection (pipelining).
    const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (!answer || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const json = JSON.stringify(answer);
    const head = Object.entries({ ...headers, 'Content-Length': Buffer.byteLength(json) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    // Ended, and reset only a little later: a reset while the client is still sending could reach
    // it before it has read the answer.
    socket.end(`HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}\r\n${head}\r\n${json}`);
    const linger = setTimeout(() => socket.destroy(), HTTP_SERVER_SETTINGS.errorLingerMs);
    socket.once('close', () => clearTimeout(linger));
  });

  // `Expect: 100-continue`: a file upload is told to go on by its route, once the checks it can make
  // before the body (the caller, the name, Content-Length against the limits) pass, so that a file
  // refused by its size is never sent. Every other request is told at once, as Node would.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!isFileUpload(request)) response.writeContinue();
    server.emit('request', request, response);
  });

  // Any other expectation is refused.
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const json = JSON.stringify(
      apiError(ErrorCode.ExpectationFailed, 'Only "Expect: 100-continue" is supported; send the request without this Expect header.'),
    );
    response.writeHead(ERROR_STATUS[ErrorCode.ExpectationFailed], { ...headers, 'Content-Length': Buffer.byteLength(json) });
    response.end(json);
  });
}

/** The answer to a request Node's HTTP parser rejected, or undefined when the client is gone. */
export function parserErrorAnswer(error: ParserError): ApiError | undefined {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return apiError(ErrorCode.HeadersTooLarge, `The request line and headers are larger than ${maxHeaderSize / 1024} KiB.`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return apiError(ErrorCode.PayloadTooLarge, 'The chunk extensions of the request body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return apiError(
        ErrorCode.RequestTimeout,
        `The request did not arrive in time: headers must arrive within ${HTTP_SERVER_SETTINGS.headersTimeoutMs / 1000} s ` +
          `and the whole request within ${HTTP_SERVER_SETTINGS.requestTimeoutMs / 1000} s.`,
      );
    case undefined:
    default:
      return apiError(ErrorCode.MalformedRequest, `The request is not valid HTTP/1.1: ${error.reason ?? error.message}.`);
  }
}

function apiError(code: ErrorCode, message: string): ApiError {
  return { statusCode: ERROR_STATUS[code], code, message };
}
