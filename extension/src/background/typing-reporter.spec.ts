import { LIMITS } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import type { ApiFor } from './api-client';
import type { Clock } from './clock';
import { StateStore } from './state';
import { TypingReporter } from './typing-reporter';

/** A reporter whose POST /typing calls are recorded; each call answers when the test says. */
async function setUp() {
  const store = new MemoryStore();
  store.data.set('session', { username: 'me', token: 't', expires_at: '2999-01-01T00:00:00.000Z' });
  const crowd = Array.from({ length: LIMITS.typingRoomMembersMax + 1 }, (_, n) => `user${n}`);
  store.data.set('cache', {
    conversations: [],
    rooms: [
      { room_id: 'room_1', name: 'Small', admin: 'me', participants: ['me', 'bob', 'carol'] },
      { room_id: 'room_2', name: 'Crowd', admin: 'me', participants: crowd },
    ],
    online: [],
    announcement: null,
  });
  const state = new StateStore(store);
  await state.load();
  const time = { now: 1_000_000 };
  const clock: Clock = { now: () => time.now, sleep: () => Promise.resolve() };
  const calls: string[] = [];
  const answers: (() => void)[] = [];
  const api = (() => ({
    typing: (conversation: string, typing: boolean) => {
      calls.push(`${conversation} ${typing}`);
      return new Promise<void>((resolve) => answers.push(resolve));
    },
  })) as unknown as ApiFor;
  const reporter = new TypingReporter(state, api, clock);
  /** Answers every call made so far, and those they let through, until none waits. */
  const settle = async () => {
    for (let round = 0; round < 10; round++) {
      for (const answer of answers.splice(0)) answer();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { reporter, calls, time, settle };
}

describe('TypingReporter', () => {
  it(`says true at most every ${LIMITS.typingRenewSeconds} s while keys are pressed, and false once when they stop`, async () => {
    const { reporter, calls, time, settle } = await setUp();
    const pressed = reporter.report('popup', 'bob', true);
    time.now += 1_000;
    await reporter.report('popup', 'bob', true);
    time.now += LIMITS.typingRenewSeconds * 1000;
    const renewed = reporter.report('popup', 'bob', true);
    const stopped = reporter.report('popup', 'bob', false);
    await reporter.report('popup', 'bob', false);
    await settle();
    await Promise.all([pressed, renewed, stopped]);
    expect(calls).toEqual(['bob true', 'bob true', 'bob false']);
  });

  it('sends each call after the one before has been answered, so a false never overtakes its true', async () => {
    const { reporter, calls, settle } = await setUp();
    const pressed = reporter.report('popup', 'bob', true);
    const stopped = reporter.report('popup', 'bob', false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['bob true']);
    await settle();
    await Promise.all([pressed, stopped]);
    expect(calls).toEqual(['bob true', 'bob false']);
  });

  it('stops in the conversation left when typing in another, and everywhere when the view closes', async () => {
    const { reporter, calls, settle } = await setUp();
    const first = reporter.report('popup', 'bob', true);
    const second = reporter.report('popup', 'room_1', true);
    const other = reporter.report('panel', 'carol', true);
    const closed = reporter.detach('popup');
    await settle();
    await Promise.all([first, second, other, closed]);
    expect(calls).toEqual(['bob true', 'bob false', 'room_1 true', 'carol true', 'room_1 false']);
  });

  it(`tells nothing in rooms of more than ${LIMITS.typingRoomMembersMax} members, nor a stop nobody was told of`, async () => {
    const { reporter, calls, settle } = await setUp();
    const crowded = reporter.report('popup', 'room_2', true);
    const stopped = reporter.report('popup', 'bob', false);
    await settle();
    await Promise.all([crowded, stopped]);
    expect(calls).toEqual([]);
  });
});
