import path from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, type TestUser } from './support/api';
import { composerOf, messageItem, messageLocator, openConversation, PAGES, Profile, SCREENSHOTS, sendMessage } from './support/browser';
import { registerInProfiles, useBrowserTest } from './support/browser-test';

/**
 * Issue #10 in the built extension, in real Chromium: drafts that outlive the popup and the worker,
 * the "New messages" divider and "Jump to latest", mark as unread, "Seen" and "is typing…". Alice and
 * Bob each use a browser profile (Alice a second one for drafts kept per profile); the tests run in
 * order and share their DM.
 */
jest.setTimeout(90_000);

const suffix = Date.now().toString(36).slice(-4);
const names = { alice: `alice${suffix}`, bob: `bob${suffix}` };

const setUp = useBrowserTest({ profiles: 2 });
let alice: Profile;
let bob: Profile;
let alicePopup: Page;
let bobPopup: Page;
let aliceApi: TestUser;
let bobApi: TestUser;

beforeAll(async () => {
  [alice, bob] = setUp.profiles as [Profile, Profile];
  const { popups, users } = await registerInProfiles(setUp.server.url, [alice, bob], [names.alice, names.bob]);
  [alicePopup, bobPopup] = popups as [Page, Page];
  [aliceApi, bobApi] = users as [TestUser, TestUser];
});

const row = (page: Page, conversation: string) => page.locator(`[data-conversation="${conversation}"]`);
const preview = (page: Page, conversation: string) => row(page, conversation).locator('.preview');

async function backToList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to conversations' }).click();
  await page.locator('.conversation-view').waitFor({ state: 'detached' });
}

/** Whether an element is inside the scrolled message list's visible part. */
async function inView(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  const [box, list] = await Promise.all([locator.boundingBox(), page.locator('.messages').boundingBox()]);
  return Boolean(box && list && box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1);
}

test('a draft survives going back to the list, closing the popup and stopping the worker; sending clears it', async () => {
  await bobApi.send(names.alice, 'Are we still on for Saturday?');
  await row(alicePopup, names.bob).waitFor();
  await openConversation(alicePopup, names.bob);
  await composerOf(alicePopup, names.bob).fill('Yes, and I will bring');
  await backToList(alicePopup);
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === 'Draft: Yes, and I will bring', { what: 'the draft in the list' });

  // Typed and closed at once: the closing view hands the draft over.
  await openConversation(alicePopup, names.bob);
  const composer = composerOf(alicePopup, names.bob);
  expect(await composer.inputValue()).toBe('Yes, and I will bring');
  await composer.press('End');
  await composer.pressSequentially(' the map');
  await alicePopup.close();
  await alice.stopWorker();

  alicePopup = await alice.open(PAGES.popup);
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === 'Draft: Yes, and I will bring the map', {
    what: 'the draft after the worker stopped',
  });
  await openConversation(alicePopup, names.bob);
  expect(await composerOf(alicePopup, names.bob).inputValue()).toBe('Yes, and I will bring the map');
  await composerOf(alicePopup, names.bob).press('Enter');
  await messageLocator(alicePopup, 'Yes, and I will bring the map').waitFor();
  await backToList(alicePopup);
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === 'You: Yes, and I will bring the map', {
    what: 'the preview without the draft',
  });
  const stored = await (await alice.worker()).evaluate(() => chrome.storage.local.get('drafts'));
  expect(stored.drafts).toEqual({});
});

test('opening a conversation with unread messages shows "New messages" above the first and scrolls there; "Jump to latest" loads the newest', async () => {
  await bobApi.send(names.alice, 'First thing you missed');
  // More than a page of history after it: the newest page does not reach back to the first unread.
  for (let n = 1; n <= 60; n++) await bobApi.send(names.alice, `then ${n}`);
  await waitFor(async () => ((await row(alicePopup, names.bob).getAttribute('aria-label')) ?? '').endsWith(', 61 unread'), {
    what: '61 unread',
  });
  await openConversation(alicePopup, names.bob);
  const divider = alicePopup.getByRole('separator', { name: 'New messages' });
  await divider.waitFor();
  const first = alicePopup.locator('.messages li.new-messages + li.message .text');
  expect(await first.textContent()).toBe('First thing you missed');
  await waitFor(() => inView(alicePopup, divider), { timeoutMs: 3_000, what: 'the divider scrolled into view' });
  expect(await messageLocator(alicePopup, 'Are we still on for Saturday?').count()).toBe(1);
  await alicePopup.screenshot({ path: path.join(SCREENSHOTS, 'new-messages.png') });

  const jump = alicePopup.getByRole('button', { name: 'Jump to latest' });
  await jump.click();
  const newest = messageLocator(alicePopup, 'then 60');
  await newest.waitFor();
  await waitFor(() => inView(alicePopup, newest), { timeoutMs: 3_000, what: 'the newest message in view' });
  await jump.waitFor({ state: 'detached' });
});

