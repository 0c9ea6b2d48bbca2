import { searchWords, SearchTerm } from '@chatroom/shared';

/** A run of a message's text, and whether it is (part of) what the search matched. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** A word of the text as the index holds it, and the stretch of the original text it came from. */
interface TextWord {
  word: string;
  start: number;
  end: number;
}

const MARK = /\p{M}/u;

/**
 * Whether a character is part of a word: it folds to a letter or digit (`é`, `ﬁ`, `㎏`), or it is an
 * accent, which folding drops from inside the word it belongs to.
 */
function isWordPart(char: string): boolean {
  return MARK.test(char) || searchWords(char).length > 0;
}

/**
 * The words of a text with where each stands. Each run of word characters is folded whole (a Greek
 * final sigma depends on its neighbours); a run that folds to several words (`½`) lends each its
 * whole stretch.
 */
function wordsOf(text: string): TextWord[] {
  const words: TextWord[] = [];
  let start = -1;
  let index = 0;
  const close = (end: number) => {
    if (start < 0) return;
    for (const word of searchWords(text.slice(start, end))) words.push({ word, start, end });
    start = -1;
  };
  for (const char of text) {
    if (isWordPart(char)) {
      if (start < 0) start = index;
    } else {
      close(index);
    }
    index += char.length;
  }
  close(index);
  return words;
}

function matchesAt(words: TextWord[], at: number, term: SearchTerm): boolean {
  return term.words.every((wanted, k) => {
    const word = words[at + k]?.word;
    if (word === undefined) return false;
    return term.prefix && k === term.words.length - 1 ? word.startsWith(wanted) : word === wanted;
  });
}

/** Where the terms match in the text, as sorted, non-overlapping [start, end) stretches. */
export function matchedRanges(text: string, terms: SearchTerm[]): [number, number][] {
  const words = wordsOf(text);
  const ranges: [number, number][] = [];
  words.forEach((word, at) => {
    for (const term of terms) {
      const last = words[at + term.words.length - 1];
      if (last && matchesAt(words, at, term)) ranges.push([word.start, last.end]);
    }
  });
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** How much of a text precedes its first match in an excerpt, so the match is read in context. */
const LEAD = 40;

/**
 * The text split into matched and unmatched runs, to render as text nodes and `<mark>`s. A text
 * longer than `maxLength` is cut to an excerpt around its first match, with `…` where it was cut.
 */
export function highlightSegments(text: string, terms: SearchTerm[], maxLength = Infinity): HighlightSegment[] {
  const ranges = matchedRanges(text, terms);
  let from = 0;
  let to = text.length;
  if (text.length > maxLength) {
    from = excerptStart(text, (ranges[0]?.[0] ?? 0) - LEAD);
    to = Math.min(text.length, from + maxLength);
    if (isLowSurrogate(text, to)) to -= 1;
  }
  const segments: HighlightSegment[] = [];
  const push = (segment: HighlightSegment) => {
    if (segment.text) segments.push(segment);
  };
  if (from > 0) push({ text: '…', match: false });
  let cursor = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    push({ text: text.slice(cursor, Math.max(cursor, start)), match: false });
    push({ text: text.slice(Math.max(cursor, start), Math.min(end, to)), match: true });
    cursor = Math.min(end, to);
  }
  push({ text: text.slice(cursor, to), match: false });
  if (to < text.length) push({ text: '…', match: false });
  return segments;
}

/** Where an excerpt meant to start near `wanted` starts: after a space if one is close, never inside a character. */
function excerptStart(text: string, wanted: number): number {
  if (wanted <= 0) return 0;
  const space = text.lastIndexOf(' ', wanted);
  if (space >= 0 && wanted - space < LEAD) return space + 1;
  return isLowSurrogate(text, wanted) ? wanted - 1 : wanted;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
