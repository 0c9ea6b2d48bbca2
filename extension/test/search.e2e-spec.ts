import path from 'node:path';
import type { SearchResponse } from '@chatroom/shared';
import type { Page } from 'playwright-core';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, TestUser, uniqueName } from './support/api';
import { messageLocator, openConversation, PAGES, Profile, SCREENSHOTS } from './support/browser';
import { useBrowserTest } from './support/browser-test';

/**
 * Search and the quick switcher in the built extension, in real Chromium, driven by roles and
 * labels. Alice uses a browser profile; Bob and Carol talk through the API. The tests run in order
 * and share the conversations built in beforeAll.
 */
jest.setTimeout(90_000);

const names = { alice: uniqueName('alice'), bob: uniqueName('bob'), carol: uniqueName('carol') };
/** More than the first history page, so that reaching the oldest message means loading back. */
const BACKLOG = 55;

const setUp = useBrowserTest({ profiles: 1 });
let alice: Profile;
let aliceApi: TestUser;
let roomId: string;

beforeAll(async () => {
  const { server } = setUp;
  [alice] = setUp.profiles as [Profile];
  await (await alice.register(names.alice, PASSWORD)).close();
  const [aliceUser, bob, carol] = await Promise.all([
    TestUser.login(server.url, names.alice, PASSWORD),
    TestUser.register(server.url, names.bob, PASSWORD),
    TestUser.register(server.url, names.carol, PASSWORD),
  ]);
  aliceApi = aliceUser;
  await bob.send(names.alice, 'The vault code is in the Café notes, page 3.');
  for (let i = 0; i < BACKLOG; i++) await bob.send(names.alice, `Lunch idea ${i}`);
  const room = await aliceApi.call<{ room_id: string }>('POST', '/create_room', {
    participants: [names.bob, names.carol],
    name: 'Weekend trip',
  });
  roomId = room.room_id;
  await carol.send(roomId, 'Meet at the cafe by the station? Bring the map.');
  await carol.send(names.alice, 'The cafeteria is closed today.');
  // The index follows the timeline a moment later: wait until it has everything sent above.
  await waitFor(async () => (await searchAsAlice('cafe')).results.length === 2 && (await searchAsAlice('idea', 100)).results.length === BACKLOG, {
    timeoutMs: 10_000,
    what: 'the messages in the search index',
  });
});

function searchAsAlice(q: string, limit = 20): Promise<SearchResponse> {
  return aliceApi.call('GET', `/search?q=${encodeURIComponent(q)}&limit=${limit}`);
}

async function signedInView(page: string, viewport?: { width: number; height: number }): Promise<Page> {
  const view = await alice.open(page, viewport);
  await view.locator(`[data-conversation="${names.bob}"]`).waitFor();
  return view;
}

const searchField = (page: Page) => page.getByRole('combobox', { name: 'Search or jump to' });
const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem');

test('Ctrl+K from a conversation brings back the list with the field focused; typing a name and Enter opens that conversation', async () => {
  const popup = await signedInView(PAGES.popup);
  await openConversation(popup, roomId);
  await popup.locator('.composer textarea').focus();
  await popup.keyboard.press('Control+k');
  const field = searchField(popup);
  await waitFor(() => field.evaluate((element) => element === document.activeElement), { what: 'the focused search field' });
  expect(await field.isVisible()).toBe(true);

  await field.pressSequentially(names.carol.slice(0, 4).toUpperCase());
  const options = popup.getByRole('listbox', { name: 'Conversations, people and search' });
  await options.getByRole('option', { name: names.carol }).waitFor();
  expect(await field.getAttribute('aria-expanded')).toBe('true');
  const last = options.getByRole('option').last();
  expect(await last.textContent()).toBe(`Search messages for “${names.carol.slice(0, 4).toUpperCase()}”`);

  const activeOption = async () =>
    popup.locator(`[id="${await field.getAttribute('aria-activedescendant')}"]`).textContent();
  await field.press('ArrowUp');
  expect(await activeOption()).toBe(await last.textContent());
  await field.press('ArrowDown');
  expect(await activeOption()).toBe(`${names.carol}, 1 unread`);

  await field.press('Enter');
  await popup.getByRole('heading', { name: names.carol }).waitFor();
  await messageLocator(popup, 'The cafeteria is closed today.').waitFor();
  await popup.close();
});

