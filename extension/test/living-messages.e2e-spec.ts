import path from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../backend/test/support/server';
import { PASSWORD, TestUser } from './support/api';
import {
  composerOf,
  messageAction,
  messageItem,
  messageLocator,
  openConversation,
  PAGES,
  Profile,
  SCREENSHOTS,
  sendMessage,
  startChat,
} from './support/browser';
import { registerInProfiles, useBrowserTest } from './support/browser-test';

/**
 * Edit, delete, react, reply and mention in the built extension, in real Chromium, driven by roles
 * and labels. Alice and Bob each use a browser profile; Carol talks through the API. The tests run in
 * order and share the conversations they build.
 */
jest.setTimeout(90_000);

const suffix = Date.now().toString(36).slice(-4);
const names = { alice: `alice${suffix}`, bob: `bob${suffix}`, carol: `carol${suffix}` };

const setUp = useBrowserTest({ profiles: 2 });
let alice: Profile;
let bob: Profile;
let alicePopup: Page;
let bobPopup: Page;
let aliceApi: TestUser;
let bobApi: TestUser;
let carolApi: TestUser;

beforeAll(async () => {
  const { server } = setUp;
  [alice, bob] = setUp.profiles as [Profile, Profile];
  const [{ popups, users }, carol] = await Promise.all([
    registerInProfiles(server.url, [alice, bob], [names.alice, names.bob]),
    TestUser.register(server.url, names.carol, PASSWORD),
  ]);
  [alicePopup, bobPopup] = popups as [Page, Page];
  [aliceApi, bobApi] = users as [TestUser, TestUser];
  carolApi = carol;
});

async function sent(page: Page, text: string): Promise<void> {
  await messageLocator(page, text).waitFor();
  await page.locator('.message.pending').waitFor({ state: 'detached' });
}

test('edit: ↑ in an empty composer edits the last message, Esc cancels, Enter saves; the other side sees it live', async () => {
  await startChat(alicePopup, names.bob);
  await sendMessage(alicePopup, 'See you thre');
  await sent(alicePopup, 'See you thre');
  await bobPopup.locator(`[data-conversation="${names.alice}"]`).waitFor();
  await openConversation(bobPopup, names.alice);
  await messageLocator(bobPopup, 'See you thre').waitFor();

  const composer = composerOf(alicePopup, names.bob);
  const editor = alicePopup.getByRole('textbox', { name: 'Edit message' });
  await composer.press('ArrowUp');
  await editor.press('Escape');
  await editor.waitFor({ state: 'detached' });
  expect(await messageLocator(alicePopup, 'See you thre').count()).toBe(1);

  await composer.press('ArrowUp');
  await editor.fill('See you there');
  await editor.press('Enter');
  await messageLocator(alicePopup, 'See you there').waitFor();

  await messageLocator(bobPopup, 'See you there').waitFor({ timeout: 3_000 });
  await messageItem(bobPopup, 'See you there').getByRole('button', { name: 'Edited: show earlier versions' }).click();
  await bobPopup.getByRole('list', { name: 'Earlier versions' }).getByText('Original: See you thre', { exact: true }).waitFor();

  // A view folds in the changes it hears of itself: a new worker need not know what it shows.
  await bob.stopWorker();
  await composer.press('ArrowUp');
  await editor.fill('See you there at 8');
  await editor.press('Enter');
  await messageLocator(bobPopup, 'See you there at 8').waitFor({ timeout: 5_000 });
});

