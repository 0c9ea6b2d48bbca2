import { ROUTES } from '@chatroom/shared';
import { Api, Json, PASSWORD, TestUser, uniqueName } from './support/api';
import { useTestServer } from './support/use-test-server';

/**
 * Who may do what, route by route, in one table: every route (each key of ROUTES needs a row, so
 * a new route must say who may use it) tried by each actor. A cell is the status expected, or for
 * reads that answer everyone 200, whether the protected content is in the answer (`sees`/`blind`).
 *
 * The actors: the room's admin and a member, who also share a DM; a former member of the room;
 * an outsider to both (who is the server admin of ADMIN_USERS); and a revoked token (the
 * member's, signed out). Rows run in order, top to bottom, each actor left to right.
 */
type Actor = 'roomAdmin' | 'member' | 'former' | 'outsider' | 'revoked';
const ACTORS: Actor[] = ['roomAdmin', 'member', 'former', 'outsider', 'revoked'];
type Cell = number | 'sees' | 'blind';

interface Who {
  client: Api;
  username: string;
}
interface World {
  roomId: string;
  /** An invite the server admin made, for the one DELETE /invites/:id that finds it. */
  inviteId: number;
  /** A second session of the member's, for the one DELETE /me/sessions/:id that finds it. */
  memberSessionId: string;
  roomAdmin: TestUser;
  member: TestUser;
  newcomer: TestUser;
  /** The room message the former member saw before leaving, by the room's admin. */
  earlyId: number;
  /** ROOM_SECRET, by the room's admin. */
  roomMessageId: number;
  /** DM_SECRET, from the room's admin to the member. */
  dmMessageId: number;
  /** Paths of files the room's admin sent: with the early room message, in the room after the former member left, to the member. */
  earlyFile: string;
  roomFile: string;
  dmFile: string;
}
type Outcome = { status: number; sees?: boolean };
type Run = (who: Who, world: World) => Promise<Outcome>;

const DM_SECRET = 'only for the two of us';
const ROOM_SECRET = 'only for the room';

const status = (response: Promise<{ status: number }>): Promise<Outcome> => response.then(({ status }) => ({ status }));
const seeing = (response: Promise<{ status: number; body: Json }>, sees: (body: Json) => boolean): Promise<Outcome> =>
  response.then(({ status, body }) => (status === 200 ? { status, sees: sees(body) } : { status }));
const otherOfDm = (who: Who, world: World) => (who.username === world.roomAdmin.username ? world.member.username : world.roomAdmin.username);
const hasText = (text: string) => (body: { messages: { message: string }[] }) => body.messages.some((m) => m.message === text);
const foundText = (text: string) => (body: { results: { message: { message: string } }[] }) => body.results.some((r) => r.message.message === text);
const THUMBS_UP = encodeURIComponent('👍');
/** Deletes a message `author` sends first, so that each actor tries a message of its own. */
const deleteFresh = async (who: Who, author: TestUser, recipient: string): Promise<Outcome> => {
  const { id } = await author.send(recipient, `to be deleted by ${who.username}`);
  return status(who.client.request('DELETE', `/messages/${id}`));
};

/** Sends an upload of `owner`'s, made for the occasion, as `who`: only its owner may. */
const sendUploadOf = async (who: Who, owner: TestUser, recipient: string): Promise<Outcome> => {
  const { upload_id } = await owner.uploaded('for-sending.txt', `sent by ${who.username}`);
  return status(who.client.post('/send', { recipient, message: '', attachments: [upload_id] }));
};

