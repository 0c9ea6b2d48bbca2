import type { ChatMessage, Conversation } from '@chatroom/shared';
import { notificationFor } from './notifier';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const message = (id: number, sender: string, recipient: string, text: string, mentions: string[] = []): ChatMessage => ({
  id,
  kind: 'message',
  sender,
  recipient,
  message: text,
  timestamp: '2026-12-07T11:59:00Z',
  mentions,
});
const room: Conversation = {
  id: 'room_3',
  type: 'room',
  name: 'Weekend',
  last_message: null,
  unread: 0,
  mentions: 0,
  last_read_id: 0,
  notify: 'all',
  muted_until: null,
};

describe('notificationFor', () => {
  it('shows a lone DM as it is, with the sender as title and the buttons', () => {
    expect(notificationFor('bob', [message(1, 'bob', 'me', 'hi')], 1, undefined, 'me', NOW)).toEqual({
      conversation: 'bob',
      title: 'bob',
      body: 'hi',
      actions: true,
    });
  });

  it('names the room, and says when the message mentions you', () => {
    expect(notificationFor('room_3', [message(1, 'bob', 'room_3', 'hike?')], 1, room, 'me', NOW).title).toBe('bob in Weekend');
    expect(notificationFor('room_3', [message(1, 'bob', 'room_3', '@Me hike?', ['Me'])], 1, room, 'me', NOW).title).toBe(
      'bob mentioned you in Weekend',
    );
  });

  it('says how many wait when more than one does, above the newest', () => {
    const burst = [message(1, 'bob', 'room_3', 'one'), message(2, 'carol', 'room_3', 'two'), message(3, 'bob', 'room_3', 'three')];
    expect(notificationFor('room_3', burst, 3, room, 'me', NOW)).toEqual({
      conversation: 'room_3',
      title: 'Weekend',
      body: '3 new messages\nbob: three',
      actions: true,
    });
    expect(notificationFor('bob', [message(4, 'bob', 'me', 'again')], 2, undefined, 'me', NOW).body).toBe('2 new messages\nagain');
  });

  it('counts mentions where only mentions count', () => {
    const quiet = { ...room, notify: 'mentions' as const };
    expect(notificationFor('room_3', [message(5, 'bob', 'room_3', '@me now', ['me'])], 2, quiet, 'me', NOW).body).toBe('2 new mentions\nbob: @me now');
  });

  it('gives an announcement no buttons', () => {
    const announcement: ChatMessage = { ...message(6, 'server', '', 'Maintenance at 8'), kind: 'announcement' };
    expect(notificationFor('announcements', [announcement], 1, undefined, 'me', NOW)).toEqual({
      conversation: 'announcements',
      title: 'Announcement',
      body: 'Maintenance at 8',
      actions: false,
    });
  });
});
