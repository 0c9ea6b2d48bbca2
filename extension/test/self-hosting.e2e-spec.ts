import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { runAdminCli } from '../../backend/test/support/admin-cli';
import { CHEAP_PASSWORD_HASHES, freePort, startServer, waitFor } from '../../backend/test/support/server';
import { PASSWORD, uniqueName } from './support/api';
import { PAGES, Profile } from './support/browser';
import { useBrowserTest } from './support/browser-test';

/**
 * A server that takes new accounts by invite only, as the README's "Put it on the internet" sets it
 * up, and the people who use it from the extension: an invite link, the Settings page, a reset code.
 * Accounts, invites and reset codes come from the admin command line, on the server's database.
 */
jest.setTimeout(90_000);

const setUp = useBrowserTest({ env: { REGISTRATION: 'invite' } });
const browser = (serverUrl?: string) => setUp.launch(serverUrl);

/** `npm run admin -- <args>` on the test server's database; what it printed. */
async function admin(args: string[], input?: string): Promise<string> {
  const result = await runAdminCli(args, { DATABASE_URL: setUp.server.databaseUrl, ...CHEAP_PASSWORD_HASHES }, input);
  if (result.code !== 0) throw new Error(`admin ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const codeIn = (printed: string) => /: ([a-z2-7]{4}(?:-[a-z2-7]{4}){7})$/m.exec(printed)?.[1] ?? '';

async function createUser(password = PASSWORD): Promise<string> {
  const name = uniqueName('bea');
  await admin(['create-user', name], `${password}\n`);
  return name;
}

function sessionRows(settings: Page) {
  return settings.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
}

async function fillChangePassword(settings: Page, current: string, next: string): Promise<void> {
  await settings.getByLabel('Current password').fill(current);
  await settings.getByLabel('New password', { exact: true }).fill(next);
  await settings.getByLabel('New password again').fill(next);
  await settings.getByRole('button', { name: 'Change password' }).click();
}

test('registering with an invite link opened in the browser, on a server the extension did not know', async () => {
  const ann = await browser(`http://127.0.0.1:${await freePort()}`);
  const code = codeIn(await admin(['invite']));

  const invitePage = await ann.context.newPage();
  await invitePage.goto(`${setUp.server.url}/join?invite=${code}`);
  await invitePage.getByText(code, { exact: true }).waitFor();
  const link = await invitePage.getByLabel('Invite link').inputValue();
  expect(link).toBe(`${setUp.server.url}/join?invite=${code}`);
  await invitePage.getByRole('button', { name: 'Copy invite link' }).click();
  await invitePage.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();

  const popup = await ann.open(PAGES.popup);
  await popup.getByRole('button', { name: 'Have an invite link?' }).click();
  await popup.getByLabel('Invite code').fill(link);
  await popup.getByRole('status').filter({ hasText: `This invite is for ${setUp.server.url}.` }).waitFor();
  expect(await popup.getByLabel('Invite code').inputValue()).toBe(code);
  await popup.getByRole('button', { name: 'Use that server' }).click();
  await popup.locator('.login').getByText(setUp.server.url, { exact: true }).waitFor();

  const name = uniqueName('ann');
  await popup.getByLabel('Username').fill(name);
  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Register' }).click();
  await popup.getByRole('button', { name: 'Log out' }).waitFor();
  await popup.locator('.topbar .user', { hasText: name }).waitFor();
});

test('the popup opened from the toolbar on an invite page fills the register form with its code', async () => {
  const dee = await browser(setUp.server.url);
  const code = codeIn(await admin(['invite']));
  // What activeTab lets the popup read: the address of the tab in front when the toolbar button was
  // clicked. A test cannot click the toolbar, so the popup page is told that address as Chrome would.
  const invitePage = `${setUp.server.url}/join?invite=${code}`;
  const popup = await dee.context.newPage();
  await popup.addInitScript((address) => {
    chrome.tabs.query = ((_query: unknown, callback?: (tabs: { url: string }[]) => void) => {
      const tabs = [{ url: address }];
      if (!callback) return Promise.resolve(tabs);
      callback(tabs);
      return undefined;
    }) as typeof chrome.tabs.query;
  }, invitePage);
  await popup.goto(dee.url(PAGES.popup));

  const field = popup.getByLabel('Invite code');
  await waitFor(async () => (await field.inputValue().catch(() => '')) === code, { what: 'the code from the invite page' });
  const name = uniqueName('dee');
  await popup.getByLabel('Username').fill(name);
  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Register' }).click();
  await popup.locator('.topbar .user', { hasText: name }).waitFor();
});

