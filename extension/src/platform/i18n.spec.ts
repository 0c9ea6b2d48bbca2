import { de } from '../locales/de';
import { inLanguage } from '../../test/support/fake-i18n';
import { t, tParts, uiLanguage } from './i18n';

describe('t', () => {
  it('gives the text with its values in the browser’s language', () => {
    expect(t('saved')).toBe('Saved.');
    expect(t('signedInAs', 'bob', 'http://localhost:5003')).toBe('Signed in as bob on http://localhost:5003.');
    expect(inLanguage('de', de, () => t('signedInAs', 'bob', 'http://localhost:5003'))).toBe('Angemeldet als bob auf http://localhost:5003.');
    expect(inLanguage('de-AT', de, uiLanguage)).toBe('de-AT');
  });

  it('shows a key the browser has no text for as itself, not as nothing', () => {
    const holder = globalThis as { chrome?: object };
    const before = holder.chrome;
    holder.chrome = { i18n: { getMessage: () => '', getUILanguage: () => 'en' } };
    try {
      expect(t('saved')).toBe('saved');
    } finally {
      holder.chrome = before;
    }
  });

  it('puts values that are not text where the language places them', () => {
    const bold = { bold: 'bob' };
    expect(tParts('signedInAs', bold, 'http://x')).toEqual(['Signed in as ', bold, ' on ', 'http://x', '.']);
    expect(inLanguage('de', de, () => tParts('signedInAs', bold, 'http://x'))).toEqual(['Angemeldet als ', bold, ' auf ', 'http://x', '.']);
  });
});
