import type { MessageKey, MessageValues } from '../locales/en';

/** What the pages and the worker use of the browser's `i18n`. */
export interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

/**
 * The browser's `i18n`: the texts come from the `_locales` the build writes, so that no page carries
 * the catalog in its script. Node tests install one from the catalog (test/support/fake-i18n.ts).
 */
function api(): I18nApi | undefined {
  return (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;
}

/** A UI string in the browser's language (English where the extension has no translation for it). */
export function t<K extends MessageKey>(key: K, ...values: MessageValues<K>): string {
  // A key the build did not write shows as itself rather than as nothing.
  return api()?.getMessage(key, [...values]) || key;
}

/**
 * The browser's UI language (`de`, `en-US`), for dates, times and numbers through `Intl`; undefined
 * where there is none, which `Intl` takes as its default.
 */
export function uiLanguage(): string | undefined {
  return api()?.getUILanguage() || undefined;
}

const MARK = '\u0001';

/**
 * A UI string whose values are not text (a name in bold, a key in <kbd>): the parts between the
 * values, and the values in the places the language puts them.
 */
export function tParts<K extends MessageKey, P>(key: K, ...values: MessageValues<K, P | string>): (string | P)[] {
  const marks = values.map((_value, index) => `${MARK}${index}${MARK}`) as MessageValues<K>;
  return t(key, ...marks)
    .split(new RegExp(`${MARK}(\\d+)${MARK}`))
    .map((part, index) => (index % 2 === 1 ? (values[Number(part)] as P | string) : part))
    .filter((part) => part !== '');
}