test('the register form asks for the invite code a server requires, and says so when it takes nobody', async () => {
  const cal = await browser(setUp.server.url);
  const popup = await cal.open(PAGES.popup);
  await popup.getByLabel('Invite code').waitFor();
  await popup.getByLabel('Username').fill(uniqueName('cal'));
  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByLabel('Invite code').fill('aaaa-bbbb-cccc-dddd');
  await popup.getByRole('button', { name: 'Register' }).click();
  await popup.getByRole('alert').filter({ hasText: 'This invite code is unknown, expired or used up.' }).waitFor();
  await popup.close();

  const closed = await startServer({ env: { REGISTRATION: 'closed' } });
  try {
    await cal.useServer(closed.url);
    const again = await cal.open(PAGES.popup);
    await again.getByText('This server takes no new accounts; its admin can make you one.').waitFor();
    expect(await again.getByRole('button', { name: 'Register' }).count()).toBe(0);
    await again.getByRole('button', { name: 'Log in' }).waitFor();
  } finally {
    await closed.stop();
  }
});

describe('one account in two browsers', () => {
  let name: string;
  let home: Profile;
  let away: Profile;
  let awayPopup: Page;
  const changed = 'a changed password';
  const reset = 'set with a reset code';

  beforeAll(async () => {
    name = await createUser();
    [home, away] = await Promise.all([browser(setUp.server.url), browser(setUp.server.url)]);
  });

  test('changing the password on the Settings page signs out the other browser, not this one', async () => {
    awayPopup = await away.login(name, PASSWORD);
    const homePopup = await home.login(name, PASSWORD);
    const settings = await home.open(PAGES.options, { width: 800, height: 1000 });
    await waitFor(async () => (await sessionRows(settings).count()) === 2, { what: 'two sessions listed' });
    await sessionRows(settings).filter({ hasText: 'This browser' }).waitFor();

    await fillChangePassword(settings, 'not my password', changed);
    await settings.getByRole('alert').filter({ hasText: 'That password is wrong.' }).waitFor();
    await fillChangePassword(settings, PASSWORD, changed);
    await settings.getByRole('status').filter({ hasText: 'Password changed. Your other sessions are signed out.' }).waitFor();

    await awayPopup.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 10_000 });
    await waitFor(async () => (await sessionRows(settings).count()) === 1, { what: 'one session left' });
    expect(await homePopup.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await homePopup.close();
    await settings.close();
  });

  test('a forgotten password: the reset code from the admin signs in and sets a new one', async () => {
    const code = codeIn(await admin(['reset-password', name]));
    await awayPopup.getByRole('button', { name: 'Forgot password? Use a reset code' }).click();
    await awayPopup.getByLabel('Username').fill(name);
    await awayPopup.getByLabel('Reset code').fill('aaaa-bbbb-cccc-dddd');
    await awayPopup.getByLabel('New password').fill(reset);
    await awayPopup.getByRole('button', { name: 'Set password and log in' }).click();
    await awayPopup.getByRole('alert').filter({ hasText: 'Wrong username or reset code' }).waitFor();

    await awayPopup.getByLabel('Reset code').fill(code.toUpperCase());
    await awayPopup.getByRole('button', { name: 'Set password and log in' }).click();
    await awayPopup.getByRole('button', { name: 'Log out' }).waitFor();
    const withOld = await fetch(`${setUp.server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: name, password: changed }),
    });
    expect(withOld.status).toBe(401);
  });

  test('the Settings page signs out another session, downloads the data and deletes the account', async () => {
    const homePopup = await home.login(name, reset);
    const settings = await away.open(PAGES.options, { width: 800, height: 1000 });
    await waitFor(async () => (await sessionRows(settings).count()) === 2, { what: 'two sessions listed' });
    await sessionRows(settings).filter({ hasNotText: 'This browser' }).getByRole('button', { name: 'Sign out' }).click();
    await homePopup.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 10_000 });
    await waitFor(async () => (await sessionRows(settings).count()) === 1, { what: 'one session left' });

    const downloading = settings.waitForEvent('download');
    await settings.getByRole('button', { name: 'Download my data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^chatroom-${name}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { account: { username: string } };
    expect(exported.account.username).toBe(name);

    await settings.getByRole('button', { name: 'Delete my account…' }).click();
    await settings.getByLabel('Your password').fill(reset);
    await settings.getByLabel('Also erase the text of every message I sent').check();
    await settings.getByRole('button', { name: 'Delete my account for good' }).click();
    await settings.getByText('Your account was deleted.').waitFor();
    await awayPopup.getByText('Your account was deleted.').waitFor();
    await awayPopup.getByRole('button', { name: 'Log in' }).waitFor();
  });
});
