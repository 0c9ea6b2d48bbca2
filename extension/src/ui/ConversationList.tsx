import type { Conversation, ConversationSettingsRequest } from '@chatroom/shared';
import { formatTime, previewOf } from './format';
import { NotifyMenu } from './NotifyMenu';
import { unreadStyle, UnreadStyle } from './snooze';

/** How each style of unread count is read out after the number. */
const UNREAD_WORDS: Record<UnreadStyle, string> = { loud: 'unread', quiet: 'unread, mentions only', silent: 'unread, muted' };

export function ConversationList(props: {
  conversations: Conversation[];
  me: string;
  selected: string | null;
  onOpen(id: string): void;
  /** Changes a conversation's notification level or mute; without it the rows offer no menu. */
  onNotifySettings?: (id: string, request: ConversationSettingsRequest) => void;
}) {
  const now = Date.now();
  if (!props.conversations.length) {
    return <p class="muted empty">No conversations yet. Pick someone online to start one.</p>;
  }
  return (
    <ul class="conversations" aria-label="Conversations">
      {props.conversations.map((conversation) => {
        const style = unreadStyle(conversation, now);
        const label = `${conversation.name}${conversation.type === 'room' ? ' (group)' : ''}${
          conversation.unread ? `, ${conversation.unread} ${UNREAD_WORDS[style]}` : ''
        }`;
        const { onNotifySettings } = props;
        return (
          <li key={conversation.id} class="conversation-row">
            <button
              class={`conversation${props.selected === conversation.id ? ' selected' : ''}${conversation.unread && style === 'loud' ? ' has-unread' : ''}`}
              aria-label={label}
              aria-current={props.selected === conversation.id ? 'true' : undefined}
              data-conversation={conversation.id}
              onClick={() => props.onOpen(conversation.id)}
            >
              <span class="conversation-top">
                <span class="conversation-name">
                  {conversation.type === 'room' && <span aria-hidden="true"># </span>}
                  {conversation.name}
                </span>
                {conversation.last_message && (
                  <time class="muted">{formatTime(conversation.last_message.timestamp)}</time>
                )}
              </span>
              <span class="conversation-bottom">
                <span class="preview muted">{previewOf(conversation, props.me)}</span>
                {conversation.unread > 0 && (
                  <span class={`unread ${style}`} aria-hidden="true">
                    {conversation.unread}
                  </span>
                )}
              </span>
            </button>
            {onNotifySettings && <NotifyMenu conversation={conversation} onChange={(request) => onNotifySettings(conversation.id, request)} />}
          </li>
        );
      })}
    </ul>
  );
}
