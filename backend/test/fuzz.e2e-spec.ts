import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import { ApiError, isErrorCode, LIMITS, ROUTES } from '@chatroom/shared';
import { PASSWORD, TestUser } from './support/api';
import { useTestServer } from './support/use-test-server';

/**
 * Malformed requests to every route, generated: the server must never answer 5xx or drop the
 * connection, every 4xx must have the documented error shape, a request broken on purpose must be
 * refused, and nothing a refused request carried may be stored. Runs against the built server on
 * SQLite and on PostgreSQL like every e2e file.
 *
 * FUZZ_RUNS: how many batches of CONCURRENCY requests (the default sends over 10,000);
 * FUZZ_SEED: the seed (fixed by default, so CI runs the same requests every time).
 */
const CONCURRENCY = 8;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1300);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_801);
const REQUEST_TIMEOUT_MS = 15_000;

interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent without Content-Length (chunked), which takes /send past its fast path. */
  chunked: boolean;
  /** Broken on purpose in a way the API must refuse (4xx); otherwise any answer below 500 will do. */
  mustRefuse: boolean;
}

/** A part of a request: its value, and whether it alone makes the request one the API must refuse. */
interface Part<T> {
  value: T;
  refuse: boolean;
}
const ok = <T>(value: T): Part<T> => ({ value, refuse: false });
const bad = <T>(value: T): Part<T> => ({ value, refuse: true });

interface Actors {
  fuzzer: TestUser;
  partner: TestUser;
  outsider: TestUser;
  admin: TestUser;
  roomId: string;
  revokedToken: string;
  /** A message of the fuzzer's, in the DM with the partner. */
  messageId: number;
}

// ---- values --------------------------------------------------------------------------------

/** Values a whole-number body field from `min` to `max` must refuse. */
const invalidWholeNumber = (min: number, max: number) =>
  fc.constantFrom<unknown>(min - 1, max + 1, -1, 1.5, null, String(min), '', true, [], [min], {}, 1e21, 2 ** 53, Number.MAX_VALUE, { valueOf: min });

const printable = (maxLength: number) => fc.string({ unit: 'binary-ascii', maxLength }).map((s) => s.replace(/\p{Cc}/gu, ''));
const nonStrings = fc.constantFrom<unknown>(null, 0, -1, 1.5, 1e21, true, false, [], {}, ['x'], { a: 'b' }, { toString: 1 }, { valueOf: 'x' }, [[[]]]);
const hostileText = fc.constantFrom('a\u0000b', '\u0000', 'x\ud800', '\udc00y', '\ud83d', `ok${'\u0000'.repeat(3)}`);

/** Values a string field of `min`..`max` characters must refuse. */
const invalidString = (min: number, max: number) =>
  fc.oneof(nonStrings, hostileText, fc.constant('x'.repeat(max + 1)), fc.constant(min > 0 ? '' : null));

/** Values an id field must refuse: not a JSON whole number from 0 to LIMITS.idMax. */
const invalidId = fc.constantFrom<unknown>(null, '5', '', -1, 1.5, 2 ** 53, 1e21, 2 ** 63, Number.MAX_VALUE, true, [], [5], {}, { toString: 1 }, { valueOf: 2 });

/** Values a boolean field must refuse. */
const invalidBoolean = fc.oneof(nonStrings.filter((value) => typeof value !== 'boolean'), fc.constantFrom<unknown>('true', 'false', '', 0, 1));

/** Values a time field (ISO 8601 with its offset, or null) must refuse. */
const invalidTime = fc.oneof(
  nonStrings.filter((value) => value !== null),
  hostileText,
  fc.constantFrom('', 'tomorrow', '2026-02-30T00:00:00Z', '2026-12-02T10:00:00', '2026-12-02', '2026-12-02T25:00:00Z', '2026-13-01T00:00:00Z', '1e12', '+275760-09-13T00:00:00Z', `2026-12-02T10:00:00Z${' '.repeat(3)}`),
);

/** Query values a whole-number parameter must refuse (already URL-encoded). */
const invalidQueryNumber = fc.constantFrom('-1', '1.5', '1e3', 'abc', '', '0x10', '9007199254740992', '1'.repeat(25), '%201', '%2B1', '%00', 'NaN', 'Infinity');

/** Room ids in a path that name no room the fuzzer's server has (already URL-encoded). */
const unknownRoomIds = fc.constantFrom(
  'room_0', 'room_2147483648', 'room_99999999999999999999', 'room_-1', 'room_1.5', 'room_999', 'abc', '%00', 'room_1%00',
  '%ff', '%E0%A4%A', '%', 'x'.repeat(500), 'room_%F0%9F%98%80', '..', '%2e%2e', 'room_1%2Fmembers',
);

