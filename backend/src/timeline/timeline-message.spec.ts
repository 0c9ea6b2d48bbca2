import { conversationIdFor, conversationKey } from './timeline-message';

describe('conversation keys', () => {
  it('gives both sides of a DM the same key', () => {
    expect(conversationKey('bob', 'alice')).toBe(conversationKey('alice', 'bob'));
    expect(conversationIdFor(conversationKey('alice', 'bob'), 'alice')).toBe('bob');
    expect(conversationIdFor(conversationKey('alice', 'bob'), 'bob')).toBe('alice');
  });

  it('uses the room id for rooms and * for announcements', () => {
    expect(conversationKey('alice', 'room_3')).toBe('room_3');
    expect(conversationKey('server', '*')).toBe('*');
    expect(conversationIdFor('room_3', 'alice')).toBe('room_3');
  });

  it('names a note-to-self after its writer', () => {
    expect(conversationIdFor(conversationKey('alice', 'alice'), 'alice')).toBe('alice');
  });
});
