/**
 * What "Send to ChatRoom" puts in the composer, and how a message that is just a shared page is
 * recognised (issue #13). The page's title travels in the text itself, on the line above its address:
 * the server stores text only and never fetches a page; every client, an old one too, shows the title;
 * search finds it; deleting the message or its expiry erases it with the rest of the text.
 */
import { LIMITS } from './limits';

/** The page the user was looking at; its title is null where the browser did not tell it. */
export interface PageRef {
  url: string;
  title: string | null;
}

/** What the user right-clicked. */
export type ShareTarget =
  | { kind: 'page'; page: PageRef }
  | { kind: 'selection'; text: string; page: PageRef }
  /** A link's target, or an image's source. */
  | { kind: 'link' | 'image'; url: string; page: PageRef };

/** A message that is just a shared page: a title line, then the page's address alone on the next line. */
export interface SharedPage {
  title: string;
  url: string;
}

const ADDRESS = /^https?:\/\/\S+$/i;
const CONTAINS_ADDRESS = /https?:\/\//i;
/** Marks the line that says where a quote or a link was found. */
const SOURCE_MARK = '— ';

/**
 * The draft for a share: a page as its title above its address; a selection as a quote followed by the
 * page's title and address; a link or an image as its address with the page's title below. The quote
 * is shortened so that the whole draft fits in one message.
 */
export function shareText(target: ShareTarget): string {
  const title = target.page.title ? oneLine(target.page.title) : null;
  switch (target.kind) {
    case 'page':
      return title ? `${title}\n${target.page.url}` : target.page.url;
    case 'link':
    case 'image':
      return title ? `${target.url}\n${SOURCE_MARK}${title}` : target.url;
    case 'selection': {
      const source = title ? `${SOURCE_MARK}${title}\n${target.page.url}` : `${SOURCE_MARK}${target.page.url}`;
      return `${quote(target.text, LIMITS.messageMax - source.length - 1)}\n${source}`;
    }
  }
}

/** The shared page a message's text is, or null for any other text. */
export function sharedPageOf(text: string): SharedPage | null {
  const lines = text.split('\n');
  if (lines.length !== 2) return null;
  const [title = '', url = ''] = lines.map((line) => line.trim());
  if (!title || !ADDRESS.test(url) || CONTAINS_ADDRESS.test(title) || title.startsWith('>')) return null;
  return { title, url };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Each line of `text` after `> `, cut with an ellipsis to at most `max` characters in all. */
function quote(text: string, max: number): string {
  const quoted = text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line.trimEnd()}`)
    .join('\n');
  return quoted.length <= max ? quoted : `${quoted.slice(0, max - 1).trimEnd()}…`;
}
