import type { Conversation, ConversationSettingsRequest } from '@chatroom/shared';
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
    { label: 'All messages', checked: conversation.notify === 'all', onSelect: () => onChange({ notify: 'all' }) },
    { label: 'Mentions only', checked: conversation.notify === 'mentions', onSelect: () => onChange({ notify: 'mentions' }) },
    { label: 'Nothing', checked: conversation.notify === 'none', onSelect: () => onChange({ notify: 'none' }) },
    { label: 'Mute for 1 hour', onSelect: () => onChange({ muted_until: muteUntil('hour', new Date()) }) },
    { label: 'Mute for 8 hours', onSelect: () => onChange({ muted_until: muteUntil('eight-hours', new Date()) }) },
    { label: 'Mute until I unmute', onSelect: () => onChange({ muted_until: muteUntil('unmuted', new Date()) }) },
    ...(muted ? [{ label: 'Unmute', onSelect: () => onChange({ muted_until: null }) }] : []),
  ];
  const silent = muted || conversation.notify === 'none';
  return (
    <span class="notify-menu" title={muted && conversation.muted_until ? `Muted ${describeUntil(conversation.muted_until, now)}` : undefined}>
      <ActionsMenu label={`Notifications for ${conversation.name}`} title="Notifications" icon={silent ? '🔕' : '🔔'} items={items} />
    </span>
  );
}
