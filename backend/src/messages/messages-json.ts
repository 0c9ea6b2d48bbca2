import type { ChatMessage, MessagesResponse } from '@chatroom/shared';

/**
 * The JSON of each message object handed out, made once. A room message wakes every member's poll
 * with the same object, so their answers share one serialization of it instead of making one each.
 * Messages are not changed once handed out, but for the erasures RecentMessages makes in place:
 * it forgets their JSON through `changedInPlace`.
 */
const serialized = new WeakMap<ChatMessage, string>();

export function messageJson(message: ChatMessage): string {
  let json = serialized.get(message);
  if (json === undefined) serialized.set(message, (json = JSON.stringify(message)));
  return json;
}

/** `message` was changed in place: its next answer serializes it again. */
export function changedInPlace(message: ChatMessage): void {
  serialized.delete(message);
}

/** JSON.stringify(response), byte for byte, with the messages' JSON shared between answers. */
export function messagesResponseJson(response: MessagesResponse): string {
  let json = '';
  for (const [key, value] of Object.entries(response)) {
    if (value === undefined) continue;
    const valueJson = key === 'messages' ? `[${response.messages.map(messageJson).join(',')}]` : JSON.stringify(value);
    json += `${json === '' ? '{' : ','}${JSON.stringify(key)}:${valueJson}`;
  }
  return json === '' ? '{}' : `${json}}`;
}