test('search: results show conversation, sender and the matched words marked; choosing one loads back to the message and highlights it', async () => {
  const panel = await signedInView(PAGES.sidePanel, { width: 820, height: 620 });
  const field = searchField(panel);
  await field.fill('*');
  await field.press('Enter');
  await panel.getByRole('alert').filter({ hasText: 'Type a word to search for' }).waitFor();

  await field.fill('cafe');
  await panel.getByRole('option', { name: 'Search messages for “cafe”' }).waitFor();
  await field.press('Enter');
  await panel.getByRole('heading', { name: 'Results for “cafe”' }).waitFor();
  await waitFor(async () => (await results(panel).count()) === 2, { what: 'two results' });
  // Newest first; "cafeteria" is another word and does not match.
  expect(await results(panel).allInnerTexts()).toEqual([
    expect.stringMatching(new RegExp(`^# Weekend trip.*\\n${names.carol}: Meet at the cafe by the station\\? Bring the map\\.$`, 's')),
    expect.stringMatching(new RegExp(`^${names.bob}.*\\n${names.bob}: The vault code is in the Café notes, page 3\\.$`, 's')),
  ]);
  expect(await results(panel).locator('mark').allTextContents()).toEqual(['cafe', 'Café']);

  await results(panel).nth(1).getByRole('button').click();
  await panel.getByRole('heading', { name: names.bob }).waitFor();
  const target = panel.locator('.messages li.message.highlighted', { hasText: 'The vault code is in the Café notes' });
  await target.waitFor({ timeout: 10_000 });
  const box = await target.boundingBox();
  const list = await panel.locator('.messages').boundingBox();
  expect(box && list && box.y >= list.y && box.y + box.height <= list.y + list.height).toBe(true);
  expect(await panel.locator('.messages li.message').count()).toBeGreaterThan(50);
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'search-results.png') });

  await field.fill('idea');
  await field.press('Enter');
  await panel.getByRole('heading', { name: 'Results for “idea”' }).waitFor();
  await waitFor(async () => (await results(panel).count()) === 20, { what: 'the first page of results' });
  await panel.getByRole('button', { name: 'Load more' }).click();
  await waitFor(async () => (await results(panel).count()) === 40, { what: 'the second page of results' });
  expect(await results(panel).last().innerText()).toContain(`Lunch idea ${BACKLOG - 40}`);

  await panel.getByRole('button', { name: 'Close search results' }).click();
  await panel.getByRole('list', { name: 'Conversations' }).waitFor();
  await panel.close();
});

test('search in this conversation: only its messages match', async () => {
  const popup = await signedInView(PAGES.popup);
  await openConversation(popup, roomId);
  await popup.getByRole('button', { name: 'Search in this conversation' }).click();
  const field = popup.getByRole('combobox', { name: 'Search messages in Weekend trip' });
  await waitFor(() => field.evaluate((element) => element === document.activeElement), { what: 'the focused search field' });
  await field.pressSequentially('cafe');
  await popup.getByRole('option', { name: 'Search Weekend trip for “cafe”' }).waitFor();
  await field.press('Enter');
  await popup.getByRole('heading', { name: 'Results for “cafe” in Weekend trip' }).waitFor();
  await waitFor(async () => (await results(popup).count()) === 1, { what: 'one result' });
  expect(await results(popup).innerText()).toContain('Meet at the cafe by the station?');

  await popup.getByRole('button', { name: 'Search everywhere, not only in Weekend trip' }).click();
  await searchField(popup).waitFor();
  await popup.close();
});
