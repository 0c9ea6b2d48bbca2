import { DEFAULT_SERVER_URL, WorkerSnapshot } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import { requestOriginPermission } from '../platform/browser-api';
import type { WorkerConnector } from '../ui/connector';
import { failureText } from '../ui/error-text';
import { ChangePassword } from './ChangePassword';
import { DeleteAccount } from './DeleteAccount';
import { ExportAccount } from './ExportAccount';
import { PrivacySettings } from './PrivacySettings';
import { SessionList } from './SessionList';
import { Shortcuts } from './Shortcuts';

export function OptionsPage({ connector }: { connector: WorkerConnector }) {
  const [snapshot, setSnapshot] = useState<WorkerSnapshot | null>(connector.snapshot);
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [passwordChanges, setPasswordChanges] = useState(0);

  useEffect(() => {
    // The first snapshot may have arrived between the first render and this subscription.
    setSnapshot(connector.snapshot);
    return connector.onSnapshot(setSnapshot);
  }, [connector]);
  if (!snapshot) return <p class="muted pad">Loading…</p>;
  const shownUrl = serverUrl ?? snapshot.settings.serverUrl;

  async function save(event: Event) {
    event.preventDefault();
    setStatus(null);
    let origin: string;
    try {
      origin = new URL(shownUrl.trim()).origin;
    } catch {
      setStatus({ ok: false, text: 'Enter a full address, like http://localhost:5003.' });
      return;
    }
    // Asked here, inside the click, because Chrome only shows the permission prompt for a user gesture.
    const granted = await requestOriginPermission(origin).catch(() => false);
    if (!granted) {
      setStatus({ ok: false, text: `The extension needs permission to reach ${origin}.` });
      return;
    }
    try {
      const saved = await connector.request('saveSettings', { serverUrl: origin });
      setServerUrl(saved.serverUrl);
      setStatus({ ok: true, text: 'Saved.' });
    } catch (failure) {
      setStatus({ ok: false, text: failureText(failure) });
    }
  }

  return (
    <main class="options">
      <h1>ChatRoom settings</h1>
      <form onSubmit={(event) => void save(event)}>
        <label>
          Server address
          <input
            name="serverUrl"
            type="url"
            required
            placeholder={DEFAULT_SERVER_URL}
            value={shownUrl}
            onInput={(event) => setServerUrl(event.currentTarget.value)}
          />
        </label>
        <p class="muted">Changing the server logs you out of the current one.</p>
        <button type="submit">Save</button>{' '}
        {status && (
          <span role="status" class={status.ok ? 'saved' : 'error'}>
            {status.text}
          </span>
        )}
      </form>
      <label class="check">
        <input
          type="checkbox"
          checked={snapshot.settings.notifications}
          onChange={(event) => void connector.request('saveSettings', { notifications: event.currentTarget.checked })}
        />
        Desktop notifications: a message that asks for you (by each conversation's notification level and mute) while
        its conversation is not on screen, and announcements while ChatRoom is closed; snoozing holds them back
      </label>
      {snapshot.username ? (
        <div class="account" aria-label="Your account">
          <p class="muted">
            Signed in as <strong>{snapshot.username}</strong> on {snapshot.settings.serverUrl}.
          </p>
          <PrivacySettings connector={connector} />
          <ChangePassword connector={connector} onChanged={() => setPasswordChanges((n) => n + 1)} />
          <SessionList connector={connector} version={passwordChanges} />
          <ExportAccount connector={connector} username={snapshot.username} />
          <DeleteAccount connector={connector} />
        </div>
      ) : (
        <div class="account">
          {snapshot.connectionError && <p class="notice">{snapshot.connectionError}</p>}
          <p class="muted">Log in from the ChatRoom button in the toolbar to manage your account here.</p>
        </div>
      )}
      <Shortcuts />
    </main>
  );
}
