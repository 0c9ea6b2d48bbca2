import { textOrFiles, type Conversation, type CurrentMessage } from '@chatroom/shared';

export function formatTime(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

export function previewOf(conversation: Conversation, me: string): string {
  const last = conversation.last_message;
  if (!last) return 'No messages yet';
  return describeMessage(last, me);
}

export function describeMessage(message: CurrentMessage, me: string): string {
  if (message.kind === 'event') return message.message;
  const who = message.sender === me ? 'You' : message.sender;
  return `${who}: ${message.deleted ? 'Message deleted' : textOrFiles(message)}`;
}
