import type { AccountSettings, AccountSettingsRequest } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, useRequest } from '../ui/form-parts';

/**
 * Issue #10's privacy switches, kept by the server for the whole account: whether others see "Seen"
 * from you, and "is typing…". Your own counts are cleared either way.
 */
export function PrivacySettings({ connector }: { connector: WorkerConnector }) {
  const [settings, setSettings] = useState<AccountSettings | null>(null);
  const { busy, error, run } = useRequest();

  useEffect(() => {
    void run(async () => setSettings(await connector.request('accountSettings', null)));
  }, [connector]);

  // The switch moves at once; what the server answers (or, when saving failed, what it has) follows.
  async function save(request: AccountSettingsRequest) {
    setSettings((shown) => shown && { ...shown, ...request });
    const saved = await run(async () => setSettings(await connector.request('saveAccountSettings', request)));
    if (!saved) await connector.request('accountSettings', null).then(setSettings, () => undefined);
  }

  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      {settings && (
        <>
          <label class="check">
            <input
              type="checkbox"
              disabled={busy}
              checked={settings.share_read_receipts}
              onChange={(event) => void save({ share_read_receipts: event.currentTarget.checked })}
            />
            Share read receipts: others see "Seen" once you have read their messages
          </label>
          <label class="check">
            <input
              type="checkbox"
              disabled={busy}
              checked={settings.share_typing}
              onChange={(event) => void save({ share_typing: event.currentTarget.checked })}
            />
            Share typing: others see "is typing…" while you write to them
          </label>
        </>
      )}
      <ErrorLine text={error} />
    </section>
  );
}
