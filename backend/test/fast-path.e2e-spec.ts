import type { AuthResponse } from '@chatroom/shared';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { PASSWORD, uniqueName } from './support/api';
import { startTestServer, TestServer } from './support/test-server';

/**
 * `POST /send` and `GET /messages` are served ahead of Express (http/fast-path.ts). Its promise is
 * that a client cannot tell: the same requests, sent to a server with it and to one without it
 * (HTTP_FAST_PATH=false), get the same status, headers and body, byte for byte.
 */

interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body without a Content-Length (chunked). */
  chunked?: boolean;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers that differ between any two answers, whoever serves them. */
const UNCOMPARED_HEADERS = new Set(['date']);

function send(baseUrl: string, raw: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
    const headers = { ...raw.headers, ...(body && !raw.chunked ? { 'content-length': String(body.length) } : {}) };
    const outgoing = request(`${baseUrl}${raw.path}`, { method: raw.method, headers });
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        const compared: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (!UNCOMPARED_HEADERS.has(name)) compared[name] = String(value);
        }
        resolve({ status: response.statusCode ?? 0, headers: compared, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

/** Times differ between two servers; everything else, ids included, must not. */
function normalized(answer: RawAnswer): RawAnswer {
  const body = answer.body.replace(/"(timestamp|edited_at)":"[^"]*"/g, '"$1":"<time>"');
  return { ...answer, body, headers: { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) } };
}

/** Above what any one user sends in this file, except the one that goes over it. */
const SEND_LIMIT = 20;

describe('the fast path answers exactly like the general pipeline', () => {
  const names = { alice: uniqueName('alice'), bob: uniqueName('bob'), limited: uniqueName('limited') };
  type Name = keyof typeof names;
  const env = { CORS_ORIGINS: 'https://chat.example.com', RATE_LIMIT_SEND_PER_MINUTE: String(SEND_LIMIT) };
  let fast: TestServer;
  let general: TestServer;
  const tokens = new Map<TestServer, Record<Name, string>>();
  /** What beforeAll got to start, for afterAll to close even when a start failed. */
  const started: TestServer[] = [];

  beforeAll(async () => {
    [fast, general] = await Promise.all([startTestServer({ env }), startTestServer({ env: { ...env, HTTP_FAST_PATH: 'false' } })]);
    started.push(fast, general);
    for (const server of [fast, general]) {
      const own = {} as Record<Name, string>;
      for (const [key, username] of Object.entries(names) as [Name, string][]) {
        const response = await server.api.post<AuthResponse>('/register', { username, password: PASSWORD });
        expect(response.status).toBe(201);
        own[key] = response.body.token;
      }
      tokens.set(server, own);
    }
  });
  afterAll(() => Promise.all(started.map((server) => server.close())));

  /** Sends one request to both servers, the same bytes except the caller's token, and compares the answers. */
  async function both(as: Name | undefined, build: (token: string | undefined) => RawRequest): Promise<RawAnswer> {
    const answers: RawAnswer[] = [];
    for (const server of [fast, general]) {
      answers.push(normalized(await send(server.server.url, build(as && tokens.get(server)![as]))));
    }
    expect(answers[0]).toEqual(answers[1]);
    return answers[0]!;
  }

  const json = { 'content-type': 'application/json' };
  const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });
  const sendAs = (body: string | Buffer, headers: Record<string, string> = {}) => (token: string | undefined): RawRequest => ({
    method: 'POST',
    path: '/send',
    headers: { ...json, ...bearer(token), ...headers },
    body,
  });
  const poll = (query: string, headers: Record<string, string> = {}) => (token: string | undefined): RawRequest => ({
    method: 'GET',
    path: `/messages${query}`,
    headers: { ...bearer(token), ...headers },
  });
  const message = (fields: Record<string, unknown>) => JSON.stringify({ recipient: names.bob, message: 'hello', ...fields });
  /** A change to message 1 (alice's first send to bob), through the general pipeline on both servers. */
  const change = (method: string, path: string, body?: Record<string, unknown>) => (token: string | undefined): RawRequest => ({
    method,
    path,
    headers: { ...json, ...bearer(token) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  it.each<[string, Name | undefined, (token: string | undefined) => RawRequest, number, number?]>([
    ['a send', 'alice', sendAs(message({})), 201],
    ['a first send with a client_id', 'alice', sendAs(message({ client_id: 'c-1' })), 201],
    ['its retry', 'alice', sendAs(message({ client_id: 'c-1' })), 200],
    ['a chunked send', 'bob', (token) => ({ ...sendAs(message({ recipient: names.alice }))(token), chunked: true }), 201],
    ['a gzipped send', 'bob', sendAs(gzipSync(message({ recipient: names.alice })), { 'content-encoding': 'gzip' }), 201],
    ['a body claiming gzip that is not', 'bob', sendAs(message({}), { 'content-encoding': 'gzip' }), 400],
    ['an unsupported content encoding', 'bob', sendAs(message({}), { 'content-encoding': 'compress' }), 415],
    ['a charset other than UTF-8', 'bob', sendAs(message({}), { 'content-type': 'application/json; charset=latin1' }), 415],
    ['invalid JSON', 'alice', sendAs('{"recipient": "bob", '), 400],
    ['a JSON string', 'alice', sendAs('"hello"'), 400],
    ['a JSON array', 'alice', sendAs('[]'), 400],
    ['an empty body', 'alice', sendAs(''), 400],
    ['a body that is not JSON', 'alice', sendAs(message({}), { 'content-type': 'text/plain' }), 400],
    ['a body over 64 KiB', 'alice', sendAs(message({ message: 'z'.repeat(70_000) })), 413],
    ['a missing recipient', 'alice', sendAs(JSON.stringify({ message: 'x' })), 400],
    ['a message of the wrong type', 'alice', sendAs(message({ message: 12 })), 400],
    ['a recipient of the wrong type', 'alice', sendAs(message({ recipient: ['a'] })), 400],
    ['an unknown field', 'alice', sendAs(message({ priority: 'high' })), 400],
    ['a sender naming someone else', 'alice', sendAs(message({ sender: names.bob })), 403],
    ['an unknown recipient', 'bob', sendAs(message({ recipient: 'nobody_here' })), 404],
    ['no token', undefined, (token) => ({ ...sendAs(message({}))(token), headers: json }), 401],
    ['a garbled token', undefined, sendAs(message({}), { authorization: 'Bearer not-a-token' }), 401],
    ['another scheme', undefined, sendAs(message({}), { authorization: 'Basic YWxpY2U6eA==' }), 401],
    ['invalid JSON without a token', undefined, (token) => ({ ...sendAs('{')(token), headers: json }), 400],
    ['sends up to the rate limit', 'limited', sendAs(message({})), 201, SEND_LIMIT],
    ['a send over the rate limit (429, Retry-After)', 'limited', sendAs(message({})), 429],
    ['a send from an allowed web origin', 'bob', sendAs(message({ recipient: names.alice }), { origin: 'https://chat.example.com' }), 201],
    ['a send from an extension', 'bob', sendAs(message({ recipient: names.alice }), { origin: 'chrome-extension://abcdefghijklmnop' }), 201],
    ['a send from a stranger origin', 'bob', sendAs(message({ recipient: names.alice }), { origin: 'https://evil.example' }), 201],
    ['a reply that mentions', 'bob', sendAs(message({ recipient: names.alice, message: `yes @${names.alice}`, reply_to: 1 })), 201],
    ['a reply to a message one cannot see', 'bob', sendAs(message({ recipient: names.alice, reply_to: 999_999 })), 404],
    ['a reply_to of the wrong type', 'bob', sendAs(message({ recipient: names.alice, reply_to: '1' })), 400],
    ['an upload that is not there', 'bob', sendAs(message({ recipient: names.alice, attachments: ['AAAAAAAAAAAAAAAAAAAAAA'] })), 404],
    ['no text and no attachments', 'bob', sendAs(message({ recipient: names.alice, message: '', attachments: [] })), 400],
    ['attachments that are not a list', 'alice', sendAs(message({ attachments: 'AAAAAAAAAAAAAAAAAAAAAA' })), 400],
    ['an edit', 'alice', change('PATCH', '/messages/1', { message: `hello again @${names.bob}` }), 200],
    ['a reaction', 'bob', change('PUT', `/messages/1/reactions/${encodeURIComponent('👍')}`), 200],
    ['a reaction taken back', 'bob', change('DELETE', `/messages/1/reactions/${encodeURIComponent('👍')}`), 200],
    ['a send after the changes', 'alice', sendAs(message({ message: 'after the changes' })), 201],
    ['a poll from the start', 'bob', poll('?last_id=0'), 200],
    ['a poll without a query', 'bob', poll(''), 200],
    ['a poll with a limit', 'alice', poll('?last_id=1&limit=2'), 200],
    ['a poll from the end with a timeout', 'alice', poll('?last_id=999999&timeout=1'), 200],
    ['a poll naming its caller (old API)', 'alice', (token) => poll(`?last_id=0&username=${names.alice.toUpperCase()}`)(token), 200],
    ['a poll naming someone else', 'alice', (token) => poll(`?last_id=0&username=${names.bob}`)(token), 403],
    ['a poll with a negative last_id', 'alice', poll('?last_id=-1'), 400],
    ['a poll with a timeout too long', 'alice', poll('?last_id=0&timeout=31'), 400],
    ['a poll with a wordy limit', 'alice', poll('?last_id=0&limit=many'), 400],
    ['a poll with last_id twice', 'alice', poll('?last_id=1&last_id=2'), 400],
    ['a poll with an unknown parameter', 'alice', poll('?last_id=0&token=secret'), 400],
    ['a poll without a token', undefined, (token) => ({ ...poll('?last_id=0')(token), headers: {} }), 401],
    ['a poll with a garbled token', undefined, poll('?last_id=0', { authorization: 'Bearer garbage' }), 401],
    ['a poll from an allowed origin', 'bob', poll('?last_id=0&limit=1', { origin: 'https://chat.example.com' }), 200],
    ['a poll from a stranger origin', 'bob', poll('?last_id=0&limit=1', { origin: 'https://evil.example' }), 200],
    ['unread counts', 'bob', (token) => ({ method: 'GET', path: '/unread', headers: bearer(token) }), 200],
    ['unread counts with a mention', 'alice', (token) => ({ method: 'GET', path: '/unread', headers: bearer(token) }), 200],
    ['a deletion', 'alice', change('DELETE', '/messages/1'), 200],
    ['a poll from the start after the deletion', 'bob', poll('?last_id=0'), 200],
    ['unread counts after the deletion', 'bob', (token) => ({ method: 'GET', path: '/unread', headers: bearer(token) }), 200],
    ['unread counts from an allowed origin', 'bob', (token) => ({ method: 'GET', path: '/unread', headers: { ...bearer(token), origin: 'https://chat.example.com' } }), 200],
    ['unread counts without a token', undefined, () => ({ method: 'GET', path: '/unread', headers: {} }), 401],
    ['a poll carrying a body', 'bob', (token) => ({ ...poll('?last_id=0&limit=1')(token), headers: { ...bearer(token), ...json }, body: '{}' }), 200],
    ['a preflight from an allowed origin', undefined, () => ({ method: 'OPTIONS', path: '/send', headers: { origin: 'https://chat.example.com', 'access-control-request-method': 'POST' } }), 204],
  ])('%s', async (_case, as, build, status, times = 1) => {
    for (let i = 0; i < times; i++) expect((await both(as, build)).status).toBe(status);
  });
});
