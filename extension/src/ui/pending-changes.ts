import type { CurrentMessage, PendingChange } from '@chatroom/shared';
import { toggleReaction } from '../background/live-messages';

/**
 * A message as the user will see it once the server has their queued changes: what they did shows
 * at once, also while the server is away. Refused changes are not applied.
 */
export function withPendingChanges(message: CurrentMessage, changes: PendingChange[], me: string): CurrentMessage {
  let shown = message;
  for (const { id, change, error } of changes) {
    if (id !== message.id || error || shown.deleted) continue;
    switch (change.kind) {
      case 'edit':
        shown = { ...shown, message: change.message };
        break;
      case 'delete':
        shown = { ...shown, message: '', deleted: true, reactions: [] };
        break;
      case 'react':
        shown = { ...shown, reactions: toggleReaction(shown.reactions, change.emoji, me, change.add) };
        break;
    }
  }
  return shown;
}
