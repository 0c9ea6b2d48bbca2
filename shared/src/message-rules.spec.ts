import type { ChatMessage, CurrentMessage } from './api';
import {
  applyChange,
  excerptOf,
  freshState,
  isReactionEmoji,
  mentionBeingTyped,
  mentionCandidates,
  textOrFiles,
  toggleReaction,
  withReplyPreview,
} from './message-rules';

const at = '2026-12-01T10:00:00.000Z';
const message = (id: number, text: string, extra: Partial<CurrentMessage> = {}): CurrentMessage => ({
  ...freshState({ id, kind: 'message', sender: 'bob', recipient: 'alice', message: text, timestamp: at }),
  ...extra,
});
const entry = (id: number, kind: ChatMessage['kind'], relatesTo: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  kind,
  relates_to: relatesTo,
  sender: 'bob',
  recipient: 'alice',
  message: text,
  timestamp: '2026-12-01T10:05:00.000Z',
  ...extra,
});

describe('mentionCandidates', () => {
  it('finds @names in any case, each once, with and without trailing punctuation', () => {
    expect(mentionCandidates('hi @Bob and @carol, thanks @bob.')).toEqual(['bob', 'carol', 'bob.']);
    expect(mentionCandidates('@room: lunch?')).toEqual(['room']);
    expect(mentionCandidates('ping @dot.name-')).toEqual(['dot.name-', 'dot.name']);
  });

  it('ignores e-mail addresses, names too short or too long, and texts without @', () => {
    expect(mentionCandidates('write to me@example.com')).toEqual([]);
    expect(mentionCandidates('@ab @ and @@x')).toEqual([]);
    expect(mentionCandidates(`@${'a'.repeat(33)}`)).toEqual([]);
    expect(mentionCandidates('no mentions here')).toEqual([]);
  });
});

describe('mentionBeingTyped', () => {
  it('is the name typed so far after an @ that starts a mention, and null elsewhere', () => {
    expect(mentionBeingTyped('hi @Bo')).toBe('Bo');
    expect(mentionBeingTyped('hi @')).toBe('');
    expect(mentionBeingTyped('mail me@exa')).toBeNull();
    expect(mentionBeingTyped('hi @bob and')).toBeNull();
  });
});

describe('isReactionEmoji', () => {
  it.each(['👍', '❤️', '❤', '👍🏽', '👩‍👩‍👧‍👦', '🇫🇷', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '©️'])('accepts %s', (emoji) => {
    expect(isReactionEmoji(emoji)).toBe(true);
  });

  it.each(['', 'a', '1', '#', ':)', '👍👍', '👍 ', 'x👍', '\u200D', '\uFE0F', '🇫', 'ok', '👍\u0000', '\ud83d'])('refuses %j', (text) => {
    expect(isReactionEmoji(text)).toBe(false);
  });
});

describe('excerptOf', () => {
  it('keeps short texts and cuts long ones at whole characters', () => {
    expect(excerptOf('short')).toBe('short');
    expect(excerptOf('x'.repeat(200))).toHaveLength(140);
    const emoji = excerptOf('😀'.repeat(150));
    expect(Array.from(emoji)).toHaveLength(140);
    expect(emoji).toBe('😀'.repeat(140));
  });
});

describe('applyChange', () => {
  it('takes an edit: new text, when it was edited, whom it mentions now', () => {
    const edited = applyChange(message(1, 'helo'), entry(2, 'edit', 1, 'hello @carol', { mentions: ['carol'] }));
    expect(edited).toMatchObject({ message: 'hello @carol', edited_at: '2026-12-01T10:05:00.000Z', mentions: ['carol'] });
  });

  it('takes whom an edited reply mentions from the server, which never mentions its own author', () => {
    const reply = message(3, 'yes', { reply_to: { id: 1, sender: 'alice', excerpt: 'lunch?', deleted: false }, mentions: ['alice'] });
    expect(applyChange(reply, entry(4, 'edit', 3, 'yes!', { mentions: ['alice'] })).mentions).toEqual(['alice']);
    const toSelf = message(5, 'and also', { reply_to: { id: 3, sender: 'bob', excerpt: 'yes', deleted: false } });
    expect(applyChange(toSelf, entry(6, 'edit', 5, 'and also this', { mentions: [] })).mentions).toEqual([]);
  });

  it('takes a delete: no text, no reactions; later changes to it change nothing', () => {
    const reacted = message(1, 'secret', { reactions: [{ emoji: '👍', users: ['alice'] }] });
    const deleted = applyChange(reacted, entry(2, 'delete', 1, ''));
    expect(deleted).toMatchObject({ message: '', deleted: true, reactions: [] });
    expect(applyChange(deleted, entry(3, 'reaction', 1, '🎉'))).toBe(deleted);
  });

  it('ignores entries about other messages', () => {
    const original = message(1, 'hi');
    expect(applyChange(original, entry(2, 'edit', 7, 'other'))).toBe(original);
  });

  it('adds and takes back reactions in the order they were first used', () => {
    let current = message(1, 'hi');
    current = applyChange(current, entry(2, 'reaction', 1, '👍', { sender: 'alice' }));
    current = applyChange(current, entry(3, 'reaction', 1, '🎉', { sender: 'carol' }));
    current = applyChange(current, entry(4, 'reaction', 1, '👍', { sender: 'carol' }));
    expect(current.reactions).toEqual([
      { emoji: '👍', users: ['alice', 'carol'] },
      { emoji: '🎉', users: ['carol'] },
    ]);
    current = applyChange(current, entry(5, 'reaction', 1, '🎉', { sender: 'carol', removed: true }));
    expect(current.reactions).toEqual([{ emoji: '👍', users: ['alice', 'carol'] }]);
  });
});

describe('toggleReaction', () => {
  it('is idempotent: adding twice or taking back what is not there changes nothing', () => {
    const reactions = [{ emoji: '👍', users: ['alice'] }];
    expect(toggleReaction(reactions, '👍', 'alice', true)).toBe(reactions);
    expect(toggleReaction(reactions, '👍', 'bob', false)).toBe(reactions);
    expect(toggleReaction(reactions, '🎉', 'bob', false)).toBe(reactions);
  });
});

describe('withReplyPreview', () => {
  it('quotes the original as it reads now, and nothing once it is deleted', () => {
    const reply = message(3, 'yes', { reply_to: { id: 1, sender: 'bob', excerpt: 'lunch?', deleted: false } });
    expect(withReplyPreview(reply, message(1, 'lunch at 1?')).reply_to?.excerpt).toBe('lunch at 1?');
    expect(withReplyPreview(reply, message(1, '', { deleted: true })).reply_to).toMatchObject({ excerpt: '', deleted: true });
    expect(withReplyPreview(reply, message(2, 'other'))).toBe(reply);
  });
});

describe('textOrFiles', () => {
  it('is the text when there is one, else the names of the files', () => {
    const files = [
      { id: 'a', name: 'plan.pdf', size: 1, mime: 'application/pdf' },
      { id: 'b', name: 'map.png', size: 1, mime: 'image/png' },
    ];
    expect(textOrFiles({ message: 'see attached', attachments: files })).toBe('see attached');
    expect(textOrFiles({ message: '', attachments: files })).toBe('📎 plan.pdf, 📎 map.png');
    expect(textOrFiles({ message: '' })).toBe('');
  });
});
