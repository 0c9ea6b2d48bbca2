import path from 'node:path';
import type { Page } from 'playwright-core';
import { withDatabase } from '../../backend/test/support/database';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, TestUser } from './support/api';
import { messageItem, openConversation, PAGES, Profile, SCREENSHOTS, sendMessage } from './support/browser';
import { registerInProfiles, useBrowserTest } from './support/browser-test';

/**
 * Issue #13's look and feel in the built extension, in real Chromium: day separators, one sender's
 * messages grouped under one name and avatar, the announcement banner's ✕, and the wide side panel
 * without a back button. Alice uses the browser; Bob writes and the admin announces through the API.
 */
jest.setTimeout(90_000);

const suffix = Date.now().toString(36).slice(-4);
const names = { alice: `alice${suffix}`, bob: `bob${suffix}`, carol: `carol${suffix}`, admin: `admin${suffix}` };

const setUp = useBrowserTest({ profiles: 1, env: { ADMIN_USERS: names.admin } });
let alice: Profile;
let popup: Page;
let bobApi: TestUser;
let adminApi: TestUser;
let carolApi: TestUser;

beforeAll(async () => {
  [alice] = setUp.profiles as [Profile];
  const register = (name: string) => TestUser.register(setUp.server.url, name, PASSWORD);
  [bobApi, adminApi, carolApi] = await Promise.all([register(names.bob), register(names.admin), register(names.carol)]);
  const { popups } = await registerInProfiles(setUp.server.url, [alice], [names.alice]);
  [popup] = popups as [Page];
});

/** Moves a message to yesterday noon, as if it had been sent then. */
async function sentYesterday(id: number): Promise<void> {
  const now = new Date();
  const yesterdayNoon = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12, 0);
  await withDatabase(setUp.server.databaseUrl, (db) =>
    db.updateTable('messages').set({ created_at: yesterdayNoon.toISOString() }).where('id', '=', id).execute(),
  );
}

/** What the message list shows, top to bottom: day separators by their label, messages by their text. */
function linesOf(page: Page): Promise<string[]> {
  return page.locator('.messages > li').evaluateAll((items) =>
    items.flatMap((item) => {
      if (item.classList.contains('day-separator')) return [`— ${item.getAttribute('aria-label')} —`];
      const text = item.querySelector('.text');
      return item.classList.contains('message') && text ? [text.textContent] : [];
    }),
  );
}

test('a day separator stands between yesterday’s message and today’s; messages sent together show the name and avatar once, their time on hover', async () => {
  await sentYesterday((await bobApi.send(names.alice, 'Sent yesterday')).id);
  const now = new Date();
  for (const text of ['First today', 'Second today', 'Third today']) await bobApi.send(names.alice, text);

  await popup.locator(`[data-conversation="${names.bob}"]`).waitFor();
  await openConversation(popup, names.bob);
  await messageItem(popup, 'Third today').waitFor();
  expect(await linesOf(popup)).toEqual(['— Yesterday —', 'Sent yesterday', '— Today —', 'First today', 'Second today', 'Third today']);

  // Yesterday's message and the first of today's start a group each; the two after it continue it.
  const senders = popup.locator('.messages li.message .sender');
  expect(await senders.allTextContents()).toEqual([names.bob, names.bob]);
  expect(await popup.locator('.messages li.message .avatar').allTextContents()).toEqual(['B', 'B']);
  expect(await messageItem(popup, 'Second today').locator('.sender, .avatar').count()).toBe(0);

  const second = messageItem(popup, 'Second today');
  const hoverTime = second.locator('.hover-time');
  const opacity = () => hoverTime.evaluate((element) => getComputedStyle(element).opacity);
  expect(await opacity()).toBe('0');
  await second.hover();
  await waitFor(async () => (await opacity()) === '1', { what: 'the grouped message’s time on hover' });
  expect(await hoverTime.getAttribute('dateTime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  // Keyboard and screen-reader users get the date and time in full from the title.
  expect(await second.getAttribute('title')).toContain(String(now.getFullYear()));
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'look-and-feel.png') });
});

test('the announcement banner’s ✕ hides it, across closing the popup and stopping the worker, until the announcement changes', async () => {
  const banner = (page: Page) => page.getByRole('note', { name: 'Announcement' });
  await adminApi.call('POST', '/announcement', { text: 'Maintenance tonight at 22:00' });
  await banner(popup).filter({ hasText: 'Maintenance tonight at 22:00' }).waitFor();
  await popup.getByRole('button', { name: 'Dismiss announcement' }).click();
  await banner(popup).waitFor({ state: 'detached' });

  await popup.close();
  await alice.stopWorker();
  popup = await alice.open(PAGES.popup);
  // A message that arrives after reopening: the worker has synced (announcement included) by then.
  await bobApi.send(names.alice, 'Still here after the reopen');
  await popup.locator(`[data-conversation="${names.bob}"] .preview`, { hasText: 'Still here after the reopen' }).waitFor();
  expect(await banner(popup).count()).toBe(0);

  await adminApi.call('POST', '/announcement', { text: 'Maintenance moved to 23:00' });
  await banner(popup).filter({ hasText: 'Maintenance moved to 23:00' }).waitFor();
});

test('the wide side panel shows the list beside the conversation and no back button; narrow, the back button returns', async () => {
  const back = (page: Page) => page.getByRole('button', { name: 'Back to conversations' });
  const panel = await alice.open(PAGES.sidePanel, { width: 800, height: 640 });
  await openConversation(panel, names.bob);
  await messageItem(panel, 'Third today').waitFor();
  expect(await panel.locator(`[data-conversation="${names.bob}"]`).isVisible()).toBe(true);
  expect(await back(panel).isVisible()).toBe(false);

  await panel.setViewportSize({ width: 420, height: 640 });
  await back(panel).waitFor();
  expect(await panel.locator(`[data-conversation="${names.bob}"]`).isVisible()).toBe(false);
  await panel.close();

  await openConversation(popup, names.bob);
  expect(await back(popup).isVisible()).toBe(true);
});

test('a message written offline today, below yesterday’s last message, has “Today” above it while it waits and once delivered', async () => {
  await sentYesterday((await carolApi.send(names.alice, 'Last word yesterday')).id);
  await popup.getByRole('button', { name: 'Back to conversations' }).click();
  await popup.locator(`[data-conversation="${names.carol}"]`).waitFor();
  await openConversation(popup, names.carol);
  await messageItem(popup, 'Last word yesterday').waitFor();

  await setUp.server.kill();
  await popup.getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 10_000 });
  await sendMessage(popup, 'Written offline today');
  await popup.locator('.message.pending', { hasText: 'Written offline today' }).waitFor();
  expect(await linesOf(popup)).toEqual(['— Yesterday —', 'Last word yesterday', '— Today —', 'Written offline today']);

  await setUp.server.start();
  await popup.locator('.message.pending').waitFor({ state: 'detached', timeout: 20_000 });
  await messageItem(popup, 'Written offline today').waitFor();
  expect(await linesOf(popup)).toEqual(['— Yesterday —', 'Last word yesterday', '— Today —', 'Written offline today']);
});
