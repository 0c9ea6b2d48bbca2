import type { Conversation, CurrentMessage } from '@chatroom/shared';

/**
 * The conversation list with one conversation's preview (its newest message, which the list shows)
 * passed through `change`; the same list when that changed nothing. The worker keeps no other
 * messages: views hold what they show and fold changes into it themselves.
 */
export function withPreviewChanged(
  conversations: Conversation[],
  conversation: string,
  change: (message: CurrentMessage) => CurrentMessage,
): Conversation[] {
  const index = conversations.findIndex((c) => c.id === conversation);
  const found = conversations[index];
  if (!found?.last_message) return conversations;
  const last = change(found.last_message);
  if (last === found.last_message) return conversations;
  return conversations.map((c, i) => (i === index ? { ...c, last_message: last } : c));
}
