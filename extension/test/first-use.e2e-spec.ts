import type { Page } from 'playwright-core';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, TestUser } from './support/api';
import { messageLocator, openConversation, PAGES, Profile, sendMessage, startChat } from './support/browser';
import { useBrowserTest } from './support/browser-test';

/**
 * What a new user meets in the first minutes: the first popup, a name typed in another case, a
 * conversation opened while the server is away, the top bar at the popup's own width. One user
 * (ann, in the browser) and one other (bob, through the API) share a server of this file's own.
 */
jest.setTimeout(60_000);

const suffix = Date.now().toString(36).slice(-4);
const names = { ann: `ann${suffix}`, bob: `bob${suffix}` };

const setUp = useBrowserTest();
let ann: Profile;
let bob: TestUser;

beforeAll(async () => {
  // Not told the server yet: the first test is about a fresh install.
  ann = await setUp.launch();
  bob = await TestUser.register(setUp.server.url, names.bob);
});

/** Records every text the page body showed, from its first frame on. */
async function recordTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { seenTexts: seen });
    new MutationObserver(() => {
      // The script runs before the parser has reached <body>.
      const text = (document.body as HTMLElement | null)?.innerText;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

test('a signed-out user sees the login form at once, without "Connecting…"', async () => {
  const page = await ann.context.newPage();
  await page.setViewportSize({ width: 380, height: 560 });
  await recordTexts(page);
  await page.goto(ann.url(PAGES.popup));
  await page.getByLabel('Username').waitFor();
  const seen = await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
  expect(seen.filter((text) => text.includes('Connecting'))).toEqual([]);
  await page.close();
});

test('a taken username is explained in the words chosen for its error code', async () => {
  await ann.useServer(setUp.server.url);
  const popup = await ann.open(PAGES.popup);
  await popup.getByLabel('Username').fill(names.bob.toUpperCase());
  await popup.getByLabel('Password').fill(PASSWORD);
  await popup.getByRole('button', { name: 'Register' }).click();
  await popup.getByRole('alert').filter({ hasText: 'That username is taken. Pick another one.' }).waitFor();
  await popup.close();
});

test('a name typed in another case opens the same conversation, live and read', async () => {
  const popup = await ann.register(names.ann, PASSWORD);
  await startChat(popup, names.bob.toUpperCase());

  await sendMessage(popup, 'Hello in capitals');
  await popup.locator('.message.pending').waitFor({ state: 'detached' });
  await messageLocator(popup, 'Hello in capitals').waitFor({ timeout: 3_000 });
  await popup.locator('#conversation-title', { hasText: names.bob }).waitFor();

  await bob.send(names.ann, 'Replied live');
  await messageLocator(popup, 'Replied live').waitFor({ timeout: 3_000 });
  const annApi = await TestUser.login(setUp.server.url, names.ann);
  await waitFor(async () => (await annApi.call<{ total: number }>('GET', '/unread')).total === 0, { what: 'read on the server' });
  expect(await ann.badge()).toBe('');
  await popup.close();
});

test('the top bar keeps "Log out" and the name inside the popup\'s width', async () => {
  const popup = await ann.open(PAGES.popup);
  await bob.send(names.ann, 'Something unread');
  await popup.locator('.topbar .unread').waitFor();

  const bar = await popup.locator('.topbar').boundingBox();
  const logout = await popup.getByRole('button', { name: 'Log out' }).boundingBox();
  const user = popup.locator('.topbar .user');
  expect(bar && logout).toBeTruthy();
  expect(logout!.x).toBeGreaterThanOrEqual(bar!.x);
  expect(logout!.x + logout!.width).toBeLessThanOrEqual(bar!.x + bar!.width);
  expect(logout!.y + logout!.height).toBeLessThanOrEqual(bar!.y + bar!.height);
  const fits = await user.evaluate((element) => ({ width: element.clientWidth, needed: element.scrollWidth }));
  expect(fits.width).toBeGreaterThan(0);
  expect(fits.needed).toBeLessThanOrEqual(fits.width);
  expect(await user.textContent()).toBe(names.ann);
  await popup.close();
});

test('a conversation opened while the server is away says so, and fills in when it is back', async () => {
  for (let i = 0; i < 55; i++) await bob.send(names.ann, `Backlog ${i}`);
  await ann.closePages();
  const popup = await ann.open(PAGES.popup);
  await popup.locator(`[data-conversation="${names.bob}"]`).waitFor();
  await setUp.server.kill();
  await popup.getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 10_000 });

  await openConversation(popup, names.bob);
  await popup.getByText('Could not load messages').waitFor({ timeout: 10_000 });
  expect(await popup.getByText('No messages yet').count()).toBe(0);

  await setUp.server.start();
  // All 55 are unread: the view opens at the first of them, below "New messages", the newest a jump away.
  await messageLocator(popup, 'Backlog 0').waitFor({ timeout: 20_000 });
  await popup.getByRole('separator', { name: 'New messages' }).waitFor();
  await popup.getByRole('button', { name: 'Jump to latest' }).click();
  await messageLocator(popup, 'Backlog 54').waitFor();
  await popup.getByRole('button', { name: 'Load older messages' }).waitFor();
  expect(await popup.getByText('Could not load messages').count()).toBe(0);
  expect(await popup.getByText('Cannot reach the server').count()).toBe(0);
  await popup.close();
});

