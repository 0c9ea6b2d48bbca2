import { find } from 'linkifyjs';

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Splits a message into plain text and web links, so links render as anchors and nothing as HTML. */
export function linkSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const link of find(text, 'url')) {
    if (!/^https?:\/\//i.test(link.href)) continue;
    if (link.start > cursor) segments.push({ kind: 'text', text: text.slice(cursor, link.start) });
    segments.push({ kind: 'link', text: link.value, href: link.href });
    cursor = link.end;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return segments;
}
