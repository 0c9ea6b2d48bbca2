import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import type { WorkerConnector } from './connector';
import { resetCodeFailureText } from './error-text';

/** Signing in with a one-time reset code from the server's admin, which also sets a new password. */
export function ResetCodeForm({
  connector,
  serverUrl,
  username: typed,
  onBack,
}: {
  connector: WorkerConnector;
  serverUrl: string;
  username: string;
  onBack: () => void;
}) {
  const [username, setUsername] = useState(typed);
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await connector.request('login', { username: username.trim(), reset_code: code.trim(), new_password: newPassword });
    } catch (failure) {
      setError(resetCodeFailureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="login" aria-labelledby="reset-title" onSubmit={(event) => void submit(event)}>
      <h1 id="reset-title">Reset your password</h1>
      <p class="muted">
        Ask the admin of <span>{serverUrl}</span> for a reset code. It works once, for 24 hours, and signs out your other
        sessions.
      </p>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          minLength={LIMITS.usernameMin}
          maxLength={LIMITS.usernameMax}
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
      </label>
      <label>
        Reset code
        <input
          name="reset_code"
          autoComplete="one-time-code"
          required
          maxLength={LIMITS.codeMax}
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
      </label>
      <label>
        New password
        <input
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={newPassword}
          onInput={(event) => setNewPassword(event.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={busy}>
          Set password and log in
        </button>
        <button type="button" class="secondary" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
