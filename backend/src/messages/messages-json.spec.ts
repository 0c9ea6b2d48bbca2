import type { ChatMessage, MessagesResponse } from '@chatroom/shared';
import { changedInPlace, messagesResponseJson } from './messages-json';

const message = (id: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  kind: 'message',
  sender: 'alice',
  recipient: 'room_1',
  message: `m${id} "quoted" \u2028 é`,
  timestamp: new Date(0).toISOString(),
  client_id: null,
  reply_to: null,
  mentions: [],
  attachments: [],
  ...extra,
});

describe('messagesResponseJson', () => {
  it('writes what JSON.stringify writes, byte for byte', () => {
    const answers: MessagesResponse[] = [
      { messages: [], last_id: 7 },
      { messages: [message(8)], last_id: 8 },
      { messages: [message(9), message(10, { reply_to: { id: 9, sender: 'bob', excerpt: 'hi', deleted: false }, mentions: ['bob'] })], last_id: 10 },
      { messages: [message(11)], last_id: 11, ephemeral: [{ type: 'read', conversation: 'room_1', user: 'bob', last_read_id: 11 }] },
      { messages: [], last_id: 0, ephemeral: undefined },
    ];
    for (const answer of answers) expect(messagesResponseJson(answer)).toBe(JSON.stringify(answer));
  });

  it('shows a message changed in place as it is now', () => {
    const shared = message(12);
    expect(messagesResponseJson({ messages: [shared], last_id: 12 })).toContain('m12');
    shared.message = '';
    changedInPlace(shared);
    expect(messagesResponseJson({ messages: [shared], last_id: 12 })).toBe(JSON.stringify({ messages: [shared], last_id: 12 }));
  });
});
