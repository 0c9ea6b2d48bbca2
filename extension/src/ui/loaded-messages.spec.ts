import { ChatMessage, CurrentMessage, freshState } from '@chatroom/shared';
import { withArrived, withCurrent } from './loaded-messages';

const message = (id: number, text: string, extra: Partial<CurrentMessage> = {}): CurrentMessage => ({
  ...freshState({ id, kind: 'message', sender: 'bob', recipient: 'alice', message: text, timestamp: '2026-12-01T10:00:00.000Z' }),
  ...extra,
});
const entry = (id: number, kind: ChatMessage['kind'], relatesTo: number, text: string): ChatMessage => ({
  id,
  kind,
  relates_to: relatesTo,
  sender: 'bob',
  recipient: 'alice',
  message: text,
  timestamp: '2026-12-01T10:05:00.000Z',
});
const quoting = (id: number, original: number, excerpt: string) =>
  message(id, 'see you', { reply_to: { id: original, sender: 'bob', excerpt, deleted: false } });

describe('withArrived', () => {
  it('adds new messages in order and folds edits and deletes into them and into the replies that quote them', () => {
    const shown = [message(1, 'lunch?'), quoting(2, 1, 'lunch?')];
    const next = withArrived(shown, [
      { id: 3, kind: 'message', sender: 'bob', recipient: 'alice', message: 'at 1', timestamp: '2026-12-01T10:01:00.000Z' },
      entry(4, 'edit', 1, 'lunch at 1?'),
      entry(5, 'delete', 3, ''),
    ]);
    expect(next.map((m) => [m.id, m.message, m.deleted, m.reply_to?.excerpt ?? null])).toEqual([
      [1, 'lunch at 1?', false, null],
      [2, 'see you', false, 'lunch at 1?'],
      [3, '', true, null],
    ]);
  });

  it('leaves the list as it is for entries about messages it does not show', () => {
    const shown = [message(1, 'hi')];
    expect(withArrived(shown, [entry(9, 'edit', 7, 'other'), entry(10, 'reaction', 7, '👍')])).toBe(shown);
  });
});

describe('withCurrent', () => {
  it('takes the server’s answer to the user’s own change, with the quotes of replies', () => {
    const shown = [message(1, 'hi'), quoting(2, 1, 'hi')];
    const next = withCurrent(shown, [message(1, 'hi there', { reactions: [{ emoji: '👍', users: ['alice'] }] }), message(8, 'not shown')]);
    expect(next.map((m) => [m.id, m.message, m.reply_to?.excerpt ?? null])).toEqual([
      [1, 'hi there', null],
      [2, 'see you', 'hi there'],
    ]);
    expect(next[0]?.reactions).toEqual([{ emoji: '👍', users: ['alice'] }]);
  });
});
