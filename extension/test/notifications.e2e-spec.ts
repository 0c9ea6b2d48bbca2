import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, TestUser, uniqueName } from './support/api';
import { openConversation, PAGES, Profile, SCREENSHOTS } from './support/browser';
import { useBrowserTest } from './support/browser-test';

/**
 * Issue #10's notification levels and snooze, and issue #13's notification buttons, in the built
 * extension in real Chromium. Headless Chromium shows no notification to click, so the tests call
 * the worker's registered listeners the way the browser does (`chrome.notifications.onButtonClicked
 * .dispatch`): the same listeners, without the user gesture, so the side panel cannot open and its
 * page opens in a small window instead (the fallback the worker uses wherever the panel is refused).
 * Alice uses the browser; Bob and Carol talk through the API. The tests run in order.
 */
jest.setTimeout(90_000);

const names = { alice: uniqueName('alice'), bob: uniqueName('bob'), carol: uniqueName('carol') };

const setUp = useBrowserTest({ profiles: 1 });
let alice: Profile;
let popup: Page;
let aliceApi: TestUser;
let bob: TestUser;
let carol: TestUser;
let weekend: string;
let climbing: string;

beforeAll(async () => {
  const { server } = setUp;
  [alice] = setUp.profiles as [Profile];
  popup = await alice.register(names.alice, PASSWORD);
  [aliceApi, bob, carol] = await Promise.all([
    TestUser.login(server.url, names.alice, PASSWORD),
    TestUser.register(server.url, names.bob, PASSWORD),
    TestUser.register(server.url, names.carol, PASSWORD),
  ]);
  ({ room_id: weekend } = await bob.call<{ room_id: string }>('POST', '/create_room', { participants: [names.alice, names.carol], name: 'Weekend' }));
  ({ room_id: climbing } = await bob.call<{ room_id: string }>('POST', '/create_room', { participants: [names.alice], name: 'Climbing' }));
});

/** The ids of the notifications the extension shows now. */
async function notifications(worker: Worker): Promise<string[]> {
  return Object.keys(await worker.evaluate(() => chrome.notifications.getAll()));
}

const tooltip = async (): Promise<string> => (await alice.worker()).evaluate(() => chrome.action.getTitle({}));

async function chooseNotify(page: Page, room: string, choice: RegExp): Promise<void> {
  await page.getByRole('button', { name: `Notifications for ${room}` }).click();
  await page.getByRole('menu', { name: `Notifications for ${room}` }).getByRole(/Mute|Unmute/.test(choice.source) ? 'menuitem' : 'menuitemradio', { name: choice }).click();
}

async function notifyOf(conversation: string): Promise<{ notify: string; muted_until: string | null } | undefined> {
  const { conversations } = await aliceApi.call<{ conversations: { id: string; notify: string; muted_until: string | null }[] }>('GET', '/conversations');
  return conversations.find((c) => c.id === conversation);
}

/** A click on one of a notification's buttons (0: Reply, 1: Mark as read), as Chrome reports it. */
async function clickButton(conversation: string, index: number): Promise<void> {
  const worker = await alice.worker();
  await worker.evaluate(
    ({ id, index }) => (chrome.notifications.onButtonClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(id, index),
    { id: `conversation:${conversation}`, index },
  );
}

test('a room set to "Mentions only" raises no badge for its chatter but does for a mention; a muted one for neither', async () => {
  await popup.locator(`[data-conversation="${weekend}"]`).waitFor();
  await chooseNotify(popup, 'Weekend', /Mentions only/);
  await waitFor(async () => (await notifyOf(weekend))?.notify === 'mentions', { what: 'the level on the server' });

  await bob.send(weekend, 'who brings the tent?');
  // Carol's DM comes after Bob's chatter: once it is on the badge, the chatter has been counted too.
  await carol.send(names.alice, 'ping');
  await alice.waitForBadge('1', 5_000);
  expect(await tooltip()).toBe(`1 unread — ${names.carol} (1)`);
  const weekendCount = popup.locator(`[data-conversation="${weekend}"] .unread`);
  await weekendCount.filter({ hasText: '1' }).waitFor();
  expect(await weekendCount.getAttribute('class')).toBe('unread quiet');

  await bob.send(weekend, `@${names.alice} are you coming?`);
  await alice.waitForBadge('2', 5_000);
  await waitFor(async () => (await tooltip()) === `2 unread — Weekend (1), ${names.carol} (1)`, { what: 'the tooltip naming both' });
  expect(await weekendCount.getAttribute('class')).toBe('unread loud');

  await popup.getByRole('button', { name: 'Notifications for Weekend' }).click();
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'notification-levels.png') });
  await popup.getByRole('menuitem', { name: 'Mute for 1 hour' }).click();
  await alice.waitForBadge('1', 5_000);
  await waitFor(async () => (await weekendCount.getAttribute('class')) === 'unread silent', { what: 'the count greyed' });
  expect((await notifyOf(weekend))?.muted_until).not.toBeNull();
  await bob.send(weekend, `@${names.alice} still there?`);
  await carol.send(names.alice, 'ping again');
  await alice.waitForBadge('2', 5_000);
  expect(await tooltip()).toBe(`2 unread — ${names.carol} (2)`);
});

