import type { Conversation, ConversationSettingsRequest } from '@chatroom/shared';
import { t } from '../platform/i18n';
import { TypingBoard, typingText, typistsIn } from './attention';
import { Avatar } from './Avatar';
import { formatTime, previewOf } from './format';
import { ActionsMenu } from './MessageActions';
import { NotifyMenu } from './NotifyMenu';
import { unreadStyle, UnreadStyle } from './snooze';

/** How each style of unread count is read out. */
const UNREAD_WORDS: Record<UnreadStyle, 'listUnread' | 'listUnreadMentionsOnly' | 'listUnreadMuted'> = {
  loud: 'listUnread',
  quiet: 'listUnreadMentionsOnly',
  silent: 'listUnreadMuted',
};

export function ConversationList(props: {
  conversations: Conversation[];
  me: string;
  selected: string | null;
  /** What the user typed and has not sent, by conversation. */
  drafts: Record<string, string>;
  typing: TypingBoard;
  onOpen(id: string): void;
  onMarkUnread(id: string): void;
  /** Changes a conversation's notification level or mute; without it the rows offer no menu. */
  onNotifySettings?: (id: string, request: ConversationSettingsRequest) => void;
}) {
  const now = Date.now();
  if (!props.conversations.length) {
    return <p class="muted empty">{t('listEmpty')}</p>;
  }
  return (
    <ul class="conversations" aria-label={t('listLabel')}>
      {props.conversations.map((conversation) => {
        const style = unreadStyle(conversation, now);
        const name = conversation.type === 'room' ? t('listGroupName', conversation.name) : conversation.name;
        const label = conversation.unread ? `${name}, ${t(UNREAD_WORDS[style], String(conversation.unread))}` : name;
        const typing = typingText(typistsIn(props.typing, conversation.id));
        const draft = props.drafts[conversation.id];
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
                  <Avatar name={conversation.name} small />
                  {conversation.type === 'room' && <span aria-hidden="true"># </span>}
                  {conversation.name}
                </span>
                {conversation.last_message && (
                  <time class="muted">{formatTime(conversation.last_message.timestamp)}</time>
                )}
              </span>
              <span class="conversation-bottom">
                {typing ? (
                  <span class="preview typing">{typing}</span>
                ) : draft ? (
                  <span class="preview">
                    <span class="draft-label">{t('listDraft')}</span> {draft}
                  </span>
                ) : (
                  <span class="preview muted">{previewOf(conversation, props.me)}</span>
                )}
                {conversation.unread > 0 && (
                  <span class={`unread ${style}`} aria-hidden="true">
                    {conversation.unread}
                  </span>
                )}
              </span>
            </button>
            {conversation.unread === 0 && conversation.last_message && (
              <span class="row-menu">
                <ActionsMenu
                  label={t('listActionsFor', conversation.name)}
                  items={[{ label: t('listMarkUnread'), onSelect: () => props.onMarkUnread(conversation.id) }]}
                />
              </span>
            )}
            {onNotifySettings && <NotifyMenu conversation={conversation} onChange={(request) => onNotifySettings(conversation.id, request)} />}
          </li>
        );
      })}
    </ul>
  );
}
