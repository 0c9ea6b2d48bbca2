/** Limits enforced by the server and mirrored by the client's forms. */
export const LIMITS = {
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 128,
  messageMax: 4000,
  clientIdMax: 64,
  roomNameMax: 100,
  roomParticipantsMax: 1000,
  announcementMax: 4000,
  inviteUsesMax: 1000,
  inviteUsesDefault: 1,
  inviteHoursMax: 8760,
  inviteHoursDefault: 168,
  inviteNoteMax: 200,
  /** Invite and reset codes as typed or pasted, dashes and spaces included. */
  codeMax: 128,
  messagesPageDefault: 500,
  messagesPageMax: 1000,
  historyPageDefault: 50,
  historyPageMax: 1000,
  searchPageDefault: 20,
  searchPageMax: 100,
  /** The longest search query, in characters. */
  searchQueryMax: 200,
  /** Terms in a search query (words, prefixes, quoted phrases): each is one more lookup in the index. */
  searchTermsMax: 8,
  /** Letters or digits before a prefix's `*`: a shorter prefix expands to a large part of the index. */
  searchPrefixMin: 2,
  pollTimeoutMaxSeconds: 30,
  bodyMaxBytes: 64 * 1024,
  onlineWindowSeconds: 60,
  /** A browser says its presence state again this often while signed in, so that one closed without signing out stops counting. */
  presenceRefreshSeconds: 300,
  /** A session's presence state counts this long after it was last said (twice the refresh, so one lost report does not matter). */
  presenceStateSeconds: 600,
  /** Unread counts stop at this number ("1000 or more"), so counting never costs more than that. */
  unreadCountCap: 1000,
  /** The largest message id (`last_id`, `before`, `last_read_id`): the largest whole number a JSON number holds exactly. */
  idMax: Number.MAX_SAFE_INTEGER,
  /** The largest room number (`room_2147483647`): room ids count in a 32-bit column. */
  roomNumberMax: 2_147_483_647,
  /** Distinct emoji on one message. */
  reactionsPerMessageMax: 20,
  /** The longest emoji accepted as a reaction, in UTF-16 code units (long ZWJ sequences and tag flags fit). */
  emojiMax: 32,
  /** Characters of the original a reply shows. */
  excerptMax: 140,
  /** A typing state ends this long after the last POST /typing that said so, unless renewed. */
  typingSeconds: 6,
  /** Clients renew their typing state at most this often while keys are pressed. */
  typingRenewSeconds: 4,
  /** Rooms with more members share no typing states. */
  typingRoomMembersMax: 20,
  /** Files on one message. */
  attachmentsMax: 10,
  /** The longest file name (X-Filename, decoded), in characters. */
  fileNameMax: 255,
} as const;

/** Letters, digits, `_`, `.`, `-`; the `room_` prefix is reserved for room ids. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const RESERVED_USERNAME_PREFIX = 'room_';
export const ROOM_ID_PREFIX = 'room_';
/** The sender of announcements delivered through /messages. */
export const SERVER_SENDER = 'server';
/** The recipient of announcements: every user. */
export const ANNOUNCEMENT_RECIPIENT = '*';

export function isRoomId(conversation: string): boolean {
  return conversation.startsWith(ROOM_ID_PREFIX);
}
