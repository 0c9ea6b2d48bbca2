import type { Conversation } from '@chatroom/shared';
import { quickSwitchMatches } from './quick-switch';

function conversation(id: string, name: string, type: Conversation['type'] = 'dm'): Conversation {
  return { id, name, type, last_message: null, unread: 0, mentions: 0, last_read_id: 0, notify: 'all', muted_until: null };
}

const conversations = [
  conversation('room_2', 'Weekend trip', 'room'),
  conversation('Bob', 'Bob'),
  conversation('room_1', 'Café crew', 'room'),
  conversation('abby', 'abby'),
];

const names = (typed: string, people: string[] = []) => quickSwitchMatches(typed, conversations, people, 'me').map((t) => `${t.kind}:${t.name}`);

describe('quickSwitchMatches', () => {
  it('offers names starting with what was typed, then names with a word starting so, then names containing it', () => {
    expect(names('b', ['bea'])).toEqual(['conversation:Bob', 'person:bea', 'conversation:abby']);
    expect(names('trip')).toEqual(['conversation:Weekend trip']);
    expect(names('ee')).toEqual(['conversation:Weekend trip']);
  });

  it('ignores case and accents', () => {
    expect(names('CAFE')).toEqual(['conversation:Café crew']);
    expect(names('bOB')).toEqual(['conversation:Bob']);
  });

  it('offers a person once, as the conversation with them when there is one, and never the user', () => {
    expect(names('b', ['BOB', 'bea', 'bea', 'me'])).toEqual(['conversation:Bob', 'person:bea', 'conversation:abby']);
    expect(names('m', ['me', 'mia'])).toEqual(['person:mia']);
  });

  it('offers nothing for nothing typed, and at most the number asked for', () => {
    expect(names('  ')).toEqual([]);
    expect(quickSwitchMatches('a', conversations, ['al', 'ana', 'ava'], 'me', 3)).toHaveLength(3);
  });
});