//                                                                             roomAdmin member   former   outsider revoked
const MATRIX: [keyof typeof ROUTES, string, [Cell, Cell, Cell, Cell, Cell], Run][] = [
  ['messages', 'GET /messages: the DM', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get('/messages?last_id=0&limit=1000'), hasText(DM_SECRET))],
  ['messages', 'GET /messages: the room', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get('/messages?last_id=0&limit=1000'), hasText(ROOM_SECRET))],
  ['history', 'GET /history with the DM partner', ['sees', 'sees', 'blind', 'blind', 401], (who, w) => seeing(who.client.get(`/history?with=${otherOfDm(who, w)}`), hasText(DM_SECRET))],
  ['history', 'GET /history of the room', ['sees', 'sees', 'blind', 403, 401], (who, w) => seeing(who.client.get(`/history?with=${w.roomId}`), hasText(ROOM_SECRET))],
  ['history', 'GET /history of the room around its message', ['sees', 'sees', 'blind', 403, 401], (who, w) => seeing(who.client.get(`/history?with=${w.roomId}&around=${w.roomMessageId}`), hasText(ROOM_SECRET))],
  ['search', 'GET /search for the DM\'s words', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get(`/search?q=${encodeURIComponent('"two of us"')}`), foundText(DM_SECRET))],
  ['search', 'GET /search for the room\'s words', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get(`/search?q=${encodeURIComponent('"for the room"')}`), foundText(ROOM_SECRET))],
  ['rooms', 'GET /rooms', ['sees', 'sees', 'blind', 'blind', 401], (who, w) => seeing(who.client.get('/rooms'), (body) => body.rooms.some((r: { room_id: string }) => r.room_id === w.roomId))],
  ['conversations', 'GET /conversations', ['sees', 'sees', 'blind', 'blind', 401], (who, w) => seeing(who.client.get('/conversations'), (body) => body.conversations.some((c: { id: string }) => c.id === w.roomId))],
  ['unread', 'GET /unread', ['blind', 'sees', 'blind', 'blind', 401], (who, w) => seeing(who.client.get('/unread'), (body) => w.roomId in body.conversations)],
  ['online', 'GET /online', [200, 200, 200, 200, 401], (who) => status(who.client.get('/online'))],
  ['presence', 'POST /presence', [200, 200, 200, 200, 401], (who) => status(who.client.post('/presence', { state: 'active' }))],
  ['send', 'POST /send to the room', [201, 201, 403, 403, 401], (who, w) => status(who.client.post('/send', { recipient: w.roomId, message: 'matrix' }))],
  ['send', 'POST /send as someone else', [403, 403, 403, 403, 401], (who, w) => status(who.client.post('/send', { recipient: w.newcomer.username, message: 'forged', sender: otherOfDm(who, w) }))],
  ['send', "POST /send with the room admin's upload", [201, 404, 404, 404, 401], (who, w) => sendUploadOf(who, w.roomAdmin, w.newcomer.username)],
  ['uploads', 'POST /uploads', [201, 201, 201, 201, 401], (who) => status(who.client.upload('matrix.txt', `from ${who.username}`))],
  ['upload', 'GET /uploads/:id/:name of a file sent to the room', [200, 200, 404, 404, 401], (who, w) => status(who.client.get(w.roomFile))],
  ['upload', 'GET /uploads/:id/:name of a file sent to the room before the former member left', [200, 200, 200, 404, 401], (who, w) => status(who.client.get(w.earlyFile))],
  ['upload', 'GET /uploads/:id/:name of a file in the DM', [200, 200, 404, 404, 401], (who, w) => status(who.client.get(w.dmFile))],
  ['message', 'GET /messages/:id of the room message', [200, 200, 404, 404, 401], (who, w) => status(who.client.get(`/messages/${w.roomMessageId}`))],
  ['message', 'GET /messages/:id of the DM', [200, 200, 404, 404, 401], (who, w) => status(who.client.get(`/messages/${w.dmMessageId}`))],
  ['message', 'GET /messages/:id of a message seen before leaving', [200, 200, 200, 404, 401], (who, w) => status(who.client.get(`/messages/${w.earlyId}`))],
  ['messageRevisions', 'GET /messages/:id/revisions of the room message', [200, 200, 404, 404, 401], (who, w) => status(who.client.get(`/messages/${w.roomMessageId}/revisions`))],
  ['message', "PATCH /messages/:id of the room admin's room message", [200, 403, 404, 404, 401], (who, w) => status(who.client.request('PATCH', `/messages/${w.roomMessageId}`, { message: `${ROOM_SECRET}, edited by ${who.username}` }))],
  ['messageReaction', 'PUT /messages/:id/reactions/:emoji in the room', [200, 200, 403, 404, 401], (who, w) => status(who.client.request('PUT', `/messages/${w.earlyId}/reactions/${THUMBS_UP}`))],
  ['messageReaction', 'DELETE /messages/:id/reactions/:emoji in the room', [200, 200, 403, 404, 401], (who, w) => status(who.client.request('DELETE', `/messages/${w.earlyId}/reactions/${THUMBS_UP}`))],
  ['message', "DELETE /messages/:id of the member's room message", [200, 200, 404, 200, 401], (who, w) => deleteFresh(who, w.member, w.roomId)],
  ['message', "DELETE /messages/:id of the room admin's DM to the member", [200, 403, 404, 200, 401], (who, w) => deleteFresh(who, w.roomAdmin, w.member.username)],
  ['read', 'POST /read in the room', [200, 200, 200, 403, 401], (who, w) => status(who.client.post('/read', { conversation: w.roomId, last_read_id: 1 }))],
  ['unread', 'POST /unread in the room, from a message all saw', [200, 200, 200, 403, 401], (who, w) => status(who.client.post('/unread', { conversation: w.roomId, from_id: w.earlyId }))],
  ['unread', 'POST /unread in the room, from a message sent after the former member left', [200, 200, 404, 403, 401], (who, w) => status(who.client.post('/unread', { conversation: w.roomId, from_id: w.roomMessageId }))],
  ['conversationSettings', 'PUT /conversations/:id/settings of the room', [200, 200, 403, 403, 401], (who, w) => status(who.client.request('PUT', `/conversations/${w.roomId}/settings`, { notify: 'mentions' }))],
  ['conversationSettings', 'PUT /conversations/:id/settings of a DM with the member', [200, 200, 200, 200, 401], (who, w) => status(who.client.request('PUT', `/conversations/${w.member.username}/settings`, { notify: 'none' }))],
  ['conversationReadState', 'GET /conversations/:id/read-state of the room', [200, 200, 403, 403, 401], (who, w) => status(who.client.get(`/conversations/${w.roomId}/read-state`))],
  ['conversationReadState', 'GET /conversations/:id/read-state of a DM with the member', [200, 200, 200, 200, 401], (who, w) => status(who.client.get(`/conversations/${w.member.username}/read-state`))],
  ['typing', 'POST /typing in the room', [200, 200, 403, 403, 401], (who, w) => status(who.client.post('/typing', { conversation: w.roomId, typing: false }))],
  ['typing', 'POST /typing in a DM with the member', [200, 200, 200, 200, 401], (who, w) => status(who.client.post('/typing', { conversation: w.member.username, typing: false }))],
  ['meSettings', 'GET /me/settings', [200, 200, 200, 200, 401], (who) => status(who.client.get('/me/settings'))],
  ['meSettings', 'PUT /me/settings', [200, 200, 200, 200, 401], (who) => status(who.client.request('PUT', '/me/settings', { share_typing: true }))],
  ['createRoom', 'POST /create_room', [201, 201, 201, 201, 401], (who, w) => status(who.client.post('/create_room', { participants: [w.newcomer.username] }))],
  ['room', 'PATCH /rooms/:id (rename)', [200, 403, 403, 403, 401], (who, w) => status(who.client.request('PATCH', `/rooms/${w.roomId}`, { name: `Renamed by ${who.username}` }))],
  ['roomMembers', 'POST /rooms/:id/members (add)', [200, 403, 403, 403, 401], (who, w) => status(who.client.post(`/rooms/${w.roomId}/members`, { username: w.newcomer.username }))],
  ['roomMember', 'DELETE /rooms/:id/members/:user', [200, 403, 403, 403, 401], (who, w) => status(who.client.request('DELETE', `/rooms/${w.roomId}/members/${w.newcomer.username}`))],
  ['announcement', 'POST /announcement', [403, 403, 403, 201, 401], (who) => status(who.client.post('/announcement', { text: `From ${who.username}` }))],
  ['announcement', 'GET /announcement', [200, 200, 200, 200, 200], (who) => status(who.client.get('/announcement'))],
  ['serverInfo', 'GET /server-info', [200, 200, 200, 200, 200], (who) => status(who.client.get('/server-info'))],
  ['joinPage', 'GET /join (an invite link)', [200, 200, 200, 200, 200], (who) => status(who.client.get('/join?invite=abcd-efgh'))],
  ['invites', 'POST /invites', [403, 403, 403, 201, 401], (who) => status(who.client.post('/invites', { uses: 2, note: `by ${who.username}` }))],
  ['invites', 'GET /invites', [403, 403, 403, 200, 401], (who) => status(who.client.get('/invites'))],
  ['invite', 'DELETE /invites/:id', [403, 403, 403, 200, 401], (who, w) => status(who.client.request('DELETE', `/invites/${w.inviteId}`))],
  ['meSessions', 'GET /me/sessions', [200, 200, 200, 200, 401], (who) => status(who.client.get('/me/sessions'))],
  ['meSession', "DELETE /me/sessions/:id (the member's other session)", [404, 200, 404, 404, 401], (who, w) => status(who.client.request('DELETE', `/me/sessions/${w.memberSessionId}`))],
  ['meExport', 'GET /me/export: the DM', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get('/me/export'), (body) => JSON.stringify(body).includes(DM_SECRET))],
  ['meExport', 'GET /me/export: the room', ['sees', 'sees', 'blind', 'blind', 401], (who) => seeing(who.client.get('/me/export'), (body) => JSON.stringify(body).includes(ROOM_SECRET))],
  ['mePassword', 'POST /me/password (their own, unchanged)', [200, 200, 200, 200, 401], (who) => status(who.client.post('/me/password', { current_password: PASSWORD, new_password: PASSWORD }))],
  ['me', 'DELETE /me (with a wrong password)', [403, 403, 403, 403, 401], (who) => status(who.client.request('DELETE', '/me', { password: 'not the password' }))],
  ['metrics', 'GET /metrics with a session token', [401, 401, 401, 401, 401], (who) => status(who.client.get('/metrics'))],
  ['health', 'GET /health', [200, 200, 200, 200, 200], (who) => status(who.client.get('/health'))],
  ['docs', 'GET /docs', [200, 200, 200, 200, 200], (who) => status(who.client.get('/docs'))],
  ['register', 'POST /register (a new name)', [201, 201, 201, 201, 201], (who) => status(who.client.post('/register', { username: uniqueName('new'), password: PASSWORD }))],
  ['login', 'POST /login (own name)', [200, 200, 200, 200, 200], (who) => status(who.client.post('/login', { username: who.username, password: PASSWORD }))],
  ['logout', 'POST /logout (a session of their own)', [200, 200, 200, 200, 401], async (who) => {
    if (!who.client.token || (await who.client.get('/rooms')).status === 401) return status(who.client.post('/logout'));
    const session = who.client.as((await who.client.post('/login', { username: who.username, password: PASSWORD })).body.token);
    const outcome = await status(session.post('/logout'));
    expect((await session.get('/rooms')).status).toBe(401);
    expect((await who.client.get('/rooms')).status).toBe(200);
    return outcome;
  }],
  ['adminSuspend', 'POST /admin/users/:name/suspend', [403, 403, 403, 200, 401], (who, w) => status(who.client.post(`/admin/users/${w.newcomer.username}/suspend`))],
  ['adminUnsuspend', 'POST /admin/users/:name/unsuspend', [403, 403, 403, 200, 401], (who, w) => status(who.client.post(`/admin/users/${w.newcomer.username}/unsuspend`))],
  ['leaveRoom', 'POST /leave_room (last: it changes the room)', [200, 200, 403, 403, 401], (who, w) => status(who.client.post('/leave_room', { room_id: w.roomId }))],
];

