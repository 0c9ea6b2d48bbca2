import type { ChatMessage } from '@chatroom/shared';
import { RecentMessages } from './recent-messages';

const message = (id: number, recipient = 'bob'): ChatMessage => ({
  id,
  kind: 'message',
  sender: 'alice',
  recipient,
  message: `m${id}`,
  timestamp: new Date(0).toISOString(),
});

describe('RecentMessages', () => {
  it('answers from memory what a read after the start would return', () => {
    const recent = new RecentMessages(10, 100);
    recent.add(message(101), ['alice', 'bob']);
    recent.add(message(102, 'carol'), ['alice', 'carol']);
    expect(recent.after('bob', 100, 50)?.map((m) => m.id)).toEqual([101]);
    expect(recent.after('alice', 101, 50)?.map((m) => m.id)).toEqual([102]);
    expect(recent.after('dave', 100, 50)).toEqual([]);
  });

  it('does not answer for ids before what it holds', () => {
    const recent = new RecentMessages(2, 100);
    expect(recent.after('bob', 99, 50)).toBeUndefined();
    for (const id of [101, 102, 103]) recent.add(message(id), ['bob']);
    expect(recent.after('bob', 100, 50)).toBeUndefined();
    expect(recent.after('bob', 101, 50)?.map((m) => m.id)).toEqual([102, 103]);
  });

  it('merges messages for everyone in id order and respects the limit', () => {
    const recent = new RecentMessages(10, 0);
    recent.add(message(1), ['bob']);
    recent.add({ ...message(2, '*'), kind: 'announcement', sender: 'server' }, 'everyone');
    recent.add(message(3), ['bob']);
    expect(recent.after('bob', 0, 50)?.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(recent.after('bob', 0, 2)?.map((m) => m.id)).toEqual([1, 2]);
    expect(recent.after('carol', 0, 50)?.map((m) => m.id)).toEqual([2]);
  });

  it("empties the text of an erased sender's messages wherever they are kept, and only theirs", () => {
    const recent = new RecentMessages(10, 0);
    recent.add(message(1), ['alice', 'bob']);
    recent.add({ ...message(2), sender: 'bob' }, ['alice', 'bob']);
    recent.add({ ...message(3), kind: 'event' }, ['bob']);
    recent.eraseTextOf('alice');
    expect(recent.after('bob', 0, 50)?.map((m) => [m.id, m.message])).toEqual([
      [1, ''],
      [2, message(2).message],
      [3, message(3).message],
    ]);
    expect(recent.after('alice', 0, 50)?.map((m) => m.message)).toEqual(['', message(2).message]);
  });
});