test('mark as unread, from a message (back to the list) and from a list row; the badge and the server follow', async () => {
  await messageItem(alicePopup, 'then 59').getByRole('button', { name: /^Actions for/ }).click();
  await alicePopup.getByRole('menuitem', { name: 'Mark as unread' }).click();
  await alicePopup.locator('.conversation-view').waitFor({ state: 'detached' });
  await waitFor(async () => (await row(alicePopup, names.bob).getAttribute('aria-label')) === `${names.bob}, 2 unread`, { what: '2 unread' });
  await alice.waitForBadge('2', 5_000);
  expect((await aliceApi.call<{ conversations: Record<string, number> }>('GET', '/unread')).conversations).toEqual({ [names.bob]: 2 });

  // Opened again, it is read, with the divider above the message marked.
  await openConversation(alicePopup, names.bob);
  expect(await alicePopup.locator('.messages li.new-messages + li.message .text').textContent()).toBe('then 59');
  await alice.waitForBadge('', 5_000);
  await backToList(alicePopup);

  await row(alicePopup, names.bob).hover();
  await alicePopup.getByRole('button', { name: `Actions for ${names.bob}` }).click();
  await alicePopup.getByRole('menuitem', { name: 'Mark as unread' }).click();
  await waitFor(async () => (await row(alicePopup, names.bob).getAttribute('aria-label')) === `${names.bob}, 1 unread`, { what: '1 unread' });
  await alice.waitForBadge('1', 5_000);
  await openConversation(alicePopup, names.bob);
  await alice.waitForBadge('', 5_000);
});

test('"Seen" shows under your last message within 2 s of the other side opening the DM', async () => {
  await sendMessage(alicePopup, 'Did you get the map?');
  await messageLocator(alicePopup, 'Did you get the map?').waitFor();
  await alicePopup.locator('.message.pending').waitFor({ state: 'detached' });
  const seen = alicePopup.locator('.messages li.seen');
  // Bob has never opened the conversation in his browser: nothing of Alice's is seen yet.
  expect(await seen.count()).toBe(0);

  await row(bobPopup, names.alice).waitFor();
  await openConversation(bobPopup, names.alice);
  const opened = Date.now();
  await waitFor(
    async () => (await alicePopup.locator('.messages li.message', { hasText: 'Did you get the map?' }).locator('+ li.seen').count()) === 1,
    { timeoutMs: 2_000, what: '"Seen" under the last message' },
  );
  console.log(`"Seen" ${Date.now() - opened} ms after the DM was opened`);
  expect(await seen.count()).toBe(1);
  expect(await seen.textContent()).toBe('Seen');
});

test('"is typing…" shows above the composer and in the list row, and goes when the other stops or sends', async () => {
  const bobComposer = composerOf(bobPopup, names.alice);
  const indicator = alicePopup.locator('p.typing');
  await bobComposer.pressSequentially('Got it');
  await waitFor(async () => (await indicator.textContent().catch(() => null)) === `${names.bob} is typing…`, {
    timeoutMs: 3_000,
    what: 'typing shown',
  });
  await alicePopup.screenshot({ path: path.join(SCREENSHOTS, 'seen-and-typing.png') });
  await bobComposer.fill('');
  await indicator.waitFor({ state: 'detached', timeout: 3_000 });

  await backToList(alicePopup);
  await bobComposer.pressSequentially('Got it, thanks');
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === `${names.bob} is typing…`, {
    timeoutMs: 3_000,
    what: 'typing in the list',
  });
  await bobComposer.press('Enter');
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === `${names.bob}: Got it, thanks`, {
    timeoutMs: 3_000,
    what: 'the message instead of typing',
  });
});

test('a draft stays in the browser profile it was typed in: Alice signed in on a second profile neither sees it nor overwrites it', async () => {
  // Alice's other computer: a second browser profile signed in as her.
  const desktop = await setUp.launch(setUp.server.url);
  const desktopPopup = await desktop.login(names.alice, PASSWORD);

  await openConversation(alicePopup, names.bob);
  await composerOf(alicePopup, names.bob).fill('Written on the laptop');
  await backToList(alicePopup);
  await waitFor(async () => (await preview(alicePopup, names.bob).textContent()) === 'Draft: Written on the laptop', { what: 'the laptop’s draft' });

  // The desktop shows the conversation's last message, and an empty composer.
  await waitFor(async () => (await preview(desktopPopup, names.bob).textContent()) === `${names.bob}: Got it, thanks`, {
    what: 'the last message on the desktop',
  });
  await openConversation(desktopPopup, names.bob);
  expect(await composerOf(desktopPopup, names.bob).inputValue()).toBe('');
  await composerOf(desktopPopup, names.bob).fill('Written on the desktop');
  await backToList(desktopPopup);
  await waitFor(async () => (await preview(desktopPopup, names.bob).textContent()) === 'Draft: Written on the desktop', { what: 'the desktop’s draft' });

  // Sent from the desktop: the message reaches the laptop, whose draft stays as it was.
  await openConversation(desktopPopup, names.bob);
  expect(await composerOf(desktopPopup, names.bob).inputValue()).toBe('Written on the desktop');
  await composerOf(desktopPopup, names.bob).press('Enter');
  await openConversation(alicePopup, names.bob);
  await messageLocator(alicePopup, 'Written on the desktop').waitFor();
  expect(await composerOf(alicePopup, names.bob).inputValue()).toBe('Written on the laptop');
  await backToList(alicePopup);
  expect(await preview(alicePopup, names.bob).textContent()).toBe('Draft: Written on the laptop');

  await backToList(desktopPopup);
  await waitFor(async () => (await preview(desktopPopup, names.bob).textContent()) === 'You: Written on the desktop', {
    what: 'the desktop’s preview without its sent draft',
  });
  const stored = await (await desktop.worker()).evaluate(() => chrome.storage.local.get('drafts'));
  expect(stored.drafts).toEqual({});
  await desktop.closePages();
});
