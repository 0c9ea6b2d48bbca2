import type { ChatMessage } from '@chatroom/shared';
import { TimelineRow, toChatMessage } from '../timeline/timeline-message';
import { messagesResponseJson } from './messages-json';
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

describe('RecentMessages following deletes', () => {
  const row = (id: number, changes: Partial<TimelineRow> = {}): TimelineRow => ({
    id,
    kind: 'message',
    sender: 'alice',
    recipient: 'bob',
    conversation: 'dm:alice:bob',
    body: `text ${id}`,
    client_id: null,
    created_at: new Date(0).toISOString(),
    relates_to: null,
    reply_to: null,
    edit_id: null,
    removed: null,
    mentions: null,
    new_mentions: null,
    deleted_at: null,
    attachments: null,
    ...changes,
  });
  const preview = (id: number, excerpt: string, deleted = false) => ({ id, sender: 'alice', excerpt, deleted });
  const audience = ['alice', 'bob'];

  it('erases a deleted message, its edits and what replies quote of it, as the database does', () => {
    const recent = new RecentMessages(10, 0);
    const file = { id: 'f1', name: 'cat.png', size: 3, mime: 'image/png', width: 1, height: 1 };
    recent.add(toChatMessage(row(1, { mentions: '["bob"]', attachments: JSON.stringify([file]) })), audience);
    expect(recent.after('bob', 0, 10)?.[0]?.attachments).toEqual([file]);
    recent.add(toChatMessage(row(2, { reply_to: 1, mentions: '["alice"]' }), preview(1, 'text 1')), audience);
    recent.add(toChatMessage(row(3, { kind: 'edit', relates_to: 1, body: 'better text', mentions: '["bob"]', new_mentions: '[]' })), audience);
    // A reply quotes the message as it was when the reply was written.
    expect(recent.after('bob', 0, 10)?.[1]?.reply_to).toEqual(preview(1, 'text 1'));
    // Polls answered before the deletion serialized the kept entries.
    const answerTo = (username: string) => messagesResponseJson({ messages: recent.after(username, 0, 10) ?? [], last_id: 4 });
    expect(answerTo('bob')).toContain('better text');

    recent.add(toChatMessage(row(4, { kind: 'delete', relates_to: 1, body: '', sender: 'bob', recipient: 'alice' })), audience);
    // As a read of the rows the deletion erased gives them.
    const erased = [
      toChatMessage(row(1, { body: '', deleted_at: new Date(0).toISOString() })),
      toChatMessage(row(2, { reply_to: 1, mentions: '["alice"]' }), preview(1, '', true)),
      toChatMessage(row(3, { kind: 'edit', relates_to: 1, body: '' })),
      toChatMessage(row(4, { kind: 'delete', relates_to: 1, body: '', sender: 'bob', recipient: 'alice' })),
    ];
    expect(recent.after('alice', 0, 10)).toEqual(erased);
    expect(recent.after('bob', 0, 10)).toEqual(erased);
    expect(answerTo('bob')).toBe(JSON.stringify({ messages: erased, last_id: 4 }));
  });

  it('erases a deleted reply and leaves the message it answered alone', () => {
    const recent = new RecentMessages(10, 0);
    recent.add(toChatMessage(row(1)), audience);
    recent.add(toChatMessage(row(2, { reply_to: 1 }), preview(1, 'text 1')), audience);
    recent.add(toChatMessage(row(3, { kind: 'delete', relates_to: 2, body: '' })), audience);
    recent.add(toChatMessage(row(4, { kind: 'delete', relates_to: 1, body: '' })), audience);
    expect(recent.after('bob', 0, 10)?.map((m) => [m.message, m.reply_to])).toEqual([
      ['', null],
      ['', null],
      ['', undefined],
      ['', undefined],
    ]);
  });

  it('erases expired messages, their edits (also kept without them) and quotes of them, and nothing else', () => {
    const recent = new RecentMessages(2, 0);
    recent.add(toChatMessage(row(1)), audience);
    recent.add(toChatMessage(row(2)), audience);
    recent.add(toChatMessage(row(3, { reply_to: 2 }), preview(2, 'text 2')), audience);
    recent.add(toChatMessage(row(4, { kind: 'edit', relates_to: 1, body: 'newer text', new_mentions: '[]' })), audience);
    recent.eraseMessages([1, 2]);
    expect(recent.after('bob', 2, 10)?.map((m) => [m.message, m.reply_to])).toEqual([
      ['text 3', preview(2, '', true)],
      ['', undefined],
    ]);
  });

  it('forgets entries no list keeps any more', () => {
    const recent = new RecentMessages(1, 0);
    const first = toChatMessage(row(1));
    recent.add(first, audience);
    recent.add(toChatMessage(row(2)), audience);
    recent.add(toChatMessage(row(3, { kind: 'delete', relates_to: 1, body: '' })), audience);
    // Pushed out before the delete came: polls reaching back to it read the database instead.
    expect(first.message).toBe('text 1');
    expect(recent.after('bob', 1, 10)).toBeUndefined();
  });
});
