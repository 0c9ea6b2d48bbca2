import type { AuthResponse, ChatMessage, HistoryResponse } from '@chatroom/shared';

/** The password of every account the tests make, unless a test is about passwords. */
export const PASSWORD = 'correct-horse-1';

/** Direct server calls, standing in for another user's client in tests. */
export class TestUser {
  constructor(
    readonly baseUrl: string,
    readonly username: string,
    readonly password: string,
    readonly token: string,
  ) {}

  static register(baseUrl: string, username: string, password = PASSWORD): Promise<TestUser> {
    return TestUser.authenticate(baseUrl, '/register', 201, username, password);
  }

  static login(baseUrl: string, username: string, password = PASSWORD): Promise<TestUser> {
    return TestUser.authenticate(baseUrl, '/login', 200, username, password);
  }

  private static async authenticate(baseUrl: string, route: string, status: number, username: string, password: string): Promise<TestUser> {
    const response = await fetch(`${baseUrl}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== status) throw new Error(`${route} ${username}: ${response.status} ${await response.text()}`);
    const auth = (await response.json()) as AuthResponse;
    return new TestUser(baseUrl, username, password, auth.token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  send(recipient: string, message: string, replyTo?: number): Promise<ChatMessage> {
    return this.call('POST', '/send', { recipient, message, reply_to: replyTo });
  }

  history(conversation: string): Promise<HistoryResponse> {
    return this.call('GET', `/history?with=${encodeURIComponent(conversation)}&limit=100`);
  }
}

let counter = 0;
/** Unique, valid usernames across a test run. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}`;
}
