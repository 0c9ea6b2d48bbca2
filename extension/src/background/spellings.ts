import { isRoomId } from '@chatroom/shared';

/** Lower-cased name -> the server's spelling of it. Usernames are unique ignoring case. */
export type Spellings = Record<string, string>;

/**
 * The server's spelling of a conversation id given in any case. Room ids are always `room_N`; a
 * name the server never mentioned stays as given, and the server resolves it on its side.
 */
export function canonicalIn(spellings: Spellings, conversation: string): string {
  const key = conversation.toLowerCase();
  if (isRoomId(key)) return key;
  return spellings[key] ?? conversation;
}

/** The spellings the server used in `names` that `spellings` lacks or spells otherwise; null when none. */
export function newSpellings(spellings: Spellings, names: Iterable<string>): Spellings | null {
  const added: Spellings = {};
  for (const name of names) {
    const key = name.toLowerCase();
    if (!isRoomId(key) && spellings[key] !== name) added[key] = name;
  }
  return Object.keys(added).length ? added : null;
}
