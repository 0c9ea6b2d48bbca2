import { applyChange, changeEntry, CurrentMessage, PendingChange } from '@chatroom/shared';

/**
 * A message as the user will see it once the server has their queued changes: what they did shows
 * at once, also while the server is away. Refused changes are not applied.
 */
export function withPendingChanges(message: CurrentMessage, changes: PendingChange[], me: string): CurrentMessage {
  return changes
    .filter((pending) => pending.id === message.id && !pending.error)
    .reduce((shown, pending) => applyChange(shown, changeEntry(pending, me)), message);
}