/** Message ids in a path that are not ids (already URL-encoded). */
const invalidPathIds = fc.constantFrom('abc', '0', '-1', '1.5', '1e3', '0x10', '%20', '%00', '99999999999999999999', '9007199254740992', 'x'.repeat(500), '%E0%A4%A', '%', '..');

/** Reaction emoji in a path that are not one emoji (already URL-encoded). */
const invalidEmoji = fc.oneof(
  fc.constantFrom('a', '1', '%3A)', '%F0%9F', '%F0%9F%91%8D%F0%9F%91%8D', '%F0%9F%91%8D%20', '%00', '%25', '%', '%E0%A4%A', '..', 'x'.repeat(300), '%E2%80%8D', '%EF%B8%8F'),
  printable(20).filter((text) => text.length > 0).map(encodeURIComponent),
);
/** Usernames in a path that name nobody on the fuzzer's server (already URL-encoded). */
const unknownUsers = fc.constantFrom('nobody_here_at_all', 'server', 'room_1', '%00', 'a%00b', 'x'.repeat(33), '..', '%', '%E0%A4%A', 'a%20b');
/** Conversation ids no actor has: neither a user nor a room, unless it is the actors' own room (`room_1` may well be). */
const notConversationOf = (a: Actors) => fc.oneof(unknownRoomIds, unknownUsers).filter((id) => id !== a.roomId);

// ---- bodies --------------------------------------------------------------------------------

interface FieldSpec {
  required: boolean;
  valid: () => unknown;
  invalid: fc.Arbitrary<unknown>;
}

const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty', 'id', 'token', 'admin ', 'extra'),
  printable(20).filter((key) => key.length > 0),
);

const nested = (depth: number) => fc.constantFrom(`${'['.repeat(depth)}1${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** A JSON body built from valid fields, broken in at least one definite way. */
function brokenBody(fields: Record<string, FieldSpec>, knownKeys: string[]): fc.Arbitrary<{ text: string | Buffer; contentType: string }> {
  const names = Object.keys(fields);
  const hasRequired = names.some((name) => fields[name]!.required);
  const json = 'application/json';
  const baseline = () => {
    const body: Record<string, unknown> = {};
    for (const name of names) if (fields[name]!.required) body[name] = fields[name]!.valid();
    return body;
  };
  const fieldBroken = fc
    .tuple(fc.constantFrom(...names), fc.boolean(), fc.boolean())
    .chain(([name, drop, withOptional]) =>
      fields[name]!.invalid.map((value) => {
        const body = baseline();
        if (withOptional) for (const other of names) if (!fields[other]!.required) body[other] = fields[other]!.valid();
        if (drop && fields[name]!.required) {
          const { [name]: _dropped, ...rest } = body;
          return { text: JSON.stringify(rest), contentType: json };
        }
        body[name] = value;
        return { text: JSON.stringify(body), contentType: json };
      }),
    );
  const extraKey = fc
    .tuple(unknownKey.filter((key) => !knownKeys.includes(key)), fc.jsonValue({ maxDepth: 2 }))
    .map(([key, value]) => ({ text: JSON.stringify(baseline()).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`).replace(/,\}$/, '}'), contentType: json }));
  const garbled = fc.oneof(
    // An empty body is read as `{}`: broken only where a field is required.
    fc.constantFrom('{', '{"a":', 'nul', '{"message": "x",}', "{'a': 1}", '{"a":1}}', '\ufeff{"x"', hasRequired ? '' : '{'),
    printable(200).filter((text) => text.trim() !== '' && !isJsonObjectText(text)),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"x":"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe])])),
  ).map((text) => ({ text, contentType: json }));
  const notAnObject = fc.constantFrom('[]', '[1,2]', '1', '"x"', 'null', 'true', '[{"a":1}]', `[${JSON.stringify(baseline())}]`).map((text) => ({ text, contentType: json }));
  const deep = nested(2000).map((deepValue) => ({ text: `{${names.map((name) => `${JSON.stringify(name)}:${deepValue}`).slice(0, 1).join(',')}}`, contentType: json }));
  const oversized = fc.constant({ text: `{"${names[0]}":"${'x'.repeat(LIMITS.bodyMaxBytes + 1 - names[0]!.length - 7)}"}`, contentType: json });
  const wrongCharset = fc.constantFrom('application/json; charset=latin1', 'application/json; charset=utf-16').map((contentType) => ({ text: JSON.stringify(baseline()), contentType }));
  const unparsed = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x').map((contentType) => ({ text: JSON.stringify(baseline()), contentType }));
  return fc.oneof(
    { arbitrary: fieldBroken, weight: 10 },
    { arbitrary: extraKey, weight: 3 },
    { arbitrary: garbled, weight: 2 },
    { arbitrary: notAnObject, weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: wrongCharset, weight: 1 },
    // Without a parsed body every field is missing: a refusal only where one is required.
    { arbitrary: hasRequired ? unparsed : fieldBroken, weight: 1 },
  );
}

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
  } catch {
    return false;
  }
}

