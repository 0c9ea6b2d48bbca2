import { LIMITS } from './limits';

/**
 * The search language, read the same way by the server (to query its full-text index) and by the
 * extension (to highlight what matched): words match whole, a trailing `*` matches words starting
 * so, `"two words"` matches them next to each other in that order; every term must match. Case and
 * accents never matter. Anything that is neither a letter nor a digit separates words, as the
 * indexes split text.
 */

/** A term: its words (folded), and whether the last one is a prefix. One word unless it was a quoted phrase. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}/gu;
/** A quoted phrase (the closing quote may be missing) or an unquoted run, with an optional trailing `*`. */
const TERM = /"([^"]*)"?(\*?)|([^\s"]+)/gu;

/**
 * What a text's words are compared as: case folded (through upper case, so `ß` and `SS` meet),
 * accents removed, compatibility forms unified (`ﬁ`, full-width letters).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').toUpperCase().toLowerCase().normalize('NFKD').replace(COMBINING_MARK, '');
}

/** The words of a text, folded, in order: what the indexes hold of it. */
export function searchWords(text: string): string[] {
  return foldForSearch(text).match(WORD) ?? [];
}

/** The terms of a query; empty when it has no word to look for (only operators or punctuation). */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(TERM)) {
    const quoted = match[1];
    if (quoted !== undefined) {
      const words = searchWords(quoted);
      if (words.length > 0) terms.push({ words, prefix: match[2] === '*' });
      continue;
    }
    // Unquoted, `a-b*` is the phrase "a b" with b a prefix, as the index splits a-b.
    const run = match[3] ?? '';
    const words = searchWords(run);
    if (words.length > 0) terms.push({ words, prefix: run.endsWith('*') });
  }
  return terms;
}

/**
 * Why `q` cannot be searched for, as the end of a sentence that starts with `q`; undefined when it
 * can. No word to look for, too many terms, or a prefix so short that it would match most words.
 */
export function searchQueryProblem(query: string): string | undefined {
  const terms = parseSearchQuery(query);
  if (terms.length === 0) return 'must contain a word to search for (letters or digits), not only operators or punctuation.';
  if (terms.length > LIMITS.searchTermsMax) return `may hold at most ${LIMITS.searchTermsMax} terms (words, prefixes and quoted phrases).`;
  // Counted in code points: a folded word holds only letters and digits, no emoji to split.
  const shortPrefix = terms.find((term) => term.prefix && Array.from(term.words.at(-1) ?? '').length < LIMITS.searchPrefixMin);
  if (shortPrefix) return `needs at least ${LIMITS.searchPrefixMin} letters or digits before a * (${shortPrefix.words.at(-1) ?? ''}*).`;
  return undefined;
}
