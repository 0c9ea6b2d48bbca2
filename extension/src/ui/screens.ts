/** What the popup fetches after its conversation list (see on-demand.ts): one chunk, loaded at once. */
export { ConversationView } from './ConversationView';
export { MessageText } from './MessageText';
export { NewRoomForm } from './NewRoomForm';
export { RoomDetails } from './RoomDetails';
