import type { Conversation, ConversationSettingsRequest } from '@chatroom/shared';
import { t } from '../platform/i18n';
import { ActionsMenu, MenuItem } from './MessageActions';
import { describeUntil, isMuted, muteUntil } from './snooze';

/**
 * A conversation's notification settings (issue #10): its level (All / Mentions only / Nothing) and
 * a mute for a while; the worker sends them to the server, for all the user's sessions.
 */
export function NotifyMenu({ conversation, onChange }: { conversation: Conversation; onChange: (request: ConversationSettingsRequest) => void }) {
  const now = new Date();
  const muted = isMuted(conversation, now.getTime());
  const items: MenuItem[] = [
    { label: t('notifyMenuAll'), checked: conversation.notify === 'all', onSelect: () => onChange({ notify: 'all' }) },
    { label: t('notifyMenuMentions'), checked: conversation.notify === 'mentions', onSelect: () => onChange({ notify: 'mentions' }) },
    { label: t('notifyMenuNothing'), checked: conversation.notify === 'none', onSelect: () => onChange({ notify: 'none' }) },
    { label: t('notifyMenuMuteHour'), onSelect: () => onChange({ muted_until: muteUntil('hour', new Date()) }) },
    { label: t('notifyMenuMuteEightHours'), onSelect: () => onChange({ muted_until: muteUntil('eight-hours', new Date()) }) },
    { label: t('notifyMenuMuteUntilUnmuted'), onSelect: () => onChange({ muted_until: muteUntil('unmuted', new Date()) }) },
    ...(muted ? [{ label: t('notifyMenuUnmute'), onSelect: () => onChange({ muted_until: null }) }] : []),
  ];
  const silent = muted || conversation.notify === 'none';
  return (
    <span class="notify-menu" title={muted && conversation.muted_until ? t('notifyMenuMuted', describeUntil(conversation.muted_until, now)) : undefined}>
      <ActionsMenu label={t('notifyMenuFor', conversation.name)} title={t('notifyMenuTitle')} icon={silent ? '🔕' : '🔔'} items={items} />
    </span>
  );
}
