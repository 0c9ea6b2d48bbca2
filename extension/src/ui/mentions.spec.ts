import { completeMention, mentionAt, mentionCandidates, mentionSegments, mentionSuggestions } from './mentions';

describe('mentionAt', () => {
  it('finds the name being typed after @, not an address', () => {
    expect(mentionAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail me@exam', 12)).toBeNull();
    expect(mentionAt('hi @bob and', 11)).toBeNull();
  });
});

describe('mentionSuggestions', () => {
  it('offers names starting with the query first, then names containing it', () => {
    expect(mentionSuggestions('b', ['abby', 'Bob', 'carol', 'bea'])).toEqual(['Bob', 'bea', 'abby']);
    expect(mentionSuggestions('', ['bob', 'BOB', 'carol'])).toEqual(['bob', 'carol']);
  });
});

describe('completeMention', () => {
  it('replaces what was typed with the whole name and a space, keeping the rest', () => {
    const text = 'hi @ca, see you';
    expect(completeMention(text, 6, { start: 3, query: 'ca' }, 'carol')).toEqual({ text: 'hi @carol , see you', caret: 10 });
    expect(completeMention('@b', 2, { start: 0, query: 'b' }, 'bob')).toEqual({ text: '@bob ', caret: 5 });
  });
});

describe('mentionCandidates', () => {
  it('offers the other participants, and @room in a room', () => {
    expect(mentionCandidates(['alice', 'bob'], 'Alice', false)).toEqual(['bob']);
    expect(mentionCandidates(['alice', 'bob', 'carol'], 'alice', true)).toEqual(['bob', 'carol', 'room']);
  });
});

describe('mentionSegments', () => {
  it('marks the mentions the server found, those of me apart', () => {
    expect(mentionSegments('thanks @Alice. and @bob, not me@example.com', ['alice', 'bob'], 'alice')).toEqual([
      { kind: 'text', text: 'thanks ' },
      { kind: 'mention', text: '@Alice', me: true },
      { kind: 'text', text: '. and ' },
      { kind: 'mention', text: '@bob', me: false },
      { kind: 'text', text: ', not me@example.com' },
    ]);
  });

  it('leaves a name that is not a participant as text', () => {
    expect(mentionSegments('hi @nobody', ['bob'], 'alice')).toEqual([{ kind: 'text', text: 'hi @nobody' }]);
  });
});
