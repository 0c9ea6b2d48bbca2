import { LIMITS } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { openOptionsPage } from '../platform/browser-api';
import type { WorkerConnector } from './connector';
import { failureText } from './error-text';

export function LoginForm({ connector, serverUrl, notice }: { connector: WorkerConnector; serverUrl: string; notice: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(method: 'login' | 'register') {
    setBusy(true);
    setError(null);
    try {
      await connector.request(method, { username: username.trim(), password });
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="login"
      aria-labelledby="login-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit('login');
      }}
    >
      <h1 id="login-title">ChatRoom</h1>
      <p class="muted">
        Server: <span>{serverUrl}</span>{' '}
        <button type="button" class="link" onClick={() => void openOptionsPage()}>
          Change
        </button>
      </p>
      {notice && <p class="notice">{notice}</p>}
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
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={busy}>
          Log in
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (form?.reportValidity()) void submit('register');
          }}
        >
          Register
        </button>
      </div>
    </form>
  );
}
