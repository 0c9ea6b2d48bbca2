import type { AuthResponse, ChatMessage, MessagesResponse, UploadResponse } from '@chatroom/shared';

/** An answer's parsed JSON as a test reads it: the test's assertions check its shape, not a type. */
// Answers of every shape are read and asserted on, as the unsafe-* rules, off for tests, allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin HTTP client for tests: every call returns status and parsed body, never throws on 4xx. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T = Json>(method: string, path: string, body?: unknown, init: { raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined || init.raw !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: Json = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get<T = Json>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Json>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }

  async send(recipient: string, message: string, extra: Record<string, unknown> = {}): Promise<ChatMessage> {
    const response = await this.post<ChatMessage>('/send', { recipient, message, ...extra });
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`send failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** POST /uploads of `data` named `name` (percent-encoded here), with any other headers given. */
  async upload<T = Json>(name: string, data: Buffer | string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}/uploads`, {
      method: 'POST',
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), 'x-filename': encodeURIComponent(name), ...headers },
      body: typeof data === 'string' ? data : new Blob([new Uint8Array(data)]),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  /** An upload that must succeed. */
  async uploaded(name: string, data: Buffer | string): Promise<UploadResponse> {
    const response = await this.upload<UploadResponse>(name, data);
    if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** How many long-polls wait on the server right now (from /health): to know a poll has arrived. */
  async waitingPolls(): Promise<number> {
    return (await this.get('/health')).body.details.long_polls.waiting;
  }

  async messages(lastId = 0, query = ''): Promise<MessagesResponse> {
    const response = await this.get<MessagesResponse>(`/messages?last_id=${lastId}${query}`);
    if (response.status !== 200) throw new Error(`messages failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

let counter = 0;

/** A username unique within the test run. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}_${process.pid % 1000}`;
}

export const PASSWORD = 'correct horse battery';

/** A client signed in as a user the test registered. */
export type TestUser = Api & { username: string };

/** Registers a fresh user and returns a client signed in as them. */
export async function registerUser(api: Api, prefix = 'user'): Promise<TestUser> {
  const username = uniqueName(prefix);
  const response = await api.post<AuthResponse>('/register', { username, password: PASSWORD });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return Object.assign(api.as(response.body.token), { username });
}
