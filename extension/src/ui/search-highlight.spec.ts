import { parseSearchQuery } from '@chatroom/shared';
import { highlightSegments, matchedRanges } from './search-highlight';

/** The text with what matched in [brackets]. */
function marked(text: string, query: string, maxLength?: number): string {
  return highlightSegments(text, parseSearchQuery(query), maxLength)
    .map((segment) => (segment.match ? `[${segment.text}]` : segment.text))
    .join('');
}

describe('highlightSegments', () => {
  it('marks whole words regardless of case and accents, as the server matches them', () => {
    expect(marked('Café at noon? CAFE it is, not cafeteria.', 'cafe')).toBe('[Café] at noon? [CAFE] it is, not cafeteria.');
    expect(marked('Die Straße ist lang', 'STRASSE')).toBe('Die [Straße] ist lang');
    expect(marked('Cafe\u0301 decomposed', 'café')).toBe('[Cafe\u0301] decomposed');
  });

  it('marks words starting with a prefix term', () => {
    expect(marked('Deploying the deploy; redeploy later', 'deploy*')).toBe('[Deploying] the [deploy]; redeploy later');
  });

  it('marks a phrase only where its words stand together in order, separators included', () => {
    expect(marked('release notes, notes release, release-notes', '"release notes"')).toBe(
      '[release notes], notes release, [release-notes]',
    );
    expect(marked('see example.com now', 'example.com')).toBe('see [example.com] now');
  });

  it('marks every term of the query', () => {
    expect(marked('bob sent the link to carol', 'link bob')).toBe('[bob] sent the [link] to carol');
  });

  it('keeps the text as it was written: nothing is dropped or added', () => {
    const text = '<b>lunch</b> & "lunch" at 1?';
    expect(highlightSegments(text, parseSearchQuery('lunch')).map((s) => s.text).join('')).toBe(text);
    expect(marked(text, 'lunch')).toBe('<b>[lunch]</b> & "[lunch]" at 1?');
  });

  it('folds a Greek word whole, so its final sigma matches', () => {
    expect(marked('ΟΔΟΣ κλειστή', 'οδός')).toBe('[ΟΔΟΣ] κλειστή');
  });

  it('cuts a long text to an excerpt around the first match', () => {
    const text = `${'filler '.repeat(40)}the password is in the vault ${'tail '.repeat(40)}`;
    const excerpt = marked(text, 'vault', 80);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('the password is in the [vault]');
    expect(excerpt.length).toBeLessThanOrEqual(80 + 4);
  });

  it('leaves a text without a match whole and unmarked', () => {
    expect(highlightSegments('nothing here', parseSearchQuery('lunch'))).toEqual([{ text: 'nothing here', match: false }]);
  });
});

describe('matchedRanges', () => {
  it('merges matches that overlap', () => {
    expect(matchedRanges('release notes', parseSearchQuery('"release notes" notes'))).toEqual([[0, 13]]);
  });
});
