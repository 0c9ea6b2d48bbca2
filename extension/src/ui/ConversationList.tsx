import type { Conversation } from '@chatroom/shared';
import { formatTime, previewOf } from './format';

export function ConversationList(props: {
  conversations: Conversation[];
  me: string;
  selected: string | null;
  onOpen(id: string): void;
}) {
  if (!props.conversations.length) {
    return <p class="muted empty">No conversations yet. Pick someone online to start one.</p>;
  }
  return (
    <ul class="conversations" aria-label="Conversations">
      {props.conversations.map((conversation) => {
        const label = `${conversation.name}${conversation.type === 'room' ? ' (group)' : ''}${
          conversation.unread ? `, ${conversation.unread} unread` : ''
        }`;
        return (
          <li key={conversation.id}>
            <button
              class={`conversation${props.selected === conversation.id ? ' selected' : ''}${conversation.unread ? ' has-unread' : ''}`}
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
                  <span class="unread" aria-hidden="true">
                    {conversation.unread}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
