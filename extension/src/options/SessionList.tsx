import type { SessionInfo } from '@chatroom/shared';
import { useEffect, useState } from 'preact/hooks';
import type { WorkerConnector } from '../ui/connector';
import { failureText } from '../ui/error-text';
import { ErrorLine } from '../ui/form-parts';
import { describeUserAgent } from './user-agent';
import { t } from '../platform/i18n';

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

/** The account's sessions, most recently used first; `version` changes when they may have changed. */
export function SessionList({ connector, version }: { connector: WorkerConnector; version: number }) {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let shown = true;
    connector.request('sessions', null).then(
      (answer) => {
        if (!shown) return;
        setSessions(answer.sessions);
        setError(null);
      },
      (failure: unknown) => shown && setError(failureText(failure)),
    );
    return () => void (shown = false);
  }, [connector, version, reloads]);

  async function signOut(session: SessionInfo) {
    setError(null);
    try {
      // This browser's own session: the worker signs out here as well.
      await connector.request('endSession', { id: session.id });
      setReloads((n) => n + 1);
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessionsTitle')}</h2>
      <ErrorLine text={error} />
      {!sessions && !error && <p class="muted">{t('loading')}</p>}
      {sessions && (
        <ul class="sessions" aria-label={t('sessionsLabel')}>
          {sessions.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{describeUserAgent(session.user_agent)}</strong>
                {session.current && <span class="this-session"> · {t('thisBrowser')}</span>}
                <div class="muted">
                  {t('sessionTimes', when(session.created_at), when(session.last_seen_at))}
                </div>
              </div>
              <button type="button" class="secondary small" onClick={() => void signOut(session)}>
                {t('signOut')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
