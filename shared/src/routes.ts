/** Every HTTP path of the API, so client and server cannot disagree on one. */
export const ROUTES = {
  register: '/register',
  login: '/login',
  logout: '/logout',
  online: '/online',
  presence: '/presence',
  send: '/send',
  messages: '/messages',
  message: (id: number) => `/messages/${id}`,
  messageRevisions: (id: number) => `/messages/${id}/revisions`,
  messageReaction: (id: number, emoji: string) => `/messages/${id}/reactions/${encodeURIComponent(emoji)}`,
  history: '/history',
  search: '/search',
  /** POST: a file as the raw body (X-Filename: its name, percent-encoded). */
  uploads: '/uploads',
  /** GET: a file a message you can see carries. */
  upload: (id: string, name: string) => `/uploads/${encodeURIComponent(id)}/${encodeURIComponent(name)}`,
  createRoom: '/create_room',
  leaveRoom: '/leave_room',
  rooms: '/rooms',
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
  roomMembers: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}/members`,
  roomMember: (roomId: string, username: string) =>
    `/rooms/${encodeURIComponent(roomId)}/members/${encodeURIComponent(username)}`,
  conversations: '/conversations',
  conversationSettings: (id: string) => `/conversations/${encodeURIComponent(id)}/settings`,
  /** The other members' read markers in one conversation (those who share read receipts). */
  conversationReadState: (id: string) => `/conversations/${encodeURIComponent(id)}/read-state`,
  /** Says that you are typing in a conversation, or stopped. */
  typing: '/typing',
  read: '/read',
  /** GET: unread counts and the badge; POST: mark as unread. */
  unread: '/unread',
  announcement: '/announcement',
  serverInfo: '/server-info',
  /** A public page for an invite link (`/join?invite=CODE`): shows the code and how to use it in the extension. */
  joinPage: '/join',
  invites: '/invites',
  invite: (id: number | string) => `/invites/${encodeURIComponent(id)}`,
  me: '/me',
  mePassword: '/me/password',
  meSettings: '/me/settings',
  meSessions: '/me/sessions',
  meSession: (id: string) => `/me/sessions/${encodeURIComponent(id)}`,
  meExport: '/me/export',
  adminSuspend: (username: string) => `/admin/users/${encodeURIComponent(username)}/suspend`,
  adminUnsuspend: (username: string) => `/admin/users/${encodeURIComponent(username)}/unsuspend`,
  metrics: '/metrics',
  health: '/health',
  docs: '/docs',
} as const;
