import { linkSegments } from './link-segments';

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

  it('never links script or mail addresses', () => {
    expect(linkSegments('javascript:alert(1) mail me@example.com')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) mail me@example.com' },
    ]);
  });
});
