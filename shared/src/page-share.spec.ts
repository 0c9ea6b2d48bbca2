import { LIMITS } from './limits';
import { sharedPageOf, shareText } from './page-share';

const page = { url: 'https://example.com/news/1', title: 'Rain  tomorrow\n— Weather' };

describe('shareText', () => {
  it('shares a page as its title above its address, and as its address alone without a title', () => {
    expect(shareText({ kind: 'page', page })).toBe('Rain tomorrow — Weather\nhttps://example.com/news/1');
    expect(shareText({ kind: 'page', page: { ...page, title: null } })).toBe('https://example.com/news/1');
  });

  it('quotes a selection line by line, followed by the page title and address', () => {
    expect(shareText({ kind: 'selection', text: ' Bring an umbrella.\nOr two. ', page })).toBe(
      '> Bring an umbrella.\n> Or two.\n— Rain tomorrow — Weather\nhttps://example.com/news/1',
    );
    expect(shareText({ kind: 'selection', text: 'Bring one.', page: { ...page, title: '' } })).toBe(
      '> Bring one.\n— https://example.com/news/1',
    );
  });

  it('shares a link or an image as its address with the page title', () => {
    expect(shareText({ kind: 'link', url: 'https://example.com/radar', page })).toBe(
      'https://example.com/radar\n— Rain tomorrow — Weather',
    );
    expect(shareText({ kind: 'image', url: 'https://example.com/cloud.png', page: { ...page, title: null } })).toBe(
      'https://example.com/cloud.png',
    );
  });

  it('shortens a long selection so that the draft fits in one message', () => {
    const text = shareText({ kind: 'selection', text: 'word '.repeat(2000), page });
    expect(text.length).toBeLessThanOrEqual(LIMITS.messageMax);
    expect(text).toMatch(/word…\n— Rain tomorrow — Weather\nhttps:\/\/example\.com\/news\/1$/);
  });
});

describe('sharedPageOf', () => {
  it('recognises a shared page, as shareText writes it', () => {
    expect(sharedPageOf(shareText({ kind: 'page', page }))).toEqual({
      title: 'Rain tomorrow — Weather',
      url: 'https://example.com/news/1',
    });
  });

  it('is null for every other text: a bare address, a quote, a link with its source, prose with an address', () => {
    const others = [
      'https://example.com/news/1',
      shareText({ kind: 'selection', text: 'Bring one.', page }),
      shareText({ kind: 'link', url: 'https://example.com/radar', page }),
      'see https://a.example and\nhttps://b.example',
      'Rain tomorrow\nhttps://example.com/a b',
      'Rain tomorrow\nftp://example.com/file',
      '> quoted\nhttps://example.com',
      'one line',
    ];
    for (const text of others) expect(sharedPageOf(text)).toBeNull();
  });
});
