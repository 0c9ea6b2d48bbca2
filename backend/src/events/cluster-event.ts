import type { ChatMessage } from '@chatroom/shared';

/** What one server instance tells every instance (itself included) about a change. */
export type ClusterEvent =
  /** A message was committed; `audience` are the users who can see it, or `everyone`. */
  | {
      type: 'message';
      id: number;
      audience: string[] | 'everyone';
      /** The message itself, when the bus can carry it: a poller may then answer without a query. */
      message?: ChatMessage;
    }
  /** A session was signed out: forget it, and answer its waiting polls 401. */
  | { type: 'token_revoked'; tokenHash: string; username: string }
  | { type: 'announcement_changed' }
  /**
   * `user`'s read marker in `conversation` (its key) moved to `lastReadId`: news for the `audience`
   * (the conversation's other participants), who see it as read receipts.
   */
  | { type: 'read_marker'; conversation: string; user: string; lastReadId: number; audience: string[] }
  /**
   * `user` is typing in `conversation` (its key) until `until` (epoch ms), or stopped (null): every
   * instance keeps who types where, and tells the `audience` (the other participants).
   */
  | { type: 'typing'; conversation: string; user: string; until: number | null; audience: string[] }
  /** The text of `sender`'s messages was erased (their account was deleted): copies kept in memory must go too. */
  | { type: 'messages_erased'; sender: string }
  /** These messages outlived RETENTION_DAYS and were erased as a delete erases: copies kept in memory must go too. */
  | { type: 'messages_expired'; ids: number[] }
  /**
   * Raised by the bus itself, never published: events from other instances may have been lost
   * (the connection to the broker dropped), so whatever they would have invalidated must be
   * re-checked: wake every long-poll, forget cached sessions, reload the announcement.
   */
  | { type: 'resync' };
