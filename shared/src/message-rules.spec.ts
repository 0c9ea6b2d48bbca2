import { excerptOf, isReactionEmoji, mentionCandidates } from './message-rules';

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