test('delete: asks first, then shows "Message deleted" on both sides and in the list preview', async () => {
  await sendMessage(alicePopup, 'wrong chat, sorry');
  await sent(alicePopup, 'wrong chat, sorry');
  await messageLocator(bobPopup, 'wrong chat, sorry').waitFor();

  // By keyboard: the "…" button takes focus, the arrows move through the menu, Escape keeps the message.
  await messageItem(alicePopup, 'wrong chat, sorry').getByRole('button', { name: 'Actions for message from You' }).focus();
  await alicePopup.keyboard.press('Enter');
  const focused = () => alicePopup.evaluate(() => document.activeElement?.textContent);
  await waitFor(async () => (await focused()) === 'React', { what: 'the menu focused' });
  await alicePopup.keyboard.press('ArrowDown');
  await alicePopup.keyboard.press('ArrowDown');
  await alicePopup.keyboard.press('ArrowDown');
  expect(await focused()).toBe('Delete');
  await alicePopup.keyboard.press('Enter');
  const confirm = alicePopup.getByRole('alertdialog', { name: 'Delete this message?' });
  await confirm.waitFor();
  expect(await focused()).toBe('Cancel');
  await alicePopup.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  expect(await messageLocator(alicePopup, 'wrong chat, sorry').count()).toBe(1);

  await messageAction(alicePopup, 'wrong chat, sorry', 'Delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await messageLocator(alicePopup, 'wrong chat, sorry').waitFor({ state: 'detached' });
  await messageLocator(alicePopup, 'Message deleted').waitFor();
  await messageLocator(bobPopup, 'Message deleted').waitFor({ timeout: 3_000 });
  expect(await bobPopup.locator('.messages').textContent()).not.toContain('wrong chat');

  await bobPopup.getByRole('button', { name: 'Back to conversations' }).click();
  const preview = bobPopup.locator(`[data-conversation="${names.alice}"] .preview`);
  await waitFor(async () => (await preview.textContent()) === `${names.alice}: Message deleted`, { what: 'the preview' });
  await openConversation(bobPopup, names.alice);
});

test('react: a picker with recent emoji, chips that say who, a click toggles yours', async () => {
  await messageAction(bobPopup, 'See you there', 'React');
  await bobPopup.getByRole('dialog', { name: 'Pick a reaction' }).getByRole('button', { name: 'React with 🎉' }).click();
  const bobChips = messageItem(bobPopup, 'See you there').getByRole('group', { name: 'Reactions' });
  await bobChips.getByRole('button', { name: '🎉 1: you' }).waitFor();

  const aliceChip = messageItem(alicePopup, 'See you there').getByRole('group', { name: 'Reactions' }).getByRole('button');
  await waitFor(async () => (await aliceChip.getAttribute('aria-label')) === `🎉 1: ${names.bob}`, { what: 'bob’s reaction at alice' });
  expect(await aliceChip.getAttribute('aria-pressed')).toBe('false');
  await aliceChip.click();
  await waitFor(async () => (await aliceChip.getAttribute('aria-label')) === `🎉 2: ${names.bob}, you`, { what: 'alice’s reaction' });
  expect(await aliceChip.getAttribute('aria-pressed')).toBe('true');
  await bobChips.getByRole('button', { name: `🎉 2: you, ${names.alice}` }).waitFor({ timeout: 3_000 });
  await aliceChip.click();
  await waitFor(async () => (await aliceChip.getAttribute('aria-label')) === `🎉 1: ${names.bob}`, { what: 'taken back' });

  // The emoji used last comes first next time.
  await messageAction(bobPopup, 'See you there', 'React');
  const picker = bobPopup.getByRole('dialog', { name: 'Pick a reaction' });
  expect(await picker.getByRole('button').first().getAttribute('aria-label')).toBe('React with 🎉');
  await picker.press('Escape');
  await picker.waitFor({ state: 'detached' });

  // Bob's message is not Alice's to edit or delete.
  await bobApi.send(names.alice, 'Bring snacks');
  await messageLocator(alicePopup, 'Bring snacks').waitFor();
  await messageItem(alicePopup, 'Bring snacks').getByRole('button', { name: /^Actions for/ }).click();
  const items = await alicePopup.getByRole('menu').getByRole('menuitem').allTextContents();
  expect(items).toEqual(['React', 'Reply', 'Mark as unread']);
  await alicePopup.keyboard.press('Escape');
});

test('reply: a quoted chip (✕ cancels), the reply quotes; its quote loads the page around the original and shows it', async () => {
  const question = await bobApi.send(names.alice, 'Which trail do we take?');
  await messageLocator(alicePopup, 'Which trail do we take?').waitFor();
  await messageAction(alicePopup, 'Which trail do we take?', 'Reply');
  const chip = alicePopup.getByRole('note', { name: `Replying to ${names.bob}` });
  await chip.getByRole('button', { name: 'Cancel reply' }).click();
  await chip.waitFor({ state: 'detached' });
  await messageAction(alicePopup, 'Which trail do we take?', 'Reply');
  await chip.waitFor();
  await sendMessage(alicePopup, 'The ridge one');
  await sent(alicePopup, 'The ridge one');
  await chip.waitFor({ state: 'detached' });
  await messageItem(alicePopup, 'The ridge one')
    .getByRole('button', { name: `Show the message from ${names.bob} this answers: Which trail do we take?` })
    .waitFor();

  // Two pages of history later, the original is not loaded when the conversation opens.
  for (let n = 1; n <= 100; n++) await bobApi.send(names.alice, `filler ${n}`);
  await bobApi.send(names.alice, 'Ridge it is', question.id);
  await alicePopup.close();
  alicePopup = await alice.open(PAGES.popup);
  await openConversation(alicePopup, names.bob);
  await messageLocator(alicePopup, 'Ridge it is').waitFor();
  expect(await messageLocator(alicePopup, 'Which trail do we take?').count()).toBe(0);
  await messageItem(alicePopup, 'Ridge it is').getByRole('button', { name: /^Show the message from .* this answers: / }).click();
  const original = alicePopup.locator('.messages li.message.highlighted', { hasText: 'Which trail do we take?' });
  await original.waitFor();
  expect(await original.isVisible()).toBe(true);
  const box = await original.boundingBox();
  const list = await alicePopup.locator('.messages').boundingBox();
  expect(box && list && box.y >= list.y && box.y < list.y + list.height).toBe(true);
  // Only the page around it was loaded (GET /history?around=), not every page in between.
  expect(await messageLocator(alicePopup, 'filler 48').count()).toBe(0);
  await alicePopup.getByRole('button', { name: 'Load newer messages' }).click();
  await messageLocator(alicePopup, 'filler 48').waitFor();
});

test('mention: @ autocomplete by keyboard, a notification for a mention in a room, highlighted; a room admin deletes; all five in one screenshot', async () => {
  const room = await aliceApi.call<{ room_id: string }>('POST', '/create_room', {
    participants: [names.bob, names.carol],
    name: 'Weekend trip',
  });
  const map = await carolApi.send(room.room_id, 'Who has the map?');
  const leaving = await bobApi.send(room.room_id, 'Leaving at 9');
  await bobApi.call('PATCH', `/messages/${leaving.id}`, { message: 'Leaving at 8:30' });
  await carolApi.send(room.room_id, 'wrong room, sorry');
  await bobApi.call('PUT', `/messages/${map.id}/reactions/${encodeURIComponent('👍')}`);
  await carolApi.call('PUT', `/messages/${map.id}/reactions/${encodeURIComponent('🎉')}`);

  // Alice has ChatRoom open on another conversation: a mention in the room still notifies her.
  await carolApi.send(room.room_id, `@${names.alice} can you bring it?`);
  const worker = await alice.worker();
  await waitFor(
    async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll())).includes(`conversation:${room.room_id}`),
    { timeoutMs: 5_000, what: 'the mention notification' },
  );

  await alicePopup.close();
  const panel = await alice.open(PAGES.sidePanel, { width: 820, height: 700 });
  await openConversation(panel, room.room_id);
  const mention = messageItem(panel, 'can you bring it?');
  await mention.locator('mark.mention-me', { hasText: `@${names.alice}` }).waitFor();

  // As the room's admin, Alice may delete Carol's message.
  await messageAction(panel, 'wrong room, sorry', 'Delete');
  await panel.getByRole('alertdialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await messageLocator(panel, 'Message deleted').waitFor();

  await messageItem(panel, 'Who has the map?').getByRole('button', { name: `👍 1: ${names.bob}` }).click();
  await messageItem(panel, 'Who has the map?').getByRole('button', { name: `👍 2: ${names.bob}, you` }).waitFor();

  await messageAction(panel, 'can you bring it?', 'Reply');
  const composer = composerOf(panel, 'Weekend trip');
  await composer.pressSequentially('@car');
  const suggestions = panel.getByRole('listbox', { name: 'People to mention' });
  await suggestions.getByRole('option', { name: `@${names.carol}` }).waitFor();
  expect(await composer.getAttribute('aria-expanded')).toBe('true');
  await composer.press('Enter');
  await suggestions.waitFor({ state: 'detached' });
  expect(await composer.inputValue()).toBe(`@${names.carol} `);
  await composer.pressSequentially('yes, and the tent');
  await composer.press('Enter');
  await sent(panel, 'yes, and the tent');
  await messageItem(panel, 'yes, and the tent').locator('.mention', { hasText: `@${names.carol}` }).waitFor();

  const { messages } = await carolApi.history(room.room_id);
  expect(messages.at(-1)).toMatchObject({ mentions: [names.carol], reply_to: { sender: names.carol } });
  await panel.locator('.messages').evaluate((list) => list.scrollTo(0, list.scrollHeight));
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'living-messages.png') });
});
