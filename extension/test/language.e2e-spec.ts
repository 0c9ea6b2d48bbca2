import type { Page } from 'playwright-core';
import { PASSWORD, TestUser, uniqueName } from './support/api';
import { Profile, PAGES } from './support/browser';
import { useBrowserTest } from './support/browser-test';

/** Issue #13: the extension speaks the browser's language; German is complete. */
jest.setTimeout(60_000);

const setUp = useBrowserTest();

describe('in a German browser', () => {
  let profile: Profile;
  let popup: Page;
  const anna = uniqueName('anna');
  const bob = uniqueName('bob');

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
    // Pointed at the test's server, as a German-speaking user does it.
    await options.getByLabel('Serveradresse').fill(setUp.server.url);
    await options.getByRole('button', { name: 'Speichern' }).click();
    await options.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    await options.close();
  });

  it('signs in through a German form, and says a wrong password in German (the server’s invalid_credentials)', async () => {
    await TestUser.register(setUp.server.url, anna);
    const bobClient = await TestUser.register(setUp.server.url, bob);
    await bobClient.send(anna, 'Hallo Anna, kommst du mit zum Mittagessen?');

    popup = await profile.open(PAGES.popup);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    await popup.getByRole('button', { name: 'Registrieren' }).waitFor();
    expect(await popup.getByRole('button', { name: 'Passwort vergessen? Mit einem Rücksetzcode anmelden' }).count()).toBe(1);
    await popup.getByLabel('Benutzername').fill(anna);
    await popup.getByLabel('Passwort', { exact: true }).fill('wrong-password');
    await popup.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await popup.getByRole('alert').filter({ hasText: 'Falscher Benutzername oder falsches Passwort.' }).waitFor();

    await popup.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await popup.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await popup.getByRole('button', { name: 'Abmelden' }).waitFor();
  });

  it('shows the conversation list in German', async () => {
    const list = popup.getByRole('list', { name: 'Unterhaltungen' });
    await list.getByRole('button', { name: `${bob}, 1 ungelesen` }).waitFor();
    expect(await popup.getByRole('button', { name: 'Neue Gruppe' }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Einstellungen' }).count()).toBe(1);
    expect(await popup.getByLabel('Chat beginnen mit').count()).toBe(1);
    expect(await popup.getByRole('combobox', { name: 'Suchen oder springen zu' }).getAttribute('placeholder')).toBe('Suchen oder springen zu… (Strg+K)');
    expect(await popup.getByRole('button', { name: `Benachrichtigungen für ${bob}` }).count()).toBe(1);
    // Today's time as German writes it: 24 hours, no AM/PM.
    expect(await popup.locator(`[data-conversation="${bob}"] time`).textContent()).toMatch(/^\d\d:\d\d$/);
  });

  it('shows a conversation in German: the unread divider, the composer and a message’s actions', async () => {
    await popup.locator(`[data-conversation="${bob}"]`).click();
    await popup.getByRole('separator', { name: 'Neue Nachrichten' }).waitFor();
    expect(await popup.getByRole('separator', { name: 'Heute' }).count()).toBe(1);
    const composer = popup.getByRole('combobox', { name: `An ${bob} schreiben` });
    expect(await composer.getAttribute('placeholder')).toBe('Nachricht schreiben — Enter sendet, Umschalt+Enter für eine neue Zeile, @ erwähnt');
    expect(await popup.getByRole('button', { name: 'Senden' }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Zurück zu den Unterhaltungen' }).count()).toBe(1);

    await popup.getByRole('button', { name: `Aktionen für die Nachricht von ${bob}` }).click();
    const menu = popup.getByRole('menu', { name: `Aktionen für die Nachricht von ${bob}` });
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Reagieren', 'Antworten', 'Als ungelesen markieren']);
    await menu.getByRole('menuitem', { name: 'Reagieren' }).click();
    await popup.getByRole('dialog', { name: 'Eine Reaktion wählen' }).getByRole('button', { name: 'Mit 👍 reagieren' }).click();
    await popup.getByRole('group', { name: 'Reaktionen' }).getByRole('button', { name: `👍 1: Sie` }).waitFor();

    await composer.fill('Gern, um 12?');
    await composer.press('Enter');
    const mine = popup.locator('.messages li.message.mine', { hasText: 'Gern, um 12?' });
    await mine.locator('.sender', { hasText: 'Sie' }).waitFor();
    await mine.getByRole('button', { name: 'Aktionen für Ihre Nachricht' }).click();
    await popup.getByRole('menuitem', { name: 'Löschen' }).click();
    await popup.getByRole('alertdialog', { name: 'Diese Nachricht löschen?' }).getByText('Diese Nachricht für alle löschen?').waitFor();
    await popup.getByRole('button', { name: 'Abbrechen' }).click();
    await popup.close();
  });
});
