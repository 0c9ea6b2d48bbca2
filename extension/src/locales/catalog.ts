/**
 * The extension's UI strings (issue #13): English is the source, each other language a full
 * translation of it. The build writes them as `_locales/<lang>/messages.json` for `i18n.getMessage`;
 * a key missing from a translation, or a value it names differently, fails the type check.
 */

/** An English string, with `$NAME$` where each of its `values` goes, in that order. */
export interface CatalogEntry {
  message: string;
  values?: readonly string[];
  /** For translators, where the string alone does not say what it is. */
  description?: string;
}

export type Catalog = Record<string, CatalogEntry>;

/** A translation: every key of the English catalog, with the same `$NAME$` values in its text. */
export type Translation<C extends Catalog> = { [K in keyof C]: string };

interface MessagesJsonEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}

/** `messages.json` for a language: the English catalog's keys and values, the language's texts. */
export function messagesJson<C extends Catalog>(catalog: C, texts: Translation<C> | null): Record<string, MessagesJsonEntry> {
  const json: Record<string, MessagesJsonEntry> = {};
  for (const [key, entry] of Object.entries(catalog)) {
    const placeholders = entry.values?.length
      ? Object.fromEntries(entry.values.map((name, index) => [name.toLowerCase(), { content: `$${index + 1}` }]))
      : undefined;
    json[key] = {
      message: texts ? texts[key as keyof C] : entry.message,
      ...(entry.description ? { description: entry.description } : {}),
      ...(placeholders ? { placeholders } : {}),
    };
  }
  return json;
}

/** The `$NAME$` values a text uses, sorted: a translation must use exactly those of its English text. */
export function valuesIn(text: string): string[] {
  return [...new Set(text.match(/\$[A-Z_]+\$/g) ?? [])].map((token) => token.slice(1, -1)).sort();
}

/** `text` with each `$NAME$` replaced by its value: what `i18n.getMessage` does (Node tests stand in for it with this). */
export function fillValues(entry: CatalogEntry, text: string, values: readonly string[]): string {
  return (entry.values ?? []).reduce((filled, name, index) => filled.split(`$${name}$`).join(values[index] ?? ''), text);
}