// ---- routes --------------------------------------------------------------------------------

interface RouteSpec {
  method: string;
  auth: boolean;
  path: (a: Actors) => fc.Arbitrary<Part<string>>;
  body?: (a: Actors) => { fields: Record<string, FieldSpec> };
  /** Query parameters: a valid query, and the ways to break it; `ignoresUnknown` for a page that links open, which drops the parameters it does not know. */
  query?: (a: Actors) => { valid: () => Record<string, string>; invalid: Record<string, fc.Arbitrary<string>>; required?: string[]; ignoresUnknown?: boolean };
}

const fixed = (path: string) => () => fc.constant(ok(path));
const text = (min: number, max: number, valid: () => string, required = true): FieldSpec => ({ required, valid, invalid: invalidString(min, max) });
const actingUser = (): FieldSpec => ({
  required: false,
  valid: () => 'someone_else',
  invalid: fc.oneof(invalidString(0, 1000), fc.constantFrom('someone_else', 'server', '')),
});
let fresh = 0;
const freshName = () => `fz${process.pid % 1000}_${++fresh}`;

const roomPath = (suffix: string) => (a: Actors) =>
  fc.oneof(
    { arbitrary: fc.constant(ok(`/rooms/${a.roomId}${suffix}`)), weight: 3 },
    { arbitrary: unknownRoomIds.map((id) => bad(`/rooms/${id}${suffix}`)), weight: 2 },
  );

/** /messages/{id}<suffix> for the fuzzer's message, an unknown one, or something that is no id. */
const messagePath = (suffix: string) => (a: Actors) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(ok(`/messages/${a.messageId}${suffix}`), ok(`/messages/${LIMITS.idMax}${suffix}`)), weight: 3 },
    { arbitrary: invalidPathIds.map((id) => bad(`/messages/${id}${suffix}`)), weight: 2 },
  );

/** A reaction's path: a valid one (the body then is what is broken), or a broken id or emoji. */
const reactionPath = (a: Actors) =>
  fc.oneof(
    { arbitrary: fc.constant(ok(`/messages/${a.messageId}/reactions/${encodeURIComponent('👍')}`)), weight: 2 },
    { arbitrary: invalidPathIds.map((id) => bad(`/messages/${id}/reactions/${encodeURIComponent('👍')}`)), weight: 1 },
    { arbitrary: invalidEmoji.map((emoji) => bad(`/messages/${a.messageId}/reactions/${emoji}`)), weight: 3 },
  );

const clientIdOnly = () => ({ fields: { client_id: text(1, LIMITS.clientIdMax, () => 'fuzz-change', false) } });

