import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { RunningServer, startServer, waitFor } from '../../backend/test/support/server';
import { TestUser, uniqueName } from './support/api';
import { messageLocator, openConversation, PAGES, Profile, SCREENSHOTS } from './support/browser';

/**
 * Issue #13's browser-native parts in the built extension, in real Chromium: "Send to ChatRoom", the
 * `cr` keyword in the address bar, and the keyboard. Headless Chromium cannot open a context menu
 * or type in the address bar, so the tests call the worker's registered listeners the way the browser
 * does (`chrome.contextMenus.onClicked.dispatch`, `chrome.omnibox.*.dispatch`): the same listeners,
 * without the user gesture, so the side panel cannot open and its page opens in a small window
 * instead (the fallback the worker uses wherever the panel is refused). The tests run in order.
 */
jest.setTimeout(90_000);

const PASSWORD = 'correct-horse-1';
/** Alice hears from six people, oldest first: more than the menu's five. */
const people = ['bob', 'carol', 'dave', 'erin', 'frank', 'gina'].map((name) => uniqueName(name));
const bobName = people[0] as string;
const names = { alice: uniqueName('alice') };

let server: RunningServer;
let alice: Profile;
let others: TestUser[];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  alice = await Profile.registered(server.url, names.alice, PASSWORD);
  others = await Promise.all(people.map((name) => TestUser.register(server.url, name, PASSWORD)));
  for (const [index, other] of others.entries()) await other.send(names.alice, `Hello from ${people[index]}`);
});

afterAll(async () => {
  await (alice as Profile | undefined)?.close();
  await (server as RunningServer | undefined)?.kill();
});

/** Whether the extension has a context-menu item with this id (updating an item that is not there fails). */
function hasMenuItem(worker: Worker, id: string): Promise<boolean> {
  return worker.evaluate(
    (itemId) =>
      new Promise<boolean>((resolve) => {
        chrome.contextMenus.update(itemId, {}, () => resolve(!chrome.runtime.lastError));
      }),
    id,
  );
}

async function menuConversations(worker: Worker): Promise<string[]> {
  const present: string[] = [];
  for (const name of people) if (await hasMenuItem(worker, `share:to:${name}`)) present.push(name);
  return present;
}

/** A click on a "Send to ChatRoom" item, as Chrome reports it; the panel's page opens in a window (see above). */
async function clickMenu(item: string, info: Record<string, string>, tab: { title: string; url: string }): Promise<Page> {
  const worker = await alice.worker();
  const opened = alice.context.waitForEvent('page', { predicate: (page) => page.url().includes(PAGES.sidePanel), timeout: 10_000 });
  await worker.evaluate(
    async ({ menuItemId, info, tab }) => {
      const { id: windowId } = await chrome.windows.getLastFocused();
      const click = { menuItemId, editable: false, ...info } as chrome.contextMenus.OnClickData;
      (chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(click, { ...tab, windowId, id: 1 });
    },
    { menuItemId: item, info, tab },
  );
  const panel = await opened;
  await panel.setViewportSize({ width: 420, height: 640 });
  return panel;
}

const composer = (page: Page) => page.locator('.composer textarea');

test('the menu offers the five most recent conversations and follows the list', async () => {
  const worker = await alice.worker();
  // Newest first: gina back to carol; bob's is the oldest.
  await waitFor(async () => (await menuConversations(worker)).length === 5 && !(await hasMenuItem(worker, `share:to:${bobName}`)), {
    what: 'the five most recent conversations in the menu',
  });
  expect(await hasMenuItem(worker, 'share:choose')).toBe(true);

  await others[0]?.send(names.alice, 'Bob again');
  await waitFor(async () => (await hasMenuItem(worker, `share:to:${bobName}`)) && !(await hasMenuItem(worker, `share:to:${people[1]}`)), {
    what: 'bob in the menu, carol out',
  });
  expect(await menuConversations(worker)).toEqual([bobName, ...people.slice(2)]);
});

test('sending a selection to a conversation opens it with the quote, page title and address ready to edit and send', async () => {
  const panel = await clickMenu(
    `share:to:${bobName}`,
    { selectionText: 'Rain is expected from noon.', pageUrl: 'https://weather.example/today' },
    { title: 'Weather today', url: 'https://weather.example/today' },
  );
  await panel.getByRole('heading', { name: bobName }).waitFor();
  const draft = '> Rain is expected from noon.\n— Weather today\nhttps://weather.example/today';
  await waitFor(async () => (await composer(panel).inputValue()) === draft, { what: 'the draft in the composer' });
  expect(await composer(panel).evaluate((box) => box === document.activeElement)).toBe(true);
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'send-to-chatroom-draft.png') });

  await composer(panel).press('Control+Home');
  await composer(panel).pressSequentially('Umbrellas! ');
  await composer(panel).press('Enter');
  await waitFor(async () => (await others[0]?.history(names.alice))?.messages.some((m) => m.message === `Umbrellas! ${draft}`), {
    what: 'bob to receive the edited draft',
  });
  await panel.close();
});

test('Choose… lets the user pick the conversation; a shared page shows its title', async () => {
  const panel = await clickMenu('share:choose', { pageUrl: 'https://news.example/story' }, { title: 'A good story', url: 'https://news.example/story' });
  const banner = panel.getByRole('note', { name: 'Choose a conversation for the shared text' });
  await banner.waitFor();
  expect(await banner.innerText()).toContain('A good story\nhttps://news.example/story');
  await openConversation(panel, people[3] as string);
  await waitFor(async () => (await composer(panel).inputValue()) === 'A good story\nhttps://news.example/story', { what: 'the draft' });
  await composer(panel).press('Enter');
  const title = panel.locator('.messages .shared-page-title', { hasText: 'A good story' });
  await title.waitFor();
  expect(await title.getAttribute('href')).toBe('https://news.example/story');
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'shared-page.png') });
  expect(await banner.count()).toBe(0);
  await panel.close();
});

