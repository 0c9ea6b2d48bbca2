import type { Conversation } from '@chatroom/shared';
import { conversationKey, stepConversation } from './conversation-keys';

const list = (unread: Record<string, number>) =>
  Object.entries(unread).map(([id, count]) => ({ id, unread: count }) as Conversation);

const press = (key: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
  conversationKey({ key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('conversationKey', () => {
  it('reads Alt+arrows, Alt+Shift+↓ and Esc, and nothing else', () => {
    expect(press('ArrowDown', { altKey: true })).toBe('next');
    expect(press('ArrowUp', { altKey: true })).toBe('previous');
    expect(press('ArrowDown', { altKey: true, shiftKey: true })).toBe('next-unread');
    expect(press('Escape')).toBe('list');
    expect(press('ArrowDown')).toBeNull();
    expect(press('ArrowUp', { altKey: true, shiftKey: true })).toBeNull();
    expect(press('ArrowDown', { altKey: true, ctrlKey: true })).toBeNull();
    expect(press('Escape', { shiftKey: true })).toBeNull();
  });
});

describe('stepConversation', () => {
  const conversations = list({ bob: 0, room_1: 2, carol: 0, dave: 1 });

  it('moves down and up the list, starting at an end when none is open, and stops at the ends', () => {
    expect(stepConversation(conversations, null, 'next')).toBe('bob');
    expect(stepConversation(conversations, null, 'previous')).toBe('dave');
    expect(stepConversation(conversations, 'room_1', 'next')).toBe('carol');
    expect(stepConversation(conversations, 'room_1', 'previous')).toBe('bob');
    expect(stepConversation(conversations, 'dave', 'next')).toBeNull();
    expect(stepConversation(conversations, 'bob', 'previous')).toBeNull();
  });

  it('goes to the next conversation with unread messages, round the end, never staying', () => {
    expect(stepConversation(conversations, null, 'next-unread')).toBe('room_1');
    expect(stepConversation(conversations, 'room_1', 'next-unread')).toBe('dave');
    expect(stepConversation(conversations, 'dave', 'next-unread')).toBe('room_1');
    expect(stepConversation(list({ bob: 1, carol: 0 }), 'bob', 'next-unread')).toBeNull();
  });
});