/** Every route of ROUTES, so that a new route cannot be added without being fuzzed. */
const SPECS: { [Name in keyof typeof ROUTES]: RouteSpec[] } = {
  register: [
    {
      method: 'POST',
      auth: false,
      path: fixed(ROUTES.register),
      body: () => ({
        fields: {
          username: { required: true, valid: freshName, invalid: fc.oneof(invalidString(3, 32), fc.constantFrom('ab', 'bad name', 'room_7', 'server', 'Server', 'a/b', 'é_accent')) },
          password: { required: true, valid: () => PASSWORD, invalid: fc.oneof(invalidString(8, 128), fc.constant('short')) },
          invite: text(1, LIMITS.codeMax, () => 'not-an-invite', false),
        },
      }),
    },
  ],
  login: [
    {
      method: 'POST',
      auth: false,
      path: fixed(ROUTES.login),
      body: (a) => ({
        fields: {
          username: text(1, 32, () => a.fuzzer.username),
          password: text(1, 128, () => 'not the password'),
          // With password, both are refused; alone, a wrong code is refused as a failed login.
          reset_code: text(1, LIMITS.codeMax, () => 'not-a-reset-code', false),
          new_password: text(8, 128, () => 'a new password', false),
        },
      }),
    },
  ],
  logout: [{ method: 'POST', auth: true, path: fixed(ROUTES.logout), body: () => ({ fields: { username: actingUser() } }) }],
  online: [{ method: 'GET', auth: true, path: fixed(ROUTES.online) }],
  presence: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.presence),
      body: () => ({
        fields: { state: { required: true, valid: () => 'away', invalid: fc.oneof(nonStrings, fc.constantFrom('', 'idle', 'locked', 'ACTIVE', 'away\u0000', ' active')) } },
      }),
    },
  ],
  send: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.send),
      body: (a) => ({
        fields: {
          recipient: { required: true, valid: () => a.partner.username, invalid: invalidString(1, 40) },
          message: { required: true, valid: () => 'fuzz', invalid: fc.oneof(invalidString(1, LIMITS.messageMax), fc.constantFrom('   ', '\n\t')) },
          client_id: text(1, LIMITS.clientIdMax, () => 'fuzz-client-id', false),
          sender: actingUser(),
          reply_to: { required: false, valid: () => a.messageId, invalid: fc.oneof(invalidId, fc.constant(0)) },
        },
      }),
    },
  ],
  message: [
    { method: 'GET', auth: true, path: messagePath('') },
    {
      method: 'PATCH',
      auth: true,
      path: messagePath(''),
      body: () => ({
        fields: {
          message: { required: true, valid: () => 'fuzz edit', invalid: fc.oneof(invalidString(1, LIMITS.messageMax), fc.constantFrom('   ', '\n\t')) },
          client_id: text(1, LIMITS.clientIdMax, () => 'fuzz-edit', false),
        },
      }),
    },
    { method: 'DELETE', auth: true, path: messagePath(''), body: clientIdOnly },
  ],
  messageRevisions: [{ method: 'GET', auth: true, path: messagePath('/revisions') }],
  // A file's bytes are anything; without X-Filename (test/uploads.e2e-spec.ts fuzzes names, lengths and bodies) every body is refused.
  uploads: [{ method: 'POST', auth: true, path: fixed(ROUTES.uploads), body: () => ({ fields: { file: text(0, 100, () => 'the bytes of a file') } }) }],
  upload: [
    {
      method: 'GET',
      auth: true,
      path: () =>
        fc
          .tuple(fc.constantFrom('AAAAAAAAAAAAAAAAAAAAAA', '..', '%2e%2e', '%00', '%', 'x'.repeat(500), 'a%2Fb', '%E0%A4%A'), fc.constantFrom('x.png', '..', '%2e%2e%2fx', '%00', '%', 'y'.repeat(300), '%E0%A4%A'))
          .map(([id, name]) => bad(`/uploads/${id}/${name}`)),
    },
  ],
  messageReaction: [
    { method: 'PUT', auth: true, path: reactionPath, body: clientIdOnly },
    { method: 'DELETE', auth: true, path: reactionPath, body: clientIdOnly },
  ],
  messages: [
    {
      method: 'GET',
      auth: true,
      path: fixed(ROUTES.messages),
      query: (a) => ({
        valid: () => ({ last_id: '0', limit: '5', timeout: '0' }),
        invalid: {
          last_id: invalidQueryNumber,
          // Never a valid positive timeout: the poll would wait.
          timeout: fc.oneof(invalidQueryNumber, fc.constantFrom('31', '1000')),
          limit: fc.oneof(invalidQueryNumber, fc.constantFrom('0', '1001')),
          // Nobody the requests are made as.
          username: fc.constantFrom(a.outsider.username, 'someone_else', '%00', 'a%00b'),
        },
      }),
    },
  ],
  history: [
    {
      method: 'GET',
      auth: true,
      path: fixed(ROUTES.history),
      query: (a) => ({
        valid: () => ({ with: a.partner.username }),
        required: ['with'],
        invalid: {
          with: fc.constantFrom('', '%00', 'a%00b', 'x'.repeat(41), '%ud800', '%ED%A0%80'),
          before: fc.oneof(invalidQueryNumber, fc.constant('0')),
          after: invalidQueryNumber,
          around: fc.oneof(invalidQueryNumber, fc.constant('0')),
          limit: fc.oneof(invalidQueryNumber, fc.constantFrom('0', '1001')),
        },
      }),
    },
  ],
  search: [
    {
      method: 'GET',
      auth: true,
      path: fixed(ROUTES.search),
      query: (a) => ({
        valid: () => ({ q: 'fuzz', with: a.partner.username }),
        required: ['q'],
        invalid: {
          // Nothing to look for: empty, only operators, punctuation or quotes; or too long.
          q: fc.constantFrom('', '*', '%22%22', '%22%20*%20%22', '-()', '%2B%20-%20%7C', '%00', 'a%00b', '%ED%A0%80', 'a*', 'ab%20c*', Array(LIMITS.searchTermsMax + 1).fill('w').join('%20'), 'x'.repeat(LIMITS.searchQueryMax + 1)),
          with: fc.constantFrom('', '%00', 'a%00b', 'x'.repeat(41), '%ud800'),
          from: fc.constantFrom('', '%00', 'x'.repeat(41)),
          before: fc.oneof(invalidQueryNumber, fc.constant('0')),
          limit: fc.oneof(invalidQueryNumber, fc.constantFrom('0', String(LIMITS.searchPageMax + 1))),
        },
      }),
    },
  ],
  createRoom: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.createRoom),
      body: (a) => ({
        fields: {
          participants: {
            required: true,
            valid: () => [a.partner.username],
            invalid: fc.oneof(
              nonStrings.filter((value) => !(Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))),
              fc.constantFrom<unknown>([], [null], [''], ['a\u0000b'], [a.partner.username, 5], ['x'.repeat(33)], Array(LIMITS.roomParticipantsMax + 1).fill(a.partner.username)),
            ),
          },
          name: { required: false, valid: () => 'Fuzz room', invalid: fc.oneof(invalidString(1, LIMITS.roomNameMax), fc.constantFrom('   ', '\t')) },
          admin: actingUser(),
        },
      }),
    },
  ],
  leaveRoom: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.leaveRoom),
      body: (a) => ({ fields: { room_id: text(1, 40, () => a.roomId), username: actingUser() } }),
    },
  ],
  rooms: [{ method: 'GET', auth: true, path: fixed(ROUTES.rooms) }],
  room: [
    {
      method: 'PATCH',
      auth: true,
      path: roomPath(''),
      body: () => ({ fields: { name: { required: true, valid: () => 'Renamed', invalid: fc.oneof(invalidString(1, LIMITS.roomNameMax), fc.constant('   ')) } } }),
    },
  ],
  roomMembers: [
    {
      method: 'POST',
      auth: true,
      path: roomPath('/members'),
      body: (a) => ({ fields: { username: text(1, 32, () => a.outsider.username) } }),
    },
  ],
  roomMember: [
    {
      // Never names a member, so always refused: not in the room, or no such room.
      method: 'DELETE',
      auth: true,
      path: (a) =>
        fc
          .tuple(
            fc.oneof(fc.constant(a.roomId), unknownRoomIds),
            fc.oneof(fc.constantFrom(a.outsider.username, '%00', 'a%00b', 'x'.repeat(33), '%', '%E0%A4%A', 'room_1', '..'), printable(40).map(encodeURIComponent)),
          )
          .filter(([, username]) => username !== '' && ![a.fuzzer.username, a.partner.username].includes(decodeURIComponentSafe(username)))
          .map(([id, username]) => bad(`/rooms/${id}/members/${username}`)),
    },
  ],
  conversations: [{ method: 'GET', auth: true, path: fixed(ROUTES.conversations) }],
  read: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.read),
      body: (a) => ({
        fields: {
          conversation: text(1, 40, () => a.partner.username),
          last_read_id: { required: true, valid: () => 1, invalid: invalidId },
        },
      }),
    },
  ],
  conversationSettings: [
    {
      method: 'PUT',
      auth: true,
      path: (a) =>
        fc.oneof(
          { arbitrary: fc.constantFrom(ok(ROUTES.conversationSettings(a.partner.username)), ok(ROUTES.conversationSettings(a.roomId))), weight: 3 },
          { arbitrary: notConversationOf(a).map((id) => bad(`/conversations/${id}/settings`)), weight: 2 },
        ),
      body: () => ({
        fields: {
          notify: { required: false, valid: () => 'mentions', invalid: fc.oneof(nonStrings, hostileText, fc.constantFrom('ALL', 'All', 'some', '', 'all ', 'mentions,none')) },
          muted_until: { required: false, valid: () => '2030-01-01T00:00:00Z', invalid: invalidTime },
        },
      }),
    },
  ],
  conversationReadState: [
    {
      method: 'GET',
      auth: true,
      path: (a) =>
        fc.oneof(
          { arbitrary: fc.constantFrom(ok(ROUTES.conversationReadState(a.partner.username)), ok(ROUTES.conversationReadState(a.roomId))), weight: 3 },
          { arbitrary: notConversationOf(a).map((id) => bad(`/conversations/${id}/read-state`)), weight: 2 },
        ),
    },
  ],
  typing: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.typing),
      body: (a) => ({
        fields: {
          conversation: text(1, 40, () => a.roomId),
          typing: { required: true, valid: () => true, invalid: fc.oneof(nonStrings.filter((v) => typeof v !== 'boolean'), fc.constantFrom('true', 'false', 1, 0, '')) },
        },
      }),
    },
  ],
  unread: [
    { method: 'GET', auth: true, path: fixed(ROUTES.unread) },
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.unread),
      body: (a) => ({
        fields: {
          conversation: text(1, 40, () => a.partner.username),
          from_id: { required: true, valid: () => a.messageId, invalid: fc.oneof(invalidId, fc.constant(0)) },
        },
      }),
    },
  ],
  announcement: [
    { method: 'GET', auth: false, path: fixed(ROUTES.announcement) },
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.announcement),
      body: () => ({ fields: { text: { required: true, valid: () => 'Fuzzed announcement', invalid: fc.oneof(nonStrings, hostileText, fc.constant('x'.repeat(LIMITS.announcementMax + 1))) } } }),
    },
  ],
  serverInfo: [{ method: 'GET', auth: false, path: fixed(ROUTES.serverInfo) }],
  joinPage: [
    {
      method: 'GET',
      auth: false,
      path: fixed(ROUTES.joinPage),
      query: () => ({
        valid: () => ({ invite: 'abcd-efgh-2345' }),
        // Never a code: letters, the digits 2 to 7 and dashes, at most LIMITS.codeMax of them.
        invalid: { invite: fc.constantFrom('', '%3Cb%3E', 'abc%22', '1890', 'a%00b', '%ff', '%', 'x'.repeat(LIMITS.codeMax + 1)) },
        ignoresUnknown: true,
      }),
    },
  ],
  invites: [
    { method: 'GET', auth: true, path: fixed(ROUTES.invites) },
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.invites),
      body: () => ({
        fields: {
          uses: { required: false, valid: () => 1, invalid: invalidWholeNumber(1, LIMITS.inviteUsesMax) },
          expires_in_hours: { required: false, valid: () => 1, invalid: invalidWholeNumber(1, LIMITS.inviteHoursMax) },
          note: { required: false, valid: () => 'fuzz', invalid: fc.oneof(invalidString(1, LIMITS.inviteNoteMax), fc.constant('   ')) },
        },
      }),
    },
  ],
  invite: [
    {
      // Never an invite the server has: refused as not found, or as not the admin's to delete.
      method: 'DELETE',
      auth: true,
      path: () => fc.constantFrom('0', '999999', '2147483648', '99999999999999999999', '-1', '1.5', 'abc', '%00', '1%00', '%', 'x'.repeat(300)).map((id) => bad(`/invites/${id}`)),
    },
  ],
  me: [
    {
      method: 'DELETE',
      auth: true,
      path: fixed(ROUTES.me),
      body: () => ({
        fields: {
          // Never the password: were a broken body let through, the account would still stay.
          password: text(1, LIMITS.passwordMax, () => 'not the password'),
          erase: { required: false, valid: () => false, invalid: invalidBoolean },
        },
      }),
    },
  ],
  mePassword: [
    {
      method: 'POST',
      auth: true,
      path: fixed(ROUTES.mePassword),
      body: () => ({
        fields: {
          current_password: text(1, LIMITS.passwordMax, () => 'not the password'),
          new_password: { required: true, valid: () => 'a new password', invalid: fc.oneof(invalidString(8, LIMITS.passwordMax), fc.constant('short')) },
        },
      }),
    },
  ],
  meSettings: [
    { method: 'GET', auth: true, path: fixed(ROUTES.meSettings) },
    {
      method: 'PUT',
      auth: true,
      path: fixed(ROUTES.meSettings),
      body: () => ({
        fields: {
          dnd_until: { required: false, valid: () => '2030-01-01T00:00:00Z', invalid: invalidTime },
          share_read_receipts: { required: false, valid: () => false, invalid: invalidBoolean },
          share_typing: { required: false, valid: () => false, invalid: invalidBoolean },
        },
      }),
    },
  ],
  meSessions: [{ method: 'GET', auth: true, path: fixed(ROUTES.meSessions) }],
  meSession: [
    {
      // Never a session of the caller's: refused as not found, or as not a session id.
      method: 'DELETE',
      auth: true,
      path: () =>
        fc
          .oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.constantFrom('0', 'abc', '%00', 'a%00b', 'x'.repeat(300), '%', '..', 'ABCDEF0123456789ABCDEF0123456789'))
          .map((id) => bad(`/me/sessions/${id}`)),
    },
  ],
  meExport: [{ method: 'GET', auth: true, path: fixed(ROUTES.meExport) }],
  adminSuspend: [{ method: 'POST', auth: true, path: () => unknownUsers.map((name) => bad(`/admin/users/${name}/suspend`)) }],
  adminUnsuspend: [{ method: 'POST', auth: true, path: () => unknownUsers.map((name) => bad(`/admin/users/${name}/unsuspend`)) }],
  metrics: [{ method: 'GET', auth: false, path: fixed(ROUTES.metrics) }],
  health: [{ method: 'GET', auth: false, path: fixed(ROUTES.health) }],
  docs: [{ method: 'GET', auth: false, path: fixed(ROUTES.docs) }],
};

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---- requests ------------------------------------------------------------------------------

