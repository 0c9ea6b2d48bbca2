import { registerUser } from './support/api';
import { openRawConnection, parseRawAnswer, rawExchange } from './support/raw-http';
import { waitFor } from './support/server';
import { startTestServer, TestServer } from './support/test-server';

/** Requests Node's HTTP parser rejects never reach a route; they still get the one error shape. */
describe('requests that are not valid HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const exchange = (data: string) => rawExchange(t.server.port, data);

  function expectErrorShape(answer: Awaited<ReturnType<typeof exchange>>, status: number, code: string): void {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ statusCode: status, code, message: expect.any(String) });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  }

  it('answers a garbage request line with 400 malformed_request', async () => {
    const answer = await exchange('HELLO THERE\r\n\r\n');
    expectErrorShape(answer, 400, 'malformed_request');
    expect(answer.body.message).toMatch(/not valid HTTP/);
  });

  it('answers an invalid header with 400 malformed_request', async () => {
    expectErrorShape(await exchange('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n'), 400, 'malformed_request');
  });

  it('answers a body framed two ways (Content-Length and chunked) with 400 malformed_request', async () => {
    const answer = await exchange('POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expectErrorShape(answer, 400, 'malformed_request');
  });

  it('answers a broken chunked body with 400 malformed_request', async () => {
    const answer = await exchange('POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expectErrorShape(answer, 400, 'malformed_request');
  });

  it('answers headers over the size limit with 431 headers_too_large', async () => {
    const answer = await exchange(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expectErrorShape(answer, 431, 'headers_too_large');
    expect(answer.body.message).toContain('16 KiB');
  });

  it('answers an Expect it cannot meet with 417 expectation_failed', async () => {
    expectErrorShape(await exchange('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something\r\n\r\n'), 417, 'expectation_failed');
  });

  it('still serves Expect: 100-continue', async () => {
    const user = await registerUser(t.api);
    const body = JSON.stringify({ recipient: user.username, message: 'after continue' });
    const connection = await openRawConnection(t.server.port);
    connection.socket.write(
      `POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    await waitFor(() => connection.received().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), { what: '100 Continue' });
    connection.socket.write(body);
    await connection.closed;
    const answer = parseRawAnswer(connection.received().slice('HTTP/1.1 100 Continue\r\n\r\n'.length));
    expect(answer).toMatchObject({ status: 201, body: { message: 'after continue' } });
  });

  it('keeps serving well-formed requests on other connections', async () => {
    await exchange('HELLO THERE\r\n\r\n');
    expect((await t.api.get('/health')).status).toBe(200);
  });
});
