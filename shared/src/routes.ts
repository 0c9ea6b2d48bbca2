/** Every HTTP path of the API, so client and server cannot disagree on one. */
export const ROUTES = {
  register: '/register',
  login: '/login',
  logout: '/logout',
  online: '/online',
  send: '/send',
  messages: '/messages',
  history: '/history',
  createRoom: '/create_room',
  leaveRoom: '/leave_room',
  rooms: '/rooms',
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
  roomMembers: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}/members`,
  roomMember: (roomId: string, username: string) =>
    `/rooms/${encodeURIComponent(roomId)}/members/${encodeURIComponent(username)}`,
  conversations: '/conversations',
  read: '/read',
  unread: '/unread',
  announcement: '/announcement',
  health: '/health',
  docs: '/docs',
} as const;