function authorization(a: Actors): fc.Arbitrary<Part<string | undefined>> {
  const token = a.fuzzer.token!;
  return fc.oneof(
    { arbitrary: fc.constant(ok(`Bearer ${a.fuzzer.token}`)), weight: 12 },
    { arbitrary: fc.constantFrom(ok(`Bearer ${a.partner.token}`), ok(`Bearer ${a.admin.token}`)), weight: 2 },
    {
      arbitrary: fc.oneof(
        fc.constantFrom(undefined, 'Bearer', 'Bearer ', 'bearer', `bearer ${a.fuzzer.token}`, `Bearer\t${a.fuzzer.token}`, `Basic ${Buffer.from('a:b').toString('base64')}`),
        fc.constantFrom(`Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Bearer ${a.revokedToken}`, `Bearer ${'a'.repeat(4000)}`, 'Bearer null', 'Bearer undefined'),
        printable(300).map((garbage) => `Bearer ${garbage}`).filter((header) => header.slice(7).trim() !== '' && !header.includes(token)),
        printable(100),
      ).map(bad),
      weight: 5,
    },
  );
}

/** Headers that never make a request valid or invalid. */
const noise = fc.record(
  {
    // Long headers, cheaply: a short random piece repeated (Node refuses above 16 KiB of headers itself).
    'x-fuzz': fc.tuple(printable(16), fc.nat(8000)).map(([piece, length]) => (piece || '-').repeat(Math.ceil(length / (piece.length || 1))).slice(0, length)),
    origin: fc.constantFrom('https://evil.example', 'chrome-extension://abcdefghijklmnop', 'null', 'http://localhost:3000'),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x'),
  },
  { requiredKeys: [] },
);

