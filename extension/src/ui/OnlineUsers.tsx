import { PresenceState, sameConversation } from '@chatroom/shared';
import { useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { Avatar } from './Avatar';

export function OnlineUsers(props: { users: string[]; presence: Record<string, PresenceState>; me: string; onOpen(username: string): void }) {
  const others = props.users.filter((user) => !sameConversation(user, props.me));
  const [username, setUsername] = useState('');
  return (
    <section class="online" aria-labelledby="online-title">
      <h2 id="online-title">{t('onlineTitle', String(others.length))}</h2>
      {others.length ? (
        <ul class="chips">
          {others.map((user) => {
            const away = props.presence[user] === 'away';
            return (
              <li key={user}>
                <button class="chip" aria-label={t(away ? 'onlineChatWithAway' : 'onlineChatWith', user)} title={t(away ? 'onlineIsAway' : 'onlineIsActive', user)} onClick={() => props.onOpen(user)}>
                  <span class={away ? 'dot away' : 'dot'} aria-hidden="true" />
                  <Avatar name={user} small />
                  {user}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">{t('onlineNobody')}</p>
      )}
      <form
        class="row start-chat"
        onSubmit={(event) => {
          event.preventDefault();
          const name = username.trim();
          if (name && !sameConversation(name, props.me)) props.onOpen(name);
          setUsername('');
        }}
      >
        <label class="grow">
          {t('onlineStartChat')}
          <input
            value={username}
            placeholder={t('onlineUsernamePlaceholder')}
            onInput={(event) => setUsername(event.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('onlineChat')}</button>
      </form>
    </section>
  );
}
