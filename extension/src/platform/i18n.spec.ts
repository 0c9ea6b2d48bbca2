import { t, tParts } from './i18n';

describe('t', () => {
  it('gives the English text with its values where the browser has no i18n (as in these tests)', () => {
    expect(t('saved')).toBe('Saved.');
    expect(t('signedInAs', 'bob', 'http://localhost:5003')).toBe('Signed in as bob on http://localhost:5003.');
  });

  it('puts values that are not text where the language places them', () => {
    const bold = { bold: 'bob' };
    expect(tParts('signedInAs', bold, 'http://x')).toEqual(['Signed in as ', bold, ' on ', 'http://x', '.']);
  });
});
