import type { ChatMessage } from '@chatroom/shared';
import { Api, registerUser, TestUser as User } from '../support/api';
import { CHEAP_PASSWORD_HASHES } from '../support/server';

export type { User };

/** Limits high enough that load tests are never throttled, and password hashes as cheap as in other tests. */
export const LOAD_ENV = { RATE_LIMIT_AUTH_PER_MINUTE: '1000000', RATE_LIMIT_SEND_PER_MINUTE: '1000000', ...CHEAP_PASSWORD_HASHES };

/** True for what a client sees while an instance dies: no connection, or nginx's 502/503/504. */
function transient(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && /: 50[234] /.test(error.message));
}

/** Runs `attempt` until it succeeds, retrying at once after failures an instance crash causes. */
export async function retrying<T>(attempt: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!transient(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export async function registerOn(api: Api, count: number, prefix: string): Promise<User[]> {
  return Promise.all(Array.from({ length: count }, () => registerUser(api, prefix)));
}

/**
 * Long-polls for `user` until `done()` holds, each request through the next of `urls` in turn, and
 * keeps everything it receives in order of arrival.
 */
export function pollUntil(user: User, urls: string[], done: (seen: ChatMessage[]) => boolean, deadline: number) {
  const seen: ChatMessage[] = [];
  const finished = (async () => {
    let cursor = 0;
    for (let i = 0; !done(seen); i++) {
      if (Date.now() > deadline) throw new Error(`${user.username} stopped at last_id=${cursor} with ${seen.length} messages`);
      const client = new Api(urls[i % urls.length]!, user.token);
      const page = await retrying(() => client.messages(cursor, '&timeout=2&limit=10'), deadline);
      seen.push(...page.messages);
      cursor = page.last_id;
    }
    return seen;
  })();
  return { seen, finished };
}

/** Every message a user received exactly once, in strictly increasing id order, and all of `expected`. */
export function expectExactlyOnceInOrder(seen: ChatMessage[], expected: number[]): void {
  const ids = seen.map((message) => message.id);
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! <= ids[i - 1]!) throw new Error(`out of order or repeated: ${ids[i - 1]} then ${ids[i]}`);
  }
  const got = new Set(ids);
  const missing = expected.filter((id) => !got.has(id));
  expect(missing).toEqual([]);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