test('the cr keyword suggests conversations from the list, and Enter sends once and confirms', async () => {
  const worker = await alice.worker();
  const typed = `${people[4]?.slice(0, 5)} lunch at 1?`;
  const suggestions = await worker.evaluate(
    (text) =>
      new Promise<chrome.omnibox.SuggestResult[]>((resolve) => {
        (chrome.omnibox.onInputChanged as unknown as { dispatch(...args: unknown[]): void }).dispatch(text, resolve);
      }),
    typed,
  );
  expect(suggestions[0]).toEqual({ content: `${people[4]} lunch at 1?`, description: `Send to ${people[4]}: lunch at 1?` });

  // A name only begun is not sent to.
  await worker.evaluate((text) => (chrome.omnibox.onInputEntered as unknown as { dispatch(...args: unknown[]): void }).dispatch(text, 'currentTab'), typed);
  await worker.evaluate(
    (text) => (chrome.omnibox.onInputEntered as unknown as { dispatch(...args: unknown[]): void }).dispatch(text, 'currentTab'),
    suggestions[0]?.content,
  );
  const frank = others[4] as TestUser;
  await waitFor(async () => (await frank.history(names.alice)).messages.some((m) => m.message === 'lunch at 1?'), { what: 'frank to receive it' });
  const notes = await waitFor(
    async () => {
      const all = Object.keys(await worker.evaluate(() => chrome.notifications.getAll()));
      return all.filter((id) => id.startsWith('sent:')).length === 2 ? all : undefined;
    },
    { what: 'two confirmations (not sent, sent)' },
  );
  expect(notes.filter((id) => id.startsWith('sent:'))).toHaveLength(2);
  const history = await frank.history(names.alice);
  expect(history.messages.filter((m) => m.sender === names.alice)).toHaveLength(1);
});

test('Alt+↓/↑ move through the list, Alt+Shift+↓ goes to the next unread, Esc goes back to the list', async () => {
  await others[2]?.send(names.alice, 'Unread from dave');
  const popup = await alice.open(PAGES.popup);
  const list = popup.getByRole('list', { name: 'Conversations' });
  await list.waitFor();
  const order = await waitFor(async () => {
    const ids = await list.locator('[data-conversation]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-conversation')));
    return ids[0] === people[2] ? ids : undefined;
  }, { what: 'dave first in the list' });
  const heading = () => popup.locator('#conversation-title').textContent();

  await popup.keyboard.press('Alt+ArrowDown');
  await waitFor(async () => (await heading()) === order[0], { what: 'the first conversation' });
  await messageLocator(popup, 'Unread from dave').waitFor();
  await popup.keyboard.press('Alt+ArrowDown');
  await waitFor(async () => (await heading()) === order[1], { what: 'the second conversation' });
  await popup.keyboard.press('Alt+ArrowUp');
  await waitFor(async () => (await heading()) === order[0], { what: 'the first again' });

  // Gina's message puts her first; from dave, the next conversation with unread messages, round the end of the list.
  await others[5]?.send(names.alice, 'Unread from gina');
  // The popup hides the list while it shows a conversation.
  const rows = popup.locator('.conversations [data-conversation]');
  const expected = await waitFor(async () => {
    const state = await rows.evaluateAll((all) => all.map((row) => ({ id: row.getAttribute('data-conversation'), unread: row.classList.contains('has-unread') })));
    const from = state.findIndex((row) => row.id === order[0]);
    if (state[from]?.unread || state.find((row) => row.id === order[1])?.unread) return undefined;
    if (state[0]?.id !== people[5] || !state[0]?.unread) return undefined;
    return [...state.slice(from + 1), ...state.slice(0, from)].find((row) => row.unread)?.id;
  }, { what: 'the list with the visited conversations read and gina first, unread' });
  await popup.keyboard.press('Alt+Shift+ArrowDown');
  await waitFor(async () => (await heading()) === expected, { what: `the next unread conversation, ${expected}` });

  await popup.keyboard.press('Escape');
  await list.waitFor();
  expect(await popup.locator('.conversation-view').count()).toBe(0);
  await popup.close();
});

test('the Settings page lists the shortcuts, the popup’s and the panel’s included, and opens the browser’s page to change them', async () => {
  const options = await alice.open(PAGES.options, { width: 800, height: 900 });
  const table = options.getByRole('table', { name: 'Keyboard shortcuts' });
  await table.getByText('Open the ChatRoom popup').waitFor();
  const rows = await table.getByRole('row').allInnerTexts();
  expect(rows).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Alt\+Shift\+M\s+Open the ChatRoom popup$/),
      expect.stringMatching(/^Ctrl\+Shift\+Y\s+Open ChatRoom in the side panel$/),
      expect.stringMatching(/^Alt\+↓\s+Next conversation$/),
      expect.stringMatching(/^Alt\+Shift\+↓\s+Next conversation with unread messages$/),
      expect.stringMatching(/^Esc\s+Back to the list$/),
    ]),
  );
  const shortcutsPage = alice.context.waitForEvent('page', { predicate: (page) => page.url() === 'chrome://extensions/shortcuts' });
  await options.getByRole('button', { name: 'Change the browser’s shortcuts' }).click();
  await (await shortcutsPage).close();
  await options.close();
});