test('a room message notifies while the popup shows another conversation, a burst as one notification', async () => {
  const worker = await alice.worker();
  await openConversation(popup, names.carol);
  await alice.waitForBadge('', 5_000);

  await bob.send(climbing, 'crag on saturday?');
  await waitFor(async () => (await notifications(worker)).includes(`conversation:${climbing}`), { timeoutMs: 5_000, what: 'the room notification' });
  await bob.send(climbing, 'the north face');
  await bob.send(climbing, 'bring ropes');
  await alice.waitForBadge('3', 5_000);
  expect(await notifications(worker)).toContain(`conversation:${climbing}`);
  // Carol's conversation is on screen: nothing of hers notifies.
  await carol.send(names.alice, 'I see you');
  await popup.locator('.messages li.message .text', { hasText: 'I see you' }).waitFor();
  expect(await notifications(worker)).not.toContain(`conversation:${names.carol}`);

  // The open conversation's header has the same menu as its list row.
  const header = popup.locator('header.bar');
  await header.getByRole('button', { name: `Notifications for ${names.carol}` }).click();
  await popup.getByRole('menu', { name: `Notifications for ${names.carol}` }).getByRole('menuitemradio', { name: 'Mentions only' }).click();
  await waitFor(async () => (await notifyOf(names.carol))?.notify === 'mentions', { what: 'the level set from the header' });
  await header.getByRole('button', { name: `Notifications for ${names.carol}` }).click();
  await popup.getByRole('menu', { name: `Notifications for ${names.carol}` }).getByRole('menuitemradio', { name: 'All messages' }).click();
  await waitFor(async () => (await notifyOf(names.carol))?.notify === 'all', { what: 'the level back to all' });
});

test('the notification’s "Mark as read" marks the room read and takes its share off the badge; "Reply" opens it with the composer focused', async () => {
  const worker = await alice.worker();
  await clickButton(climbing, 1);
  await alice.waitForBadge('', 5_000);
  await waitFor(async () => !(await notifications(worker)).includes(`conversation:${climbing}`), { what: 'the notification gone' });
  await waitFor(async () => (await aliceApi.call<{ conversations: Record<string, number> }>('GET', '/unread')).conversations[climbing] === undefined, {
    what: 'read on the server',
  });

  // As when a notification is clicked, the popup has closed.
  await alice.closePages();
  await bob.send(climbing, 'so, are you in?');
  await waitFor(async () => (await notifications(worker)).includes(`conversation:${climbing}`), { timeoutMs: 5_000, what: 'the next notification' });
  const opened = alice.context.waitForEvent('page', { predicate: (page) => page.url().includes(PAGES.sidePanel), timeout: 10_000 });
  await clickButton(climbing, 0);
  const panel = await opened;
  await panel.getByRole('heading', { name: 'Climbing' }).waitFor();
  const composer = panel.getByRole('combobox', { name: 'Write to Climbing' });
  await waitFor(() => composer.evaluate((box) => box === document.activeElement), { what: 'the composer focused' });
  await panel.keyboard.type('Count me in');
  await panel.keyboard.press('Enter');
  await waitFor(async () => (await bob.history(climbing)).messages.some((m) => m.message === 'Count me in' && m.sender === names.alice), {
    what: 'the reply at bob',
  });
  expect(await notifications(worker)).not.toContain(`conversation:${climbing}`);
  await panel.close();
});

test('snoozing from the popup holds notifications back (the badge still counts) until it is turned off', async () => {
  const worker = await alice.worker();
  popup = await alice.open(PAGES.popup);
  await popup.getByRole('button', { name: 'Snooze notifications' }).click();
  await popup.getByRole('menuitem', { name: '1 hour' }).click();
  const snoozed = popup.getByRole('status').filter({ hasText: /^Snoozed until / });
  await snoozed.waitFor();
  expect((await aliceApi.call<{ dnd_until: string | null }>('GET', '/me/settings')).dnd_until).not.toBeNull();
  await popup.getByRole('button', { name: 'Snooze notifications' }).click();
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'snooze-menu.png') });
  await popup.keyboard.press('Escape');

  await bob.send(climbing, 'quiet please');
  await alice.waitForBadge('1', 5_000);
  expect(await notifications(worker)).not.toContain(`conversation:${climbing}`);

  await popup.getByRole('button', { name: 'Snooze notifications' }).click();
  await popup.getByRole('menuitemradio', { name: 'Off' }).click();
  await snoozed.waitFor({ state: 'detached' });
  await bob.send(climbing, 'and now?');
  await waitFor(async () => (await notifications(worker)).includes(`conversation:${climbing}`), { timeoutMs: 5_000, what: 'a notification again' });
  expect((await aliceApi.call<{ dnd_until: string | null }>('GET', '/me/settings')).dnd_until).toBeNull();
});

test('the Settings page switches read receipts and typing off for the account', async () => {
  const options = await alice.open(PAGES.options, { width: 800, height: 900 });
  const typing = options.getByRole('checkbox', { name: /Share typing/ });
  const receipts = options.getByRole('checkbox', { name: /Share read receipts/ });
  await typing.waitFor();
  expect(await typing.isChecked()).toBe(true);
  expect(await receipts.isChecked()).toBe(true);
  await typing.uncheck();
  const settings = () => aliceApi.call<{ share_typing: boolean; share_read_receipts: boolean }>('GET', '/me/settings');
  await waitFor(async () => !(await settings()).share_typing, { what: 'typing off' });
  await receipts.uncheck();
  await waitFor(async () => !(await settings()).share_read_receipts, { what: 'receipts off' });
  await options.reload();
  await typing.waitFor();
  expect(await typing.isChecked()).toBe(false);
  expect(await receipts.isChecked()).toBe(false);
  await options.close();
});
