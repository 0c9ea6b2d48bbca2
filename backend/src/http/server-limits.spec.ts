import { parserErrorAnswer, ParserError } from './server-limits';

const parserError = (code: string, reason?: string): ParserError => Object.assign(new Error(`Parse Error: ${reason ?? code}`), { code, reason });

describe('parserErrorAnswer', () => {
  it('gives each rejection its code, with the status from the error table', () => {
    expect(parserErrorAnswer(parserError('HPE_INVALID_METHOD', 'Invalid method encountered'))).toEqual({
      statusCode: 400,
      code: 'malformed_request',
      message: 'The request is not valid HTTP/1.1: Invalid method encountered.',
    });
    expect(parserErrorAnswer(parserError('HPE_HEADER_OVERFLOW'))).toMatchObject({ statusCode: 431, code: 'headers_too_large' });
    expect(parserErrorAnswer(parserError('HPE_CHUNK_EXTENSIONS_OVERFLOW'))).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
  });

  it('tells a client too slow to send its request how long it had', () => {
    expect(parserErrorAnswer(parserError('ERR_HTTP_REQUEST_TIMEOUT'))).toEqual({
      statusCode: 408,
      code: 'request_timeout',
      message: 'The request did not arrive in time: headers must arrive within 20 s and the whole request within 30 s.',
    });
  });

  it('answers no one when the client is gone', () => {
    expect(parserErrorAnswer(parserError('ECONNRESET'))).toBeUndefined();
  });
});
