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
  };
  sessions: {
    token_hash: string;
    username: string;
    created_at: string;
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
  };
  direct_conversations: {
    username: string;
    conversation: string;
  };
  read_markers: {
    username: string;
    conversation: string;
    last_read_id: number;
  };
  presence: {
    username: string;
    last_seen: string;
  };
  counters: {
    name: string;
    value: number;
  };
}

export type Database = Kysely<DatabaseSchema>;

/** Injection token of the Kysely instance. */
export const DATABASE = Symbol('DATABASE');
