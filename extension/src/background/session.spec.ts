import { waitFor } from '../../../backend/test/support/server';
import { MemoryStore } from '../../test/support/memory-store';
import { useWorkerHarness } from '../../test/support/worker-harness';
import { normalizeServerUrl } from './session';

describe('Session', () => {
  const harness = useWorkerHarness();

  it('ends the session when the server no longer accepts the token', async () => {
    const { worker, seen, store } = await harness.signedIn(harness.serverUrl);
    store.data.set('session', { ...(store.data.get('session') as object), token: 'forged' });
    await worker.stop();
    const restarted = harness.make(store, harness.serverUrl);
    await restarted.worker.start();
    await waitFor(() => restarted.seen.snapshot?.connection === 'signed-out', { what: 'signed out' });
    expect(restarted.seen.snapshot?.connectionError).toMatch(/Log in again/);
    expect(store.data.get('session')).toBeNull();
    expect(seen.snapshot?.username).toBeTruthy();
  });

  it('ends a stored session past its expiry without asking the server', async () => {
    const store = new MemoryStore();
    store.data.set('session', { username: 'me', token: 't', expires_at: new Date(Date.now() - 1_000).toISOString() });
    const { worker } = harness.make(store, 'http://127.0.0.1:9', {
      fetch: () => Promise.reject(new Error('no server call expected')),
    });
    const snapshot = await worker.snapshot();
    expect(snapshot).toMatchObject({ username: null, connection: 'signed-out', connectionError: expect.stringMatching(/expired/) });
  });

  it('logs out when the server address changes: a token belongs to one server', async () => {
    const { worker, seen } = await harness.signedIn(harness.serverUrl);
    const settings = await worker.request('saveSettings', { serverUrl: 'http://127.0.0.1:9/some/path' });
    expect(settings.serverUrl).toBe('http://127.0.0.1:9');
    expect(seen.snapshot).toMatchObject({ username: null, connection: 'signed-out' });
  });

  it("reads the server's registration mode before anyone signs in", async () => {
    const { worker } = harness.make(new MemoryStore(), harness.serverUrl);
    expect(await worker.request('serverInfo', null)).toMatchObject({ registration: 'open', version: expect.any(String) });
  });

  it('takes only http and https addresses, as origins', () => {
    expect(normalizeServerUrl(' https://chat.example.org/x ')).toBe('https://chat.example.org');
    expect(() => normalizeServerUrl('chat.example.org')).toThrow(/full address/);
    expect(() => normalizeServerUrl('ftp://chat.example.org')).toThrow(/http/);
  });
});