describe('authorization matrix', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'matrix_admin', METRICS_TOKEN: 'the matrix metrics token' } });
  const [roomAdmin, member, former, newcomer] = t.users('alice', 'bob', 'carol', 'newcomer');
  const outsider = t.user('matrix_admin', { exactName: true });

  it('has a row for every route', () => {
    expect(new Set(MATRIX.map(([route]) => route))).toEqual(new Set(Object.keys(ROUTES)));
  });

  it('answers every actor on every route as the table says', async () => {
    const room = (await roomAdmin.post('/create_room', { participants: [member.username, former.username], name: 'Matrix' })).body;
    const [earlyFile, roomFile, dmFile] = await Promise.all(['early.txt', 'room.txt', 'dm.txt'].map((name) => roomAdmin.uploaded(name, `the ${name} file`)));
    const early = await roomAdmin.send(room.room_id, 'before the former member left', { attachments: [earlyFile!.upload_id] });
    expect((await former.post('/leave_room', { room_id: room.room_id })).status).toBe(200);
    const dm = await roomAdmin.send(member.username, DM_SECRET, { attachments: [dmFile!.upload_id] });
    const roomMessage = await roomAdmin.send(room.room_id, ROOM_SECRET, { attachments: [roomFile!.upload_id] });
    const path = (file: { upload_id: string; name: string }) => ROUTES.upload(file.upload_id, file.name);
    const revokedToken = (await t.api.post('/login', { username: member.username, password: PASSWORD })).body.token as string;
    expect((await member.as(revokedToken).post('/logout')).status).toBe(200);

    const invite = await outsider.post('/invites', {});
    expect(invite.status).toBe(201);

    const memberSession = member.as((await t.api.post('/login', { username: member.username, password: PASSWORD })).body.token);
    const memberSessionId = ((await memberSession.get('/me/sessions')).body.sessions as { id: string; current: boolean }[]).find((session) => session.current)?.id ?? '';

    const world: World = { roomId: room.room_id, inviteId: invite.body.id, memberSessionId, roomAdmin, member, newcomer, earlyId: early.id, roomMessageId: roomMessage.id, dmMessageId: dm.id,
      earlyFile: path(earlyFile!), roomFile: path(roomFile!), dmFile: path(dmFile!) };
    const who: Record<Actor, Who> = {
      roomAdmin: { client: roomAdmin, username: roomAdmin.username },
      member: { client: member, username: member.username },
      former: { client: former, username: former.username },
      outsider: { client: outsider, username: outsider.username },
      revoked: { client: member.as(revokedToken), username: member.username },
    };

    const expected: string[] = [];
    const actual: string[] = [];
    for (const [, name, cells, run] of MATRIX) {
      const got: Cell[] = [];
      for (const actor of ACTORS) {
        const outcome = await run(who[actor], world);
        got.push(outcome.sees === undefined ? outcome.status : outcome.sees ? 'sees' : 'blind');
      }
      expected.push(`${name}: ${cells.join(' ')}`);
      actual.push(`${name}: ${got.join(' ')}`);
    }
    // Compared whole, so a failure shows every cell that differs at once.
    expect(actual).toEqual(expected);
  });
});
