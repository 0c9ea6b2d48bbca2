import { DEFAULT_SERVER_URL, WorkerSnapshot } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import { requestOriginPermission } from '../platform/page-api';
import type { WorkerConnector } from '../ui/connector';
import { failureText } from '../ui/error-text';
import { ChangePassword } from './ChangePassword';
import { DeleteAccount } from './DeleteAccount';
import { ExportAccount } from './ExportAccount';
import { PrivacySettings } from './PrivacySettings';
import { SessionList } from './SessionList';
import { Shortcuts } from './Shortcuts';
import { t, tParts } from '../platform/i18n';

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
  if (!snapshot) return <p class="muted pad">{t('loading')}</p>;
  const shownUrl = serverUrl ?? snapshot.settings.serverUrl;

  async function save(event: Event) {
    event.preventDefault();
    setStatus(null);
    let origin: string;
    try {
      origin = new URL(shownUrl.trim()).origin;
    } catch {
      setStatus({ ok: false, text: t('serverAddressInvalid') });
      return;
    }
    // Asked here, inside the click, because Chrome only shows the permission prompt for a user gesture.
    const granted = await requestOriginPermission(origin).catch(() => false);
    if (!granted) {
      setStatus({ ok: false, text: t('serverPermissionRefused', origin) });
      return;
    }
    try {
      const saved = await connector.request('saveSettings', { serverUrl: origin });
      setServerUrl(saved.serverUrl);
      setStatus({ ok: true, text: t('saved') });
    } catch (failure) {
      setStatus({ ok: false, text: failureText(failure) });
    }
  }

  return (
    <main class="options">
      <h1>{t('settingsTitle')}</h1>
      <form onSubmit={(event) => void save(event)}>
        <label>
          {t('serverAddress')}
          <input
            name="serverUrl"
            type="url"
            required
            placeholder={DEFAULT_SERVER_URL}
            value={shownUrl}
            onInput={(event) => setServerUrl(event.currentTarget.value)}
          />
        </label>
        <p class="muted">{t('serverChangeLogsOut')}</p>
        <button type="submit">{t('save')}</button>{' '}
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
        {t('desktopNotifications')}
      </label>
      {snapshot.username ? (
        <div class="account" aria-label={t('yourAccount')}>
          <p class="muted">
            {tParts('signedInAs', <strong>{snapshot.username}</strong>, snapshot.settings.serverUrl)}
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
          <p class="muted">{t('logInFromToolbar')}</p>
        </div>
      )}
      <Shortcuts />
    </main>
  );
}
