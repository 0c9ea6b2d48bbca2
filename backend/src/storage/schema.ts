import type { Generated, Kysely } from 'kysely';

/** The tables, as the repositories see them. Timestamps are ISO 8601 strings (UTC). */
export interface DatabaseSchema {
  users: {
    id: Generated<number>;
    username: string;
    /** Lower-cased username: names are unique ignoring case. */
    username_key: string;
    password_hash: string;
    created_at: string;
    /** Set while the server's admin has suspended the account: it cannot sign in. */
    suspended_at: string | null;
    /** Set once the account is deleted: its name stays reserved, nobody signs in as it. */
    deactivated_at: string | null;
    /** Until then no desktop notifications (the badge still counts). */
    dnd_until: Generated<string | null>;
    /** 1 to let others see how far this user has read, 0 not to. */
    share_read_receipts: Generated<number>;
    /** 1 to let others see this user typing, 0 not to. */
    share_typing: Generated<number>;
  };
  sessions: {
    token_hash: string;
    /** What the user sees and ends a session by (GET/DELETE /me/sessions); random. */
    id: string;
    username: string;
    created_at: string;
    expires_at: string;
    /** When a request last used it, to the minute. */
    last_seen_at: string | null;
    user_agent: string | null;
  };
  invites: {
    id: Generated<number>;
    code_hash: string;
    uses: number;
    used: number;
    expires_at: string;
    note: string | null;
    /** The admin who made it; null when made on the command line. */
    created_by: string | null;
    created_at: string;
  };
  /** At most one reset code per user, from the admin command line. */
  password_resets: {
    username: string;
    code_hash: string;
    expires_at: string;
  };
  rooms: {
    id: Generated<number>;
    name: string;
    admin: string;
    created_at: string;
  };
  /** One row per stretch of membership: a member sees the room's messages from `from_id` to `to_id`. */
  room_members: {
    room_id: string;
    username: string;
    from_id: number;
    /** Null while the user is a member. */
    to_id: number | null;
    joined_at: string;
  };
  messages: {
    id: number;
    kind: string;
    sender: string;
    recipient: string;
    /** `dm:<a>:<b>` (names sorted), a room id, or `*` for announcements. */
    conversation: string;
    body: string;
    client_id: string | null;
    created_at: string;
    /** Of an edit, delete or reaction: the message it changes. */
    relates_to: number | null;
    /** Of a message: the message it answers. */
    reply_to: number | null;
    /** Of a message: its latest edit, whose body is its current text. */
    edit_id: number | null;
    /** Of a reaction: 1 when the emoji was taken back, else 0. */
    removed: number | null;
    /** Of a message or an edit: the users its text mentions, a JSON array; null for none. */
    mentions: string | null;
    /** Of an edit: the users it mentions that no earlier text of the message did, a JSON array; null for none. */
    new_mentions: string | null;
    /** Of a message: when it was deleted (its text, and its edits' texts, are erased then). */
    deleted_at: string | null;
    /** Of a message: the files it carries, a JSON array of Attachment; null for none, and once deleted. */
    attachments: string | null;
  };
  /** Files uploaded (POST /uploads), sent with at most one message. */
  uploads: {
    /** Random, unguessable; also the file's key in the store. */
    id: string;
    owner: string;
    name: string;
    size: number;
    mime: string;
    width: number | null;
    height: number | null;
    created_at: string;
    /** Set once the whole file is stored and counted: only then may it be sent. */
    completed_at: string | null;
    /** The message that carries it; null until sent. */
    message_id: number | null;
  };
  /** On PostgreSQL, the bytes of each upload in order (uploads/postgres-file-store.ts). */
  upload_chunks: {
    upload_id: string;
    seq: number;
    data: Buffer;
  };
  /** The reactions messages have now. */
  reactions: {
    message_id: number;
    emoji: string;
    username: string;
    /** The reaction entry that added it: users are listed in this order. */
    entry_id: number;
    /** The entry that put this emoji on the message, kept while anyone has it there: emoji are listed in this order. */
    first_entry_id: number;
  };
  /** Who each message mentions, and each edit mentions anew: counted as unread mentions after a read marker. */
  mentions: {
    username: string;
    conversation: string;
    entry_id: number;
  };
  direct_conversations: {
    username: string;
    conversation: string;
  };
  /** A user's place in a conversation, and how much the conversation may ask for their attention. */
  read_markers: {
    username: string;
    conversation: string;
    last_read_id: number;
    /** A NotifyLevel. */
    notify: Generated<string>;
    muted_until: Generated<string | null>;
  };
  presence: {
    username: string;
    last_seen: string;
  };
  /** What each signed-in browser last said of its user (POST /presence), by session. */
  presence_sessions: {
    token_hash: string;
    username: string;
    state: 'active' | 'away';
    reported_at: string;
  };
  /** Events for a server on SQLite from another process (the admin command line); see events/sqlite-relay.ts. */
  relayed_events: {
    id: Generated<number>;
    /** A ClusterEvent as JSON, or RELAY_PROBE. */
    payload: string;
  };
  counters: {
    name: string;
    value: number;
  };
}

export type Database = Kysely<DatabaseSchema>;

/** Injection token of the Kysely instance. */
export const DATABASE = Symbol('DATABASE');