function queryString(spec: ReturnType<NonNullable<RouteSpec['query']>>): fc.Arbitrary<Part<string>> {
  const encode = (params: [string, string][]) => params.map(([key, value]) => `${key}=${value}`).join('&');
  const valid = () => Object.entries(spec.valid());
  const names = Object.keys(spec.invalid);
  const brokenValue = fc
    .constantFrom(...names)
    .chain((name) => spec.invalid[name]!.map((value) => bad(encode([...valid().filter(([key]) => key !== name), [name, value]]))));
  const duplicated = fc.constantFrom(...names).map((name) => bad(encode([...valid(), [name, '1'], [name, '2']])));
  const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf').map((key) => bad(encode([...valid(), [key, '1']])));
  const unknown = fc
    .oneof(fc.constantFrom('extra', 'last_id[a]', 'with[0]', 'LIMIT', 'fbclid'), printable(10).map(encodeURIComponent).filter((key) => key !== '' && !names.includes(key)))
    .map((key) => (spec.ignoresUnknown ? ok : bad)(encode([...valid(), [key, '1']])));
  const missing = (spec.required ?? []).map((name) => fc.constant(bad(encode(valid().filter(([key]) => key !== name)))));
  return fc.oneof(
    { arbitrary: fc.constant(ok(encode(valid()))), weight: 2 },
    { arbitrary: brokenValue, weight: 6 },
    { arbitrary: duplicated, weight: 2 },
    { arbitrary: prototypeKey, weight: 1 },
    { arbitrary: unknown, weight: 2 },
    ...missing.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}

function requestFor(route: string, spec: RouteSpec, a: Actors): fc.Arbitrary<FuzzRequest> {
  const body = spec.body ? brokenBody(spec.body(a).fields, Object.keys(spec.body(a).fields)).map(bad) : fc.constant(ok(undefined));
  const query = spec.query ? queryString(spec.query(a)) : fc.oneof(fc.constant(ok('')), printable(30).map((q) => ok(encodeURIComponent(q))));
  const token = spec.auth ? authorization(a) : fc.oneof(fc.constant(ok<string | undefined>(undefined)), authorization(a).map((part) => ok(part.value)));
  return fc
    .record({ path: spec.path(a), body, query, token, noise, chunked: fc.boolean(), caseOfType: fc.boolean() })
    .map(({ path, body, query, token, noise, chunked, caseOfType }) => {
      const headers: Record<string, string> = { ...noise };
      if (token.value !== undefined) headers.authorization = token.value;
      let payload: Buffer | undefined;
      if (body.value) {
        payload = Buffer.isBuffer(body.value.text) ? body.value.text : Buffer.from(body.value.text, 'utf8');
        headers['content-type'] = caseOfType ? body.value.contentType.toUpperCase() : body.value.contentType;
      }
      return {
        route,
        method: spec.method,
        path: query.value ? `${path.value}?${query.value}` : path.value,
        headers,
        body: payload,
        chunked: chunked && payload !== undefined,
        mustRefuse: path.refuse || body.refuse || query.refuse || (spec.auth && token.refuse),
      };
    });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(baseUrl: URL, agent: Agent, fuzz: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...fuzz.headers };
    if (fuzz.body) headers[fuzz.chunked ? 'transfer-encoding' : 'content-length'] = fuzz.chunked ? 'chunked' : fuzz.body.length;
    const request = httpRequest(
      { host: baseUrl.hostname, port: baseUrl.port, method: fuzz.method, path: fuzz.path, headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(fuzz.body);
  });
}

/** What is wrong with an answer, or undefined when it is one the API may give. */
function problemWith(fuzz: FuzzRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (fuzz.mustRefuse && answer.status < 400) return `accepted a broken request with ${answer.status}`;
  if (answer.status < 400) return undefined;
  let body: Partial<ApiError>;
  try {
    body = JSON.parse(answer.text) as Partial<ApiError>;
  } catch {
    return `answered ${answer.status} without a JSON body`;
  }
  if (body.statusCode !== answer.status) return `statusCode ${String(body.statusCode)} differs from the status ${answer.status}`;
  if (!isErrorCode(body.code)) return `unknown code ${JSON.stringify(body.code)}`;
  if (typeof body.message !== 'string' || body.message === '') return 'no message';
  if (body.field !== undefined && typeof body.field !== 'string') return 'field is not a string';
  if (body.details !== undefined && !(Array.isArray(body.details) && body.details.every((d) => typeof d.field === 'string' && typeof d.message === 'string'))) {
    return 'details are not a list of {field, message}';
  }
  if (answer.status === 429 && !answer.headers['retry-after']) return '429 without Retry-After';
  return undefined;
}

function describeRequest(fuzz: FuzzRequest): string {
  const headers = Object.fromEntries(Object.entries(fuzz.headers).map(([name, value]) => [name, value.length > 120 ? `${value.slice(0, 120)}… (${value.length} chars)` : value]));
  const body = fuzz.body === undefined ? '' : fuzz.body.length > 400 ? `${JSON.stringify(fuzz.body.subarray(0, 400).toString('utf8'))}… (${fuzz.body.length} bytes)` : JSON.stringify(fuzz.body.toString('utf8'));
  return `${fuzz.method} ${fuzz.path.length > 300 ? `${fuzz.path.slice(0, 300)}…` : fuzz.path}${fuzz.chunked ? ' (chunked)' : ''}\nheaders: ${JSON.stringify(headers)}\nbody: ${body}`;
}

// ---- the suite -----------------------------------------------------------------------------

describe('fuzzing every route with malformed requests', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'fuzz_admin' } });
  const [fuzzer, partner, outsider] = t.users('fuzzer', 'partner', 'outsider');
  const admin = t.user('fuzz_admin', { exactName: true });

  /** What the API shows of the stored state: refused requests must leave all of it as it was. */
  async function storedState() {
    const views = await Promise.all(
      [fuzzer, partner, outsider, admin].map(async (user) => ({
        messages: (await user.get('/messages?last_id=0&limit=1000')).body,
        rooms: (await user.get('/rooms')).body,
        conversations: (await user.get('/conversations')).body,
        unread: (await user.get('/unread')).body,
      })),
    );
    return { views, announcement: (await t.api.get('/announcement')).body };
  }

  it(`never answers 5xx, always in the error shape, and stores nothing from refused requests (${RUNS * CONCURRENCY} requests)`, async () => {
    const room = await fuzzer.post('/create_room', { participants: [partner.username], name: 'Fuzzed' });
    expect(room.status).toBe(201);
    const message = await fuzzer.send(partner.username, 'before the fuzz');
    await fuzzer.send(room.body.room_id, 'before the fuzz, in the room');
    expect((await admin.post('/announcement', { text: 'Before the fuzz' })).status).toBe(201);
    const revoked = await t.api.post('/login', { username: outsider.username, password: PASSWORD });
    expect((await outsider.as(revoked.body.token).post('/logout')).status).toBe(200);
    const actors: Actors = { fuzzer, partner, outsider, admin, roomId: room.body.room_id, revokedToken: revoked.body.token, messageId: message.id };
    const before = await storedState();

    const routes = Object.entries(SPECS).flatMap(([name, specs]) => specs.map((spec) => requestFor(name, spec, actors)));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const baseUrl = new URL(t.server.url);
    const sentByRoute = new Map<string, number>();
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = Date.now();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(...routes), { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (batch) => {
          const answers = await Promise.all(batch.map((fuzz) => send(baseUrl, agent, fuzz).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
          batch.forEach((fuzz, index) => {
            const answer = answers[index]!;
            sent++;
            sentByRoute.set(`${fuzz.method} ${fuzz.route}`, (sentByRoute.get(`${fuzz.method} ${fuzz.route}`) ?? 0) + 1);
            const problem = answer instanceof Error ? `connection failed: ${answer.message}` : problemWith(fuzz, answer);
            if (!(answer instanceof Error)) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (problem) {
              const received = answer instanceof Error ? '' : `\nanswer: ${answer.status} ${answer.text.slice(0, 500)}`;
              throw new Error(`${problem}\n${describeRequest(fuzz)}${received}\nserver output (end):\n${t.server.output().slice(-3000)}`);
            }
          });
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      agent.destroy();
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${sent} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries(statuses))}; per route ${JSON.stringify(Object.fromEntries(sentByRoute))}`,
    );

    expect(sentByRoute.size).toBe(routes.length);
    if (process.env.FUZZ_RUNS === undefined) expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(t.server.process.exitCode).toBeNull();
    expect((await t.api.get('/health')).status).toBe(200);
    expect(await storedState()).toEqual(before);
  }, 240_000);
});
