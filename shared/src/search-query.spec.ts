import { foldForSearch, parseSearchQuery, searchQueryProblem, searchWords } from './search-query';

describe('search query', () => {
  it('reads words, prefixes and phrases; every term must match', () => {
    expect(parseSearchQuery('lunch  tomorrow')).toEqual([
      { words: ['lunch'], prefix: false },
      { words: ['tomorrow'], prefix: false },
    ]);
    expect(parseSearchQuery('deplo*')).toEqual([{ words: ['deplo'], prefix: true }]);
    expect(parseSearchQuery('"release notes" v2*')).toEqual([
      { words: ['release', 'notes'], prefix: false },
      { words: ['v2'], prefix: true },
    ]);
  });

  it('ignores case and accents, as the indexes do', () => {
    expect(parseSearchQuery('CAFÉ Señor')).toEqual([
      { words: ['cafe'], prefix: false },
      { words: ['senor'], prefix: false },
    ]);
    expect(foldForSearch('Ｆｕｌｌwidth Ǆ')).toBe('fullwidth dz');
    expect(foldForSearch('Straße ﬁle İstanbul')).toBe('strasse file istanbul');
  });

  it('splits on punctuation as the indexes split text', () => {
    expect(searchWords('see example.com/a-b, ok?')).toEqual(['see', 'example', 'com', 'a', 'b', 'ok']);
    expect(parseSearchQuery('example.com')).toEqual([{ words: ['example', 'com'], prefix: false }]);
    expect(parseSearchQuery('"unclosed phrase')).toEqual([{ words: ['unclosed', 'phrase'], prefix: false }]);
  });

  it('finds nothing to look for in operators and punctuation alone', () => {
    for (const query of ['', '   ', '*', '""', '"" *', 'AND OR'.replace(/\w/g, '-'), '()', '" * "']) {
      expect(parseSearchQuery(query)).toEqual([]);
    }
  });

  it('keeps scripts without spaces and digits as words', () => {
    expect(parseSearchQuery('東京 2026')).toEqual([
      { words: ['東京'], prefix: false },
      { words: ['2026'], prefix: false },
    ]);
  });

  it('refuses, in words, a query that is empty, has more than 8 terms, or a prefix shorter than 2 letters', () => {
    expect(searchQueryProblem('" * "')).toMatch(/must contain a word/);
    expect(searchQueryProblem('one two three four five six seven eight')).toBeUndefined();
    expect(searchQueryProblem('one two three four five six seven eight nine')).toBe('may hold at most 8 terms (words, prefixes and quoted phrases).');
    expect(searchQueryProblem('"one two three four five six seven eight nine"')).toBeUndefined();
    expect(searchQueryProblem('a*')).toBe('needs at least 2 letters or digits before a * (a*).');
    expect(searchQueryProblem('report "x y"*')).toBe('needs at least 2 letters or digits before a * (y*).');
    expect(searchQueryProblem('ab* 東京*')).toBeUndefined();
    expect(searchQueryProblem('a')).toBeUndefined();
  });
});
