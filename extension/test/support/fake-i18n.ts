import { fillValues, Translation } from '../../src/locales/catalog';
import { en, MessageKey } from '../../src/locales/en';
import type { I18nApi } from '../../src/platform/i18n';

/**
 * What `i18n` gives in a browser set to `language` whose translation is `texts` (null: English), as
 * the built `_locales` do: Node has no `chrome.i18n`, and the extension's scripts carry no texts.
 */
export function fakeI18n(language: string, texts: Translation<typeof en> | null): I18nApi {
  return {
    getMessage: (key, values = []) => {
      const entry = en[key as MessageKey] as (typeof en)[MessageKey] | undefined;
      return entry ? fillValues(entry, texts ? texts[key as MessageKey] : entry.message, values) : '';
    },
    getUILanguage: () => language,
  };
}

const holder = globalThis as { chrome?: { i18n?: I18nApi } };

/** Every Node test runs as in an English browser (jest.config.js runs this file first). */
export function installEnglish(): void {
  holder.chrome = { ...holder.chrome, i18n: fakeI18n('en-US', null) };
}

/** Runs `work` as in a browser set to `language`, then goes back to English. */
export function inLanguage<T>(language: string, texts: Translation<typeof en>, work: () => T): T {
  holder.chrome = { ...holder.chrome, i18n: fakeI18n(language, texts) };
  try {
    return work();
  } finally {
    installEnglish();
  }
}
