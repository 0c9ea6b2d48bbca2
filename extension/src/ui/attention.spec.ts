import type { CurrentMessage } from '@chatroom/shared';
import { inLanguage } from '../../test/support/fake-i18n';
import { de } from '../locales/de';
import { firstUnreadId, seenLine, seenText, typingText, typistsIn, withReadMarkers, withTyping } from './attention';

function message(id: number, sender: string, overrides: Partial<CurrentMessage> = {}): CurrentMessage {
  return {
    id,
    kind: 'message',
    sender,
    recipient: 'x',
    message: `m${id}`,
    timestamp: '2026-12-07T10:00:00.000Z',
    edited_at: null,
    deleted: false,
    reactions: [],
    reply_to: null,
    mentions: [],
    ...overrides,
  };
}

describe('typing', () => {
  it('takes each list as the whole truth for its conversation, whatever the case of its id', () => {
    let board = withTyping({}, [{ type: 'typing', conversation: 'Bob', users: ['Bob'] }]);
    board = withTyping(board, [{ type: 'typing', conversation: 'room_1', users: ['carol', 'dave'] }]);
    expect(typistsIn(board, 'bob')).toEqual(['Bob']);
    board = withTyping(board, [
      { type: 'read', conversation: 'bob', user: 'Bob', last_read_id: 3 },
      { type: 'typing', conversation: 'bob', users: [] },
    ]);
    expect(typistsIn(board, 'Bob')).toEqual([]);
    expect(typistsIn(board, 'room_1')).toEqual(['carol', 'dave']);
  });

  it('is said in words', () => {
    expect(typingText([])).toBeNull();
    expect(typingText(['bob'])).toBe('bob is typing…');
    expect(typingText(['bob', 'carol'])).toBe('bob and carol are typing…');
    expect(typingText(['bob', 'carol', 'dave'])).toBe('3 people are typing…');
    expect(inLanguage('de', de, () => typingText(['bob', 'carol']))).toBe('bob und carol schreiben…');
  });
});

describe('seen', () => {
  it('follows the newest read marker of each member of the conversation, backwards too', () => {
    const markers = withReadMarkers(
      { bob: 4 },
      [
        { type: 'read', conversation: 'room_1', user: 'bob', last_read_id: 9 },
        { type: 'read', conversation: 'room_2', user: 'carol', last_read_id: 9 },
        { type: 'typing', conversation: 'room_1', users: ['bob'] },
        { type: 'read', conversation: 'ROOM_1', user: 'bob', last_read_id: 7 },
      ],
      'room_1',
    );
    expect(markers).toEqual({ bob: 7 });
  });

  it('goes under the newest of your messages someone has read, naming who', () => {
    const messages = [message(1, 'me'), message(2, 'bob'), message(3, 'Me'), message(4, 'me'), message(5, 'me', { deleted: true })];
    expect(seenLine(messages, {}, 'me')).toBeNull();
    expect(seenLine(messages, { bob: 2 }, 'me')).toEqual({ id: 1, readers: ['bob'] });
    expect(seenLine(messages, { carol: 5, bob: 3, dave: 2 }, 'me')).toEqual({ id: 4, readers: ['carol'] });
    expect(seenLine(messages, { carol: 5, bob: 4, me: 9 }, 'me')).toEqual({ id: 4, readers: ['bob', 'carol'] });
  });

  it('says "Seen" in a DM and "Seen by N" in a room', () => {
    expect(seenText({ id: 1, readers: ['bob'] }, false)).toBe('Seen');
    expect(seenText({ id: 1, readers: ['bob', 'carol'] }, true)).toBe('Seen by 2');
    expect(inLanguage('de', de, () => seenText({ id: 1, readers: ['bob', 'carol'] }, true))).toBe('Gesehen von 2');
  });
});

describe('firstUnreadId', () => {
  it('is the first message of someone else after where the reader stopped', () => {
    const messages = [message(1, 'bob'), message(2, 'me'), message(3, 'bob', { kind: 'event' }), message(4, 'bob'), message(5, 'bob')];
    expect(firstUnreadId(messages, 1, 'me')).toBe(4);
    expect(firstUnreadId(messages, 0, 'me')).toBe(1);
    expect(firstUnreadId(messages, 5, 'me')).toBeNull();
  });
});
