import { waitFor } from '../../../backend/test/support/server';
import { PASSWORD, TestUser, uniqueName } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { restartableServer } from '../../test/support/own-server';
import { useWorkerHarness } from '../../test/support/worker-harness';
import type { WorkerDeps } from './create-worker';

describe('Outbox', () => {
  const harness = useWorkerHarness();

  /** Runs `body` with a friend and a worker signed in on a server of the test's own, which `offline()` stops. */
  async function onOwnServer(
    body: (context: Awaited<ReturnType<typeof harness.signedIn>> & { friend: TestUser; offline: () => Promise<void>; back: () => Promise<void> }) => Promise<void>,
    overrides: Partial<WorkerDeps> = {},
  ): Promise<void> {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const signedIn = await harness.signedIn(own.url, overrides);
      const offline = async () => {
        await own.stop();
        await waitFor(() => signedIn.seen.snapshot?.connection === 'offline', { what: 'offline' });
      };
      await body({ ...signedIn, friend, offline, back: () => own.start() });
    } finally {
      await own.remove();
    }
  }

  it('keeps messages written offline in the outbox and sends each exactly once when back', () =>
    onOwnServer(async ({ worker, seen, username, friend, offline, back }) => {
      await offline();
      const pending = await worker.request('send', { recipient: friend.username, message: 'written offline' });
      expect(seen.snapshot?.outbox).toEqual([expect.objectContaining({ client_id: pending.client_id })]);

      await back();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
      const copies = (await friend.history(username)).messages.filter((m) => m.message === 'written offline');
      expect(copies).toHaveLength(1);
      expect(copies[0]?.client_id).toBe(pending.client_id);
    }));

  it('retries a send whose answer was lost without making a duplicate', async () => {
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    let dropNextSendAnswer = true;
    const username = uniqueName('me');
    const { worker, seen } = harness.make(new MemoryStore(), harness.serverUrl, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if ((input instanceof Request ? input.url : String(input)).endsWith('/send') && dropNextSendAnswer) {
          dropNextSendAnswer = false;
          throw new TypeError('connection reset after the server stored the message');
        }
        return response;
      },
    });
    await worker.request('register', { username, password: PASSWORD });
    await worker.start();
    await waitFor(() => seen.snapshot?.connection === 'online', { what: 'online' });

    await worker.request('send', { recipient: friend.username, message: 'only once' });
    await waitFor(() => !dropNextSendAnswer, { what: 'the lost answer' });
    // The poll loop retries the outbox after its next poll; the server recognises the client_id.
    await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
    const copies = (await friend.history(username)).messages.filter((m) => m.message === 'only once');
    expect(copies).toHaveLength(1);
  });

  it('queues a message to a name typed in another case under the spelling the server uses', async () => {
    const { worker, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('Friend'));
    await friend.send(username, 'hello');
    await worker.request('refresh', null);
    const pending = await worker.request('send', { recipient: friend.username.toUpperCase(), message: 'hi' });
    expect(pending.recipient).toBe(friend.username);
    await waitFor(async () => (await friend.history(username)).messages.length === 2, { what: 'delivered' });
  });

  it('refuses an empty or too long message before queueing it', async () => {
    const { worker, seen } = await harness.signedIn(harness.serverUrl);
    await expect(worker.request('send', { recipient: 'someone', message: '   ' })).rejects.toMatchObject({ field: 'message' });
    await expect(worker.request('send', { recipient: 'someone', message: 'x'.repeat(4001) })).rejects.toMatchObject({ field: 'message' });
    expect(seen.snapshot?.outbox).toEqual([]);
  });

  it('sends files a view uploaded with an empty text; written offline, only their descriptions wait', () =>
    onOwnServer(async ({ worker, seen, username, friend, offline, back }) => {
      const access = await worker.request('fileAccess', null);
      const response = await fetch(`${access.serverUrl}/uploads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${access.token}`, 'X-Filename': encodeURIComponent('notes (1).txt') },
        body: 'plain words',
      });
      expect(response.status).toBe(201);
      const uploaded = (await response.json()) as { upload_id: string; name: string; size: number; mime: string };
      const file = { id: uploaded.upload_id, name: uploaded.name, size: uploaded.size, mime: uploaded.mime };

      await offline();
      await worker.request('send', { recipient: friend.username, message: '', attachments: [file] });
      expect(seen.snapshot?.outbox).toEqual([expect.objectContaining({ message: '', attachments: [file] })]);
      await back();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
      const received = (await friend.history(username)).messages.filter((m) => m.attachments?.length);
      expect(received).toEqual([expect.objectContaining({ message: '', attachments: [expect.objectContaining({ id: file.id, name: 'notes (1).txt' })] })]);
    }));

  it('refuses a message with more files than the server takes, and gives no token while signed out', async () => {
    const { worker, seen } = await harness.signedIn(harness.serverUrl);
    const file = { id: 'x', name: 'a.txt', size: 1, mime: 'text/plain' };
    await expect(worker.request('send', { recipient: 'someone', message: '', attachments: Array(11).fill(file) })).rejects.toMatchObject({
      field: 'attachments',
    });
    expect(seen.snapshot?.outbox).toEqual([]);
    await worker.request('logout', null);
    await expect(worker.request('fileAccess', null)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('queues edits, deletes and reactions made offline and applies each exactly once when back', () =>
    onOwnServer(async ({ worker, seen, username, friend, offline, back }) => {
      const theirs = await friend.send(username, 'react to me');
      await worker.request('send', { recipient: friend.username, message: 'fix me' });
      await worker.request('send', { recipient: friend.username, message: 'delete me' });
      await waitFor(() => seen.snapshot?.outbox.length === 0, { what: 'sent' });
      const mine = (await friend.history(username)).messages;
      const fixMe = mine.find((m) => m.message === 'fix me');
      const deleteMe = mine.find((m) => m.message === 'delete me');
      if (!fixMe || !deleteMe) throw new Error('the messages were not delivered');

      await offline();
      await worker.request('editMessage', { ref: { id: fixMe.id, conversation: friend.username }, message: 'fixed' });
      await worker.request('react', { id: theirs.id, conversation: friend.username, emoji: '👍', add: true });
      await worker.request('deleteMessage', { ref: { id: deleteMe.id, conversation: friend.username } });
      expect(seen.snapshot?.pendingChanges.map((c) => c.change.kind)).toEqual(['edit', 'react', 'delete']);

      await back();
      await waitFor(() => seen.snapshot?.pendingChanges.length === 0, { timeoutMs: 5_000, what: 'changes applied' });
      const after = (await friend.history(username)).messages;
      expect(after.find((m) => m.id === fixMe.id)).toMatchObject({ message: 'fixed' });
      expect(after.find((m) => m.id === theirs.id)?.reactions).toEqual([{ emoji: '👍', users: [username] }]);
      expect(after.find((m) => m.id === deleteMe.id)).toMatchObject({ deleted: true });
      const { revisions } = await friend.call<{ revisions: unknown[] }>('GET', `/messages/${fixMe.id}/revisions`);
      expect(revisions).toHaveLength(2);
      const { messages: entries } = await friend.call<{ messages: { kind: string }[] }>('GET', `/messages?last_id=${theirs.id}&timeout=0`);
      expect(entries.filter((m) => m.kind === 'reaction')).toHaveLength(1);
    }));

  /** Sends a message and waits until the server has it; its id. */
  async function sent(worker: Awaited<ReturnType<typeof harness.signedIn>>['worker'], friend: TestUser, username: string, text: string) {
    await worker.request('send', { recipient: friend.username, message: text });
    const found = await waitFor(async () => (await friend.history(username)).messages.find((m) => m.message === text), { what: 'sent' });
    return found.id;
  }

  it('deletes a message without first sending the edits queued for it', () =>
    onOwnServer(async ({ worker, seen, username, friend, offline, back }) => {
      const id = await sent(worker, friend, username, 'typo');
      await offline();
      await worker.request('editMessage', { ref: { id, conversation: friend.username }, message: 'typo fixed' });
      await worker.request('deleteMessage', { ref: { id, conversation: friend.username } });

      await back();
      await waitFor(() => seen.snapshot?.pendingChanges.length === 0, { timeoutMs: 5_000, what: 'changes applied' });
      expect((await friend.history(username)).messages).toEqual([expect.objectContaining({ id, deleted: true })]);
      const { messages: entries } = await friend.call<{ messages: { kind: string }[] }>('GET', `/messages?last_id=${id}&timeout=0`);
      expect(entries.map((m) => m.kind)).toEqual(['delete']);
    }));

  it('keeps the edits queued for a message until the server has accepted its delete', () => {
    // The server refuses the delete once it is back (as it would one it may not do).
    let refuseDeletes = false;
    return onOwnServer(
      async ({ worker, seen, username, friend, offline, back }) => {
        const id = await sent(worker, friend, username, 'typo');
        await offline();
        await worker.request('editMessage', { ref: { id, conversation: friend.username }, message: 'typo fixed' });
        await worker.request('deleteMessage', { ref: { id, conversation: friend.username } });
        expect(seen.snapshot?.pendingChanges.map((c) => c.change.kind)).toEqual(['edit', 'delete']);

        refuseDeletes = true;
        await back();
        await waitFor(() => seen.snapshot?.pendingChanges.every((c) => c.error), { timeoutMs: 5_000, what: 'changes tried' });
        refuseDeletes = false;
        expect(seen.snapshot?.pendingChanges).toEqual([expect.objectContaining({ id, change: { kind: 'delete' }, error: expect.objectContaining({ code: 'forbidden' }) })]);
        expect((await friend.history(username)).messages).toEqual([expect.objectContaining({ id, message: 'typo fixed', deleted: false })]);
      },
      {
        fetch: (input, init) =>
          refuseDeletes && init?.method === 'DELETE'
            ? Promise.resolve(Response.json({ statusCode: 403, code: 'forbidden', message: 'Not today.' }, { status: 403 }))
            : fetch(input, init),
      },
    );
  });

  it('changes or removes a message still in the outbox instead of queueing a change', () =>
    onOwnServer(async ({ worker, seen, username, friend, offline, back }) => {
      await offline();
      const first = await worker.request('send', { recipient: friend.username, message: 'draft one' });
      const second = await worker.request('send', { recipient: friend.username, message: 'never mind' });
      await worker.request('editMessage', { ref: { client_id: first.client_id }, message: 'draft two' });
      await worker.request('deleteMessage', { ref: { client_id: second.client_id } });
      expect(seen.snapshot?.outbox.map((m) => m.message)).toEqual(['draft two']);
      expect(seen.snapshot?.pendingChanges).toEqual([]);

      await back();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
      const texts = (await friend.history(username)).messages.map((m) => m.message);
      expect(texts).toEqual(['draft two']);
    }));

  /** A signed-in worker whose sends reach the server only when the test lets each one through. */
  async function withHeldSends() {
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const held: (() => void)[] = [];
    const signedIn = await harness.signedIn(harness.serverUrl, {
      fetch: async (input, init) => {
        if ((input instanceof Request ? input.url : String(input)).endsWith('/send')) await new Promise<void>((go) => held.push(go));
        return fetch(input, init);
      },
    });
    const inFlight = () => waitFor(() => held.length > 0, { what: 'a send on its way' });
    const release = () => held.splice(0).forEach((go) => go());
    return { ...signedIn, friend, inFlight, release };
  }

  it('applies an edit made while the message was on its way, once the server has it', async () => {
    const { worker, seen, username, friend, inFlight, release } = await withHeldSends();
    const pending = await worker.request('send', { recipient: friend.username, message: 'teh plan' });
    await inFlight();
    await worker.request('editMessage', { ref: { client_id: pending.client_id }, message: 'the plan' });
    release();
    const shown = async () => (await friend.history(username)).messages.map((m) => m.message).join();
    await waitFor(async () => (await shown()) === 'the plan', { what: 'the edited text on the server' });
    await waitFor(() => seen.snapshot?.outbox.length === 0 && seen.snapshot.pendingChanges.length === 0, { what: 'nothing left to send' });
  });

  it('deletes a message deleted while it was on its way, once the server has it', async () => {
    const { worker, seen, username, friend, inFlight, release } = await withHeldSends();
    const pending = await worker.request('send', { recipient: friend.username, message: 'wrong person' });
    await inFlight();
    await worker.request('deleteMessage', { ref: { client_id: pending.client_id } });
    release();
    const deleted = async () => (await friend.history(username)).messages.map((m) => m.deleted).join();
    await waitFor(async () => (await deleted()) === 'true', { what: 'the message deleted on the server' });
    await waitFor(() => seen.snapshot?.outbox.length === 0 && seen.snapshot.pendingChanges.length === 0, { what: 'nothing left to send' });
  });

  it('says at once why the server refused a change, and keeps nothing of it', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const theirs = await friend.send(username, 'not yours to edit');
    await expect(
      worker.request('editMessage', { ref: { id: theirs.id, conversation: friend.username }, message: 'mine now' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await friend.call('DELETE', `/messages/${theirs.id}`);
    await expect(
      worker.request('react', { id: theirs.id, conversation: friend.username, emoji: '👍', add: true }),
    ).rejects.toMatchObject({ status: 400 });
    expect(seen.snapshot?.pendingChanges).toEqual([]);
  });

  it('sends a reply with the message it answers', async () => {
    const { worker, username } = await harness.signedIn(harness.serverUrl);
    const friend = await TestUser.register(harness.serverUrl, uniqueName('friend'));
    const question = await friend.send(username, 'lunch?');
    await worker.request('send', { recipient: friend.username, message: 'yes', reply_to: question.id });
    await waitFor(async () => (await friend.history(username)).messages.length === 2, { what: 'the reply' });
    const reply = (await friend.history(username)).messages[1];
    expect(reply?.reply_to).toMatchObject({ id: question.id, sender: friend.username, excerpt: 'lunch?' });
  });
});
