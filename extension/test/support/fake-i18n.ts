import { fillValues, Translation } from '../../src/locales/catalog';
import { en, MessageKey } from '../../src/locales/en';

/**
 * Runs `work` as if in a browser set to `language`, with `texts` its translation: what the built
 * `_locales` give `i18n.getMessage` there. Node has no `chrome.i18n` otherwise, and `t()` gives English.
 */
export function inLanguage<T>(language: string, texts: Translation<typeof en>, work: () => T): T {
  const holder = globalThis as { chrome?: unknown };
  const before = holder.chrome;
  holder.chrome = {
    i18n: {
      getMessage: (key: MessageKey, values: string[] = []) => fillValues(en[key], texts[key], values),
      getUILanguage: () => language,
    },
  };
  try {
    return work();
  } finally {
    holder.chrome = before;
  }
}
