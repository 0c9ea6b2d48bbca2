import { ErrorCode } from '@chatroom/shared';
import { ApiClient } from './api-client';
import { NetworkError, ServerError, toUiError } from './server-errors';

/** A client whose server answers every request with `status` and `body`. */
function answering(status: number, body: string): ApiClient {
  return new ApiClient(() => Promise.resolve(new Response(body, { status })), 'http://127.0.0.1:9');
}

async function failureOf(client: ApiClient): Promise<ServerError> {
  const failure: unknown = await client.rooms().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof ServerError)) throw new Error(`expected a ServerError, got ${String(failure)}`);
  return failure;
}

describe('ApiClient errors', () => {
  it("keeps a code the extension knows, with the server's words and field", async () => {
    const body = { statusCode: 409, code: 'username_taken', message: 'The username "bob" is taken.', field: 'username' };
    const error = await failureOf(answering(409, JSON.stringify(body)));
    expect(error).toMatchObject({ code: ErrorCode.UsernameTaken, message: body.message, field: 'username' });
  });

  it('maps a code it does not know, or no code at all, to the code its status means', async () => {
    expect((await failureOf(answering(400, JSON.stringify({ code: 'brand_new_rule', message: 'No.' })))).code).toBe(
      ErrorCode.ValidationFailed,
    );
    expect((await failureOf(answering(401, '{}'))).code).toBe(ErrorCode.Unauthenticated);
    expect((await failureOf(answering(429, ''))).code).toBe(ErrorCode.RateLimited);
    expect((await failureOf(answering(502, '<html>Bad gateway</html>'))).code).toBe(ErrorCode.Unavailable);
  });

  it('tells views an unreachable server by the code unavailable', async () => {
    const client = new ApiClient(() => Promise.reject(new TypeError('fetch failed')), 'http://127.0.0.1:9');
    const failure: unknown = await client.rooms().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NetworkError);
    expect(toUiError(failure)).toMatchObject({ code: ErrorCode.Unavailable });
  });
});

describe('ApiClient.search', () => {
  it('asks GET /search with only the parameters given, encoded', async () => {
    const asked: string[] = [];
    const client = new ApiClient((url) => {
      asked.push(url instanceof Request ? url.url : url.toString());
      return Promise.resolve(new Response(JSON.stringify({ results: [], next_before: null })));
    }, 'http://127.0.0.1:9');
    expect(await client.search({ q: 'deploy* "release notes"', with: 'room_1', before: 900 })).toEqual({ results: [], next_before: null });
    const url = new URL(asked[0] ?? '');
    expect(url.pathname).toBe('/search');
    expect([...url.searchParams]).toEqual([
      ['q', 'deploy* "release notes"'],
      ['with', 'room_1'],
      ['before', '900'],
    ]);
  });
});
