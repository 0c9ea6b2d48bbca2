import { ErrorCode } from '@chatroom/shared';
import { waitFor } from '../../../backend/test/support/server';
import { PASSWORD } from '../../test/support/api';
import { MemoryStore } from '../../test/support/memory-store';
import { useWorkerHarness, WorkerHarness } from '../../test/support/worker-harness';
import { ACCOUNT_DELETED } from './account';

describe('Account', () => {
  const harness = useWorkerHarness();

  /** The same user signed in on a second browser. */
  async function secondBrowser(h: WorkerHarness, url: string, username: string, password = PASSWORD) {
    const made = h.make(new MemoryStore(), url);
    await made.worker.request('login', { username, password });
    await made.worker.start();
    await waitFor(() => made.seen.snapshot?.connection === 'online', { what: 'the second browser online' });
    return made;
  }

  it('changes the password: this browser stays signed in, the other one is signed out', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const other = await secondBrowser(harness, harness.serverUrl, username);

    await expect(
      worker.request('changePassword', { current_password: 'not my password', new_password: 'a new password' }),
    ).rejects.toMatchObject({ code: ErrorCode.WrongPassword });
    await worker.request('changePassword', { current_password: PASSWORD, new_password: 'a new password' });

    await waitFor(() => other.seen.snapshot?.connection === 'signed-out', { what: 'the other browser signed out' });
    expect(seen.snapshot).toMatchObject({ username, connection: 'online' });
    await expect(secondBrowser(harness, harness.serverUrl, username)).rejects.toMatchObject({ code: ErrorCode.InvalidCredentials });
    await secondBrowser(harness, harness.serverUrl, username, 'a new password');
  });

  it('lists the sessions with this one marked, and signs out the one chosen', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    const other = await secondBrowser(harness, harness.serverUrl, username);

    const { sessions } = await worker.request('sessions', null);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const otherSession = sessions.find((session) => !session.current);
    await worker.request('endSession', { id: otherSession!.id });
    await waitFor(() => other.seen.snapshot?.connection === 'signed-out', { what: 'the other browser signed out' });
    expect(seen.snapshot?.connection).toBe('online');

    const [mine] = (await worker.request('sessions', null)).sessions;
    await worker.request('endSession', { id: mine!.id });
    expect(seen.snapshot).toMatchObject({ username: null, connection: 'signed-out', connectionError: null });
  });

  it('exports the account as the JSON the server sent', async () => {
    const { worker, username } = await harness.signedIn(harness.serverUrl);
    await worker.request('send', { recipient: username, message: 'Note to self' });
    await waitFor(() => worker.snapshot().then((s) => s.outbox.length === 0), { what: 'the note sent' });

    const { text } = await worker.request('exportAccount', null);
    const exported = JSON.parse(text) as { account: { username: string }; conversations: { messages: { message: string }[] }[] };
    expect(exported.account.username).toBe(username);
    expect(exported.conversations.flatMap((c) => c.messages.map((m) => m.message))).toContain('Note to self');
  });

  it('deletes the account only with its password, and then signs out saying why', async () => {
    const { worker, seen, username } = await harness.signedIn(harness.serverUrl);
    await expect(worker.request('deleteAccount', { password: 'not my password' })).rejects.toMatchObject({
      code: ErrorCode.WrongPassword,
    });
    expect(seen.snapshot?.username).toBe(username);

    await worker.request('deleteAccount', { password: PASSWORD, erase: true });
    expect(seen.snapshot).toMatchObject({ username: null, connection: 'signed-out', connectionError: ACCOUNT_DELETED });
    await expect(worker.request('login', { username, password: PASSWORD })).rejects.toMatchObject({
      code: ErrorCode.InvalidCredentials,
    });
  });
});
