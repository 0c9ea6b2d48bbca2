import { textOrFiles, type Conversation, type CurrentMessage } from '@chatroom/shared';
import { t, uiLanguage } from '../platform/i18n';

/** The time of a message today, its date before: in the browser's language. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(uiLanguage(), { month: 'short', day: 'numeric' });
}

export function previewOf(conversation: Conversation, me: string): string {
  const last = conversation.last_message;
  if (!last) return t('listNoMessages');
  return describeMessage(last, me);
}

export function describeMessage(message: CurrentMessage, me: string): string {
  if (message.kind === 'event') return message.message;
  const who = message.sender === me ? t('messageYou') : message.sender;
  return t('listPreview', who, message.deleted ? t('messageDeleted') : textOrFiles(message));
}
