import { linkSegments } from './link-segments';

/** The links found in a message, as [text shown, address opened]. */
const links = (text: string) => linkSegments(text).flatMap((s) => (s.kind === 'link' ? [[s.text, s.href]] : []));

describe('linkSegments', () => {
  it('keeps markup as plain text', () => {
    expect(linkSegments('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('turns web addresses into links and keeps the text around them', () => {
    expect(linkSegments('see https://example.com/a?b=1 and www.example.org.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'www.example.org', href: 'http://www.example.org' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('links bare domains, with their path, in any script', () => {
    expect(links('try example.com, github.com/a/b?x=1#y or münchen.de/ä; new: sub.example.app')).toEqual([
      ['example.com', 'http://example.com'],
      ['github.com/a/b?x=1#y', 'http://github.com/a/b?x=1#y'],
      ['münchen.de/ä', 'http://münchen.de/ä'],
      ['sub.example.app', 'http://sub.example.app'],
    ]);
  });

  it('leaves file names and version numbers as text', () => {
    expect(links('open notes.txt, app.zip and index.js from v1.2.3')).toEqual([]);
  });

  it('keeps the punctuation that ends a sentence out of the link', () => {
    expect(links('at https://ex.com/a: next')).toEqual([['https://ex.com/a', 'https://ex.com/a']]);
    expect(links('wow https://example.com/x?!')).toEqual([['https://example.com/x', 'https://example.com/x']]);
    expect(links('(see https://example.com/x).')).toEqual([['https://example.com/x', 'https://example.com/x']]);
    expect(links('(end https://example.com/x.)')).toEqual([['https://example.com/x', 'https://example.com/x']]);
    expect(links('say "https://example.com/x".')).toEqual([['https://example.com/x', 'https://example.com/x']]);
    expect(links('go to example.com/a. Then')).toEqual([['example.com/a', 'http://example.com/a']]);
    expect(linkSegments('fine: www.example.org!').at(-1)).toEqual({ kind: 'text', text: '!' });
  });

  it('keeps brackets and punctuation inside an address', () => {
    expect(links('https://de.wikipedia.org/wiki/Klammer_(Zeichen). https://example.com/search?q=a.b&c=1#top')).toEqual([
      ['https://de.wikipedia.org/wiki/Klammer_(Zeichen)', 'https://de.wikipedia.org/wiki/Klammer_(Zeichen)'],
      ['https://example.com/search?q=a.b&c=1#top', 'https://example.com/search?q=a.b&c=1#top'],
    ]);
  });

  it('never links script or mail addresses', () => {
    expect(linkSegments('javascript:alert(1) mail me@example.com')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) mail me@example.com' },
    ]);
    expect(links('javascript://example.com/%0aalert(1) mailto:me@example.com ftp://example.com file:///etc/passwd //example.com')).toEqual([]);
  });
});
