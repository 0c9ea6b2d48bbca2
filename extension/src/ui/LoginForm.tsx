import { ServerInfo } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import { activeTabAddress, openOptionsPage, requestOriginPermission } from '../platform/page-api';
import { t, tParts } from '../platform/i18n';
import type { WorkerConnector } from './connector';
import { failureText } from './error-text';
import { ErrorLine, PasswordField, UsernameField, useRequest } from './form-parts';
import { inviteOfPage, parseInviteLink } from './invite-link';
import { ResetCodeForm } from './ResetCodeForm';

export function LoginForm({ connector, serverUrl, notice }: { connector: WorkerConnector; serverUrl: string; notice: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [invite, setInvite] = useState('');
  const [inviteShown, setInviteShown] = useState(false);
  /** The server of an invite link that is not the server the extension uses. */
  const [invitedTo, setInvitedTo] = useState<string | null>(null);
  const [info, setInfo] = useState<ServerInfo | null>(null);
  const [resetting, setResetting] = useState(false);
  const { busy, error, setError, run } = useRequest();

  useEffect(() => {
    let current = true;
    setInfo(null);
    // An unreachable server shows the plain form; logging in then says why it fails.
    connector.request('serverInfo', null).then(
      (answer) => current && setInfo(answer),
      () => undefined,
    );
    return () => void (current = false);
  }, [connector, serverUrl]);

  // Opened from the toolbar on a server's invite page: take its server and code from there.
  useEffect(() => {
    void activeTabAddress()
      .catch(() => null)
      .then((address) => {
        const found = inviteOfPage(address);
        if (found) takeInvite(found.server, found.code);
      });
  }, []);

  const sameServer = (server: string) => server === new URL(serverUrl).origin;
  function takeInvite(server: string, code: string) {
    setInvite(code);
    setInviteShown(true);
    setInvitedTo(sameServer(server) ? null : server);
  }
  function typeInvite(text: string) {
    const link = parseInviteLink(text);
    if (link) takeInvite(link.server, link.code);
    else setInvite(text);
  }

  async function useInvitedServer(server: string) {
    setError(null);
    // Asked at once, inside the click: Chrome prompts only for a user gesture, Firefox forgets it at the first await.
    const asking = requestOriginPermission(server);
    const granted = await asking.catch(() => false);
    if (!granted) {
      setError(t('serverPermissionRefused', server));
      return;
    }
    try {
      await connector.request('saveSettings', { serverUrl: server });
      setInvitedTo(null);
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  function submit(method: 'login' | 'register') {
    const credentials = { username: username.trim(), password };
    const code = invite.trim();
    void run(() =>
      method === 'register' && code
        ? connector.request('register', { ...credentials, invite: code })
        : connector.request(method, credentials),
    );
  }

  if (resetting) {
    return <ResetCodeForm connector={connector} serverUrl={serverUrl} username={username} onBack={() => setResetting(false)} />;
  }

  const registration = info?.registration ?? 'open';
  const showInvite = inviteShown || registration === 'invite';
  return (
    <form
      class="login"
      aria-labelledby="login-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit('login');
      }}
    >
      <h1 id="login-title">{t('extName')}</h1>
      <p class="muted">
        {tParts('loginServer', <span>{serverUrl}</span>)}{' '}
        <button type="button" class="link" onClick={() => void openOptionsPage()}>
          {t('loginChangeServer')}
        </button>
      </p>
      {notice && <p class="notice">{notice}</p>}
      {invitedTo && (
        <p class="notice" role="status">
          {t('loginInviteFor', invitedTo)}{' '}
          <button type="button" class="link" onClick={() => void useInvitedServer(invitedTo)}>
            {t('loginUseThatServer')}
          </button>
        </p>
      )}
      <UsernameField value={username} onInput={setUsername} />
      <PasswordField label={t('loginPassword')} name="password" autoComplete="current-password" value={password} onInput={setPassword} />
      {showInvite && (
        <label>
          {t('loginInviteCode')}
          <input
            name="invite"
            autoComplete="off"
            placeholder={t('loginInvitePlaceholder')}
            maxLength={2000}
            value={invite}
            onInput={(event) => typeInvite(event.currentTarget.value)}
          />
          <span class="muted hint">{t('loginInviteHint')}</span>
        </label>
      )}
      <ErrorLine text={error} />
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('loginLogIn')}
        </button>
        {registration !== 'closed' && (
          <button
            type="button"
            class="secondary"
            disabled={busy || invitedTo !== null}
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (form?.reportValidity()) submit('register');
            }}
          >
            {t('loginRegister')}
          </button>
        )}
      </div>
      {registration === 'closed' && !inviteShown && (
        <p class="muted">{t('loginRegistrationClosed')}</p>
      )}
      <p class="muted">
        <button type="button" class="link" onClick={() => setResetting(true)}>
          {t('loginForgotPassword')}
        </button>
        {!showInvite && (
          <>
            {' · '}
            <button type="button" class="link" onClick={() => setInviteShown(true)}>
              {t('loginHaveInvite')}
            </button>
          </>
        )}
      </p>
    </form>
  );
}
