'use strict';
// The baseline: the same API subset as ChatRoom, as simply as Node allows.
// node:http, token -> user in a Map, one synchronous better-sqlite3 insert per send (WAL),
// waiting long-polls woken in memory by user. Env: PORT, HOST, DATABASE_URL=sqlite:/path.
const http = require('node:http');
const crypto = require('node:crypto');
const Database = require('better-sqlite3');

const db = new Database((process.env.DATABASE_URL || 'sqlite::memory:').replace(/^sqlite:/, ''));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, password TEXT NOT NULL, token TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (room TEXT NOT NULL, username TEXT NOT NULL, PRIMARY KEY (username, room));
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, sender TEXT NOT NULL,
  recipient TEXT NOT NULL, message TEXT NOT NULL, timestamp TEXT NOT NULL, client_id TEXT);
CREATE INDEX IF NOT EXISTS messages_recipient ON messages (recipient, id);
CREATE INDEX IF NOT EXISTS messages_sender ON messages (sender, id);`);
const q = {
  user: db.prepare('INSERT INTO users VALUES (?, ?, ?)'),
  member: db.prepare('INSERT OR IGNORE INTO members VALUES (?, ?)'),
  insert: db.prepare('INSERT INTO messages (sender, recipient, message, timestamp, client_id) VALUES (?, ?, ?, ?, ?)'),
  visible: db.prepare(`SELECT id, 'message' AS kind, sender, recipient, message, timestamp, client_id FROM messages
    WHERE id > ? AND (recipient = ? OR sender = ? OR recipient IN (SELECT room FROM members WHERE username = ?)) ORDER BY id LIMIT ?`),
  unread: db.prepare(`SELECT CASE WHEN recipient = ? THEN sender ELSE recipient END AS conv, count(*) AS n FROM messages
    WHERE (recipient = ? OR recipient IN (SELECT room FROM members WHERE username = ?)) AND sender <> ? GROUP BY conv`),
};
const tokens = new Map(); // token -> username
const users = new Set();
const rooms = new Map(); // room id -> Set of usernames
for (const u of db.prepare('SELECT username, token FROM users').iterate()) { tokens.set(u.token, u.username); users.add(u.username); }
for (const m of db.prepare('SELECT room, username FROM members').iterate()) {
  if (!rooms.has(m.room)) rooms.set(m.room, new Set());
  rooms.get(m.room).add(m.username);
}
const waiters = new Map(); // username -> Set of () => boolean (true when answered)

function reply(res, status, body) {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}
function wake(username) {
  const set = waiters.get(username);
  if (set) for (const w of set) if (w()) set.delete(w);
}
const routes = {
  'GET /health': (req, res) => reply(res, 200, { status: 'ok' }),
  'POST /register': (req, res, b) => {
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(b.username) || typeof b.password !== 'string' || b.password.length < 8 || b.password.length > 128)
      return reply(res, 400, { error: 'invalid' });
    const token = crypto.randomBytes(24).toString('hex');
    try { q.user.run(b.username, b.password, token); } catch { return reply(res, 409, { error: 'taken' }); }
    tokens.set(token, b.username);
    users.add(b.username);
    reply(res, 201, { username: b.username, token, expires_at: new Date(Date.now() + 864e5).toISOString() });
  },
  'POST /send': (req, res, b, me) => {
    if (typeof b.message !== 'string' || !b.message || b.message.length > 4000 || typeof b.recipient !== 'string') return reply(res, 400, { error: 'invalid' });
    const room = rooms.get(b.recipient);
    if (room ? !room.has(me) : !users.has(b.recipient)) return reply(res, 404, { error: 'unknown recipient' });
    const timestamp = new Date().toISOString();
    const id = Number(q.insert.run(me, b.recipient, b.message, timestamp, b.client_id ?? null).lastInsertRowid);
    reply(res, 201, { id, kind: 'message', sender: me, recipient: b.recipient, message: b.message, timestamp, client_id: b.client_id ?? null });
    if (room) for (const u of room) wake(u); else { wake(b.recipient); wake(me); }
  },
  'GET /messages': (req, res, b, me, url) => {
    const lastId = Number(url.searchParams.get('last_id')) || 0;
    const limit = Math.min(Number(url.searchParams.get('limit')) || 500, 1000);
    const timeout = Math.min(Number(url.searchParams.get('timeout')) || 0, 30);
    const fetch = () => q.visible.all(lastId, me, me, me, limit);
    const answer = (messages) => reply(res, 200, { messages, last_id: messages.length ? messages[messages.length - 1].id : lastId });
    const first = fetch();
    if (first.length || !timeout) return answer(first);
    if (!waiters.has(me)) waiters.set(me, new Set());
    const set = waiters.get(me);
    const done = () => { clearTimeout(timer); set.delete(check); };
    const check = () => { const m = fetch(); if (!m.length) return false; done(); answer(m); return true; };
    const timer = setTimeout(() => { done(); answer([]); }, timeout * 1000);
    set.add(check);
    res.on('close', done);
  },
  'POST /create_room': (req, res, b, me) => {
    if (!Array.isArray(b.participants) || b.participants.length > 1000) return reply(res, 400, { error: 'invalid' });
    const id = `room_${rooms.size + 1}`;
    const members = new Set([me, ...b.participants]);
    db.transaction(() => { for (const u of members) q.member.run(id, u); })();
    rooms.set(id, members);
    reply(res, 201, { room_id: id, name: b.name || id, admin: me, participants: [...members] });
  },
  'GET /unread': (req, res, b, me) => {
    const conversations = {};
    let total = 0;
    for (const r of q.unread.all(me, me, me, me)) { conversations[r.conv] = r.n; total += r.n; }
    reply(res, 200, { total, conversations });
  },
};
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const route = routes[`${req.method} ${url.pathname}`];
  if (!route) return reply(res, 404, { error: 'not found' });
  const me = tokens.get((req.headers.authorization || '').slice(7));
  if (!me && url.pathname !== '/register' && url.pathname !== '/health') return reply(res, 401, { error: 'unauthorized' });
  if (req.method === 'GET') return route(req, res, null, me, url);
  let data = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (data += c));
  req.on('end', () => {
    let body;
    try { body = JSON.parse(data || '{}'); } catch { return reply(res, 400, { error: 'bad json' }); }
    route(req, res, body, me, url);
  });
}).listen(Number(process.env.PORT) || 3001, process.env.HOST || '127.0.0.1');
