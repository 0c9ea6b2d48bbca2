'use strict';
// What a waiting long-poll keeps alive in ChatRoom: heap snapshots before and with N open polls,
// diffed by constructor. `node bench/heap.js [--polls 2000] [--rev HEAD]`.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i < 0 ? dflt : argv[i + 1]; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function aggregate(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += f.length) {
    const type = types[nodes[i + iType]];
    const name = type === 'object' || type === 'closure' ? snap.strings[nodes[i + iName]] : `(${type})`;
    const key = type === 'closure' ? `closure ${name || '(anonymous)'}` : name;
    const e = out.get(key) || { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + iSize];
    out.set(key, e);
  }
  return out;
}

async function snapshot(pid, dir) {
  const before = new Set(fs.readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 600; i++) {
    await sleep(200);
    const made = fs.readdirSync(dir).filter((x) => x.endsWith('.heapsnapshot') && !before.has(x));
    if (made.length) {
      const file = path.join(dir, made[0]);
      let size = -1;
      while (size !== fs.statSync(file).size) { size = fs.statSync(file).size; await sleep(500); }
      return file;
    }
  }
  throw new Error('no heap snapshot written');
}

async function main() {
  const { startServer, runLoad, snapshotBackend, log, TMP, PASSWORD } = require('./run.js');
  const polls = Number(opt('polls', 2000));
  const kind = opt('kind', 'chatroom');
  if (kind === 'chatroom') snapshotBackend();
  const dir = path.join(__dirname, '.results', 'heap');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const srv = await startServer(kind, path.join(TMP, 'heap.sqlite'), ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`]);
  const { users } = await runLoad('setup', { url: srv.url, users: Array.from({ length: 100 }, (_, i) => `user${i}`), password: PASSWORD });
  // warm the poll path, then snapshot
  for (let i = 0; i < 200; i++) await fetch(`${srv.url}/messages?last_id=0&limit=10`, { headers: { authorization: `Bearer ${users[i % 100].token}` } }).then((r) => r.text());
  await sleep(1000);
  const a = await snapshot(srv.pid, dir);
  log(`snapshot before: ${a}`);
  const sockets = [];
  for (let i = 0; i < polls; i++) {
    const u = users[i % users.length];
    await new Promise((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: srv.port }, () => {
        s.write(`GET /messages?last_id=1000000&timeout=30 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${u.token}\r\n\r\n`);
        resolve();
      });
      s.on('error', resolve);
      sockets.push(s);
    });
  }
  await sleep(2000);
  const b = await snapshot(srv.pid, dir);
  log(`snapshot with ${polls} polls: ${b}`);
  for (const s of sockets) s.destroy();
  await srv.stop();
  const A = aggregate(a), B = aggregate(b);
  const rows = [];
  for (const [k, e] of B) {
    const p = A.get(k) || { count: 0, size: 0 };
    if (e.size - p.size > 0) rows.push([k, e.count - p.count, e.size - p.size]);
  }
  rows.sort((x, y) => y[2] - x[2]);
  const total = rows.reduce((s, r) => s + r[2], 0);
  console.log(`\nJS heap growth with ${polls} waiting polls: ${(total / polls).toFixed(0)} bytes per poll (self sizes; excludes native socket/parser memory)\n`);
  console.log('bytes/poll  objects/poll  constructor');
  for (const [k, c, s] of rows.slice(0, 40)) console.log(`${(s / polls).toFixed(0).padStart(10)}  ${(c / polls).toFixed(2).padStart(12)}  ${k}`);
  fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
