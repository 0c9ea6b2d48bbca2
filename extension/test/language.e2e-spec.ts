import { Profile, PAGES } from './support/browser';

/** Issue #13: the extension speaks the browser's language; German is complete. */
describe('in a German browser', () => {
  let profile: Profile;

  beforeAll(async () => {
    profile = await Profile.launch({ language: 'de' });
  });

  afterAll(async () => {
    await (profile as Profile | undefined)?.close();
  });

  it('shows the Settings page, its shortcuts and the browser-named commands in German', async () => {
    const worker = await profile.worker();
    expect(await worker.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^de/);
    const options = await profile.open(PAGES.options, { width: 800, height: 900 });
    await options.getByRole('heading', { name: 'ChatRoom-Einstellungen' }).waitFor();
    expect(await options.getByLabel('Serveradresse').count()).toBe(1);
    expect(await options.getByText('Melden Sie sich über die ChatRoom-Schaltfläche').count()).toBe(1);
    const rows = await options.getByRole('table', { name: 'Tastenkürzel' }).getByRole('row').allInnerTexts();
    expect(rows).toEqual(
      expect.arrayContaining([
        // The browser names its keys in its language too.
        expect.stringMatching(/^Alt\+Umschalttaste\+M\s+Das ChatRoom-Popup öffnen$/),
        expect.stringMatching(/^Strg\+Umschalttaste\+Y\s+ChatRoom in der Seitenleiste öffnen$/),
        expect.stringMatching(/^Esc\s+Zurück zur Liste$/),
      ]),
    );
    await options.close();
  });
});
