import { LinkifyIt } from 'linkify-it';

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * Web addresses only: `http(s)://…`, and bare ones (`www.example.org`, `example.com/a`) whose last
 * part is a country code, one of linkify-it's common top-level domains or one of those added here, so
 * that a file name (`notes.txt`, `app.zip`) stays text. No mail, ftp or `//` links.
 */
const webAddresses = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false })
  .add('ftp:', null)
  .add('mailto:', null)
  .add('//', null)
  .tlds(['app', 'dev', 'xyz', 'tech', 'online', 'site', 'cloud', 'blog', 'page'], true);

/** What ends a sentence is not part of the address before it ("see https://example.com/a: …"). */
const SENTENCE_PUNCTUATION = /[.,:;!?]+$/;

/** Splits a message into plain text and web links, so links render as anchors and nothing as HTML. */
export function linkSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const link of webAddresses.match(text) ?? []) {
    if (!/^https?:\/\//i.test(link.url)) continue;
    const trailing = SENTENCE_PUNCTUATION.exec(link.raw)?.[0].length ?? 0;
    const end = link.lastIndex - trailing;
    if (link.index > cursor) segments.push({ kind: 'text', text: text.slice(cursor, link.index) });
    segments.push({ kind: 'link', text: text.slice(link.index, end), href: link.url.slice(0, link.url.length - trailing) });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return segments;
}
