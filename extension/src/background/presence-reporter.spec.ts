import type { OnlineResponse } from '@chatroom/shared';
import { MemoryStore } from '../../test/support/memory-store';
import { useWorkerHarness } from '../../test/support/worker-harness';

describe('PresenceReporter', () => {
  const harness = useWorkerHarness();

  it('tells the server the user is away when the browser goes idle or locks, and active again on input', async () => {
    const user = await harness.signedIn(harness.serverUrl);
    const watcher = await harness.signedIn(harness.serverUrl);
    const { session } = (await watcher.store.get(['session'])) as { session: { token: string } };
    const seenByWatcher = async (): Promise<string | undefined> => {
      const response = await fetch(`${harness.serverUrl}/online`, { headers: { authorization: `Bearer ${session.token}` } });
      return ((await response.json()) as OnlineResponse).presence[user.username];
    };

    expect(await seenByWatcher()).toBe('active');
    await user.worker.idleStateChanged('idle');
    expect(await seenByWatcher()).toBe('away');
    await user.worker.idleStateChanged('active');
    expect(await seenByWatcher()).toBe('active');
    await user.worker.idleStateChanged('locked');
    expect(await seenByWatcher()).toBe('away');
  });

  it('says nothing while signed out', async () => {
    const { worker } = harness.make(new MemoryStore(), harness.serverUrl);
    await expect(worker.idleStateChanged('idle')).resolves.toBeUndefined();
  });
});
