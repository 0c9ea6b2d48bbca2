import type { AccountSettings, AccountSettingsRequest } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { ErrorLine, useRequest } from '../ui/form-parts';

const SWITCHES: { key: 'share_read_receipts' | 'share_typing'; label: string }[] = [
  { key: 'share_read_receipts', label: 'Share read receipts: others see "Seen" once you have read their messages' },
  { key: 'share_typing', label: 'Share typing: others see "is typing…" while you write to them' },
];

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
      {settings &&
        SWITCHES.map(({ key, label }) => (
          <label class="check" key={key}>
            <input type="checkbox" disabled={busy} checked={settings[key]} onChange={(event) => void save({ [key]: event.currentTarget.checked })} />
            {label}
          </label>
        ))}
      <ErrorLine text={error} />
    </section>
  );
}
