import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { restartableServer, useWorkerHarness } from '../../test/support/worker-harness';

describe('Outbox', () => {
  const harness = useWorkerHarness();

  it('keeps messages written offline in the outbox and sends each exactly once when back', async () => {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const { worker, seen, username } = await harness.signedIn(own.url);

      await own.stop();
      await waitFor(() => seen.snapshot?.connection === 'offline', { what: 'offline' });
      const pending = await worker.request('send', { recipient: friend.username, message: 'written offline' });
      expect(seen.snapshot?.outbox).toEqual([expect.objectContaining({ client_id: pending.client_id })]);

      await own.start();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 5_000, what: 'outbox sent' });
      const copies = (await friend.history(username)).messages.filter((m) => m.message === 'written offline');
      expect(copies).toHaveLength(1);
      expect(copies[0]?.client_id).toBe(pending.client_id);
    } finally {
      await own.remove();
    }
  });

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
    await worker.request('register', { username, password: 'correct-horse-1' });
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
});
