import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { failureText } from '../ui/error-text';

type Status = { ok: boolean; text: string } | null;

/** Every other session of the account ends on the server; `onChanged` lets the session list show it. */
export function ChangePassword({ connector, onChanged }: { connector: WorkerConnector; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (next !== repeated) {
      setStatus({ ok: false, text: 'The two new passwords differ.' });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      await connector.request('changePassword', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setRepeated('');
      setStatus({ ok: true, text: 'Password changed. Your other sessions are signed out.' });
      onChanged();
    } catch (failure) {
      setStatus({ ok: false, text: failureText(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={(event) => void submit(event)}>
        <PasswordField label="Current password" autoComplete="current-password" value={current} onInput={setCurrent} />
        <PasswordField label="New password" autoComplete="new-password" value={next} onInput={setNext} />
        <PasswordField label="New password again" autoComplete="new-password" value={repeated} onInput={setRepeated} />
        <button type="submit" disabled={busy}>
          Change password
        </button>{' '}
        {status && (
          <span role={status.ok ? 'status' : 'alert'} class={status.ok ? 'saved' : 'error'}>
            {status.text}
          </span>
        )}
      </form>
    </section>
  );
}

export function PasswordField({
  label,
  autoComplete,
  value,
  onInput,
}: {
  label: string;
  autoComplete: string;
  value: string;
  onInput: (value: string) => void;
}) {
  const isNew = autoComplete === 'new-password';
  return (
    <label>
      {label}
      <input
        type="password"
        required
        autoComplete={autoComplete}
        minLength={isNew ? LIMITS.passwordMin : 1}
        maxLength={LIMITS.passwordMax}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}
