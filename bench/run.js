'use strict';
// `npm run bench`: ChatRoom against a bare baseline server, in the same run, alternating.
// Options: --smoke (or BENCH_SMOKE=1): tiny sizes, one round, report in bench/.results/ only.
//          --rounds N, --only latency,typing,throughput,mixed,cold,fanout,history,idle,extension
//          --out FILE (default: BENCHMARKS.md at the repo root; smoke: bench/.results/BENCHMARKS.smoke.md)
//          BENCH_A=baseline: use a second baseline in ChatRoom's place (validates the harness itself).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const zlib = require('node:zlib');
const { spawn, execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return dflt;
  return argv[i].includes('=') ? argv[i].split('=').slice(1).join('=') : argv[i + 1];
};
const SMOKE = flag('smoke') || process.env.BENCH_SMOKE === '1';
const CFG = SMOKE
  ? { rounds: 1, latency: { pairs: 5, duration: 1000, interval: 100, warmup: 200 }, typing: { every: 200 }, throughput: { pairs: 5, duration: 1000, warmup: 200 }, mixed: { pairs: 5, duration: 1000, warmup: 200 }, cold: { duration: 1000 },
      fanout: { members: 20, messages: 3, warmup: 1 }, idle: { count: 200 }, history: { sizes: [100, 10000], iterations: 30, warmup: 5 } }
  : { rounds: 3, latency: { pairs: 100, duration: 5000, interval: 100, warmup: 2000 }, typing: { every: 4000 }, throughput: { pairs: 50, duration: 10000, warmup: 2000 }, mixed: { pairs: 50, duration: 10000, warmup: 2000 }, cold: { duration: 10000 },
      fanout: { members: 1000, messages: 20, warmup: 5 }, idle: { count: 10000 }, history: { sizes: [1000, 1000000], iterations: 300, warmup: 30 } };
CFG.rounds = Number(opt('rounds', CFG.rounds));
const ONLY = new Set(String(opt('only', 'latency,typing,throughput,mixed,cold,fanout,idle,history,extension')).split(','));
const OUT = path.resolve(ROOT, opt('out', SMOKE ? 'bench/.results/BENCHMARKS.smoke.md' : 'BENCHMARKS.md'));
/** What a smoke run sets beside the rate limits: the cheapest password hashes the server takes. */
const SMOKE_ENV = { PASSWORD_HASH_COST: '1024' };
const A_KIND = process.env.BENCH_A === 'baseline' ? 'baseline' : 'chatroom';
const PASSWORD = 'bench-password-1';
const t0 = Date.now();
const log = (...a) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let TASKSET = null;
try { execFileSync('taskset', ['-c', '0', 'true']); TASKSET = 'taskset'; } catch { /* not available */ }
if (TASKSET && os.cpus().length >= 2) {
  try { execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' }); } catch { /* best effort */ }
} else TASKSET = null;
const pin = (core, cmd) => (TASKSET ? ['taskset', '-c', String(core), ...cmd] : cmd);
const LIVE = new Set(); // server processes to kill if we die
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { for (const p of LIVE) p.kill('SIGKILL'); process.exit(130); });
process.on('exit', () => { for (const p of LIVE) p.kill('SIGKILL'); });
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'chatroom-bench-'));

// ---------------------------------------------------------------- servers

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
const CHATROOM_DIST = path.join(ROOT, 'backend/dist');
// The run uses a private copy of the built backend, so a rebuild during the run cannot break it
// (it sits inside the repository, so node_modules still resolve).
const SNAPSHOT = path.join(__dirname, '.results', 'chatroom-dist');
const CHATROOM_MAIN = path.join(SNAPSHOT, 'main.js');
// --rev REV (or BENCH_REV): benchmark the backend as committed at REV, built on the side, instead of
// the working tree's backend/dist (which may be mid-edit while others work).
const REV = opt('rev', process.env.BENCH_REV || '');
/** Extra Node options for one server, e.g. `--chatroom-node-args=--trace-gc`: to try a V8 flag. */
const EXTRA_NODE_ARGS = {
  chatroom: String(opt('chatroom-node-args', '')).split(' ').filter(Boolean),
  baseline: String(opt('baseline-node-args', '')).split(' ').filter(Boolean),
};
/** The Node options ChatRoom runs with in production (backend/scripts/server-node-flags.js), as benchmarked. */
let CHATROOM_FLAGS = [];
function snapshotBackend() {
  let from = CHATROOM_DIST;
  let backendSource = path.join(ROOT, 'backend');
  if (REV) {
    const dir = path.join(__dirname, '.results', 'rev-build');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git archive "$1" backend nest-cli.json tsconfig.base.json | tar -x -C "$2"`, 'bash', REV, dir], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] }), 'build', '--config', 'nest-cli.json'], { cwd: dir, stdio: 'inherit' });
    from = path.join(dir, 'backend', 'dist');
    backendSource = path.join(dir, 'backend');
  }
  const flagsFile = path.join(backendSource, 'scripts', 'server-node-flags.js');
  if (fs.existsSync(flagsFile)) CHATROOM_FLAGS = [...require(flagsFile).SERVER_NODE_FLAGS];
  for (let attempt = 0; attempt < 5; attempt++) {
    fs.rmSync(SNAPSHOT, { recursive: true, force: true });
    fs.cpSync(from, SNAPSHOT, { recursive: true });
    // The server reads its version from the package.json beside its dist folder.
    fs.copyFileSync(path.join(backendSource, 'package.json'), path.join(SNAPSHOT, '..', 'package.json'));
    if (fs.existsSync(CHATROOM_MAIN)) return;
    execFileSync('sleep', ['2']);
  }
  throw new Error(`could not copy ${from}`);
}

/**
 * Starts a server pinned to core 1, on its own SQLite file, with the file-descriptor limit raised.
 * @param {'chatroom'|'baseline'} kind @param {string} dbFile @param {string[]} [nodeArgs]
 */
async function startServer(kind, dbFile, nodeArgs = []) {
  nodeArgs = [...(kind === 'chatroom' ? CHATROOM_FLAGS : []), ...EXTRA_NODE_ARGS[kind], ...nodeArgs];
  const port = await freePort();
  const script = kind === 'chatroom' ? CHATROOM_MAIN : path.join(__dirname, 'baseline-server.js');
  const logFile = path.join(TMP, `${kind}-${port}.log`);
  const out = fs.openSync(logFile, 'a');
  const cmd = pin(1, ['bash', '-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', process.execPath, ...nodeArgs, script]);
  const proc = spawn(cmd[0], cmd.slice(1), {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dbFile}`,
      // ChatRoom's default settings (LOG_LEVEL=info: a line per request), except the rate limits,
      // which the load would hit within a second.
      RATE_LIMIT_SEND_PER_MINUTE: '100000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000000',
      // A smoke run's figures mean nothing, and it registers its accounts on one pinned core.
      ...(SMOKE ? SMOKE_ENV : {}),
    },
  });
  fs.closeSync(out);
  LIVE.add(proc);
  let exited = null;
  proc.on('exit', () => LIVE.delete(proc));
  proc.on('exit', (code, sig) => (exited = { code, sig }));
  const url = `http://127.0.0.1:${port}`;
  const spawned = performance.now();
  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited) throw new Error(`${kind} exited (${JSON.stringify(exited)}) before /health answered; log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`${kind} did not answer /health within 60 s; log ${logFile}`); }
    try { const r = await fetch(`${url}/health`); await r.arrayBuffer(); if (r.status === 200) break; } catch { /* not yet */ }
    await sleep(20);
  }
  return {
    kind, port, url, pid: proc.pid, logFile, dbFile,
    /** From spawning the process to the first 200 from /health. */
    startupMs: Math.round(performance.now() - spawned),
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      if (await Promise.race([gone.then(() => true), sleep(10000).then(() => false)])) return;
      proc.kill('SIGKILL');
      await gone;
    },
  };
}

/**
 * The idle scenario runs on a fresh server process (on a copy of the main database, so the users and
 * their tokens exist): the resident memory of a server that has just run the other scenarios
 * mostly measures when the garbage collector last ran.
 */
async function idleOnFreshServer(kind, dbFile, input) {
  const Database = require('better-sqlite3');
  const copy = path.join(TMP, `idle-${kind}-${Date.now()}.sqlite`);
  const src = new Database(dbFile, { readonly: true, fileMustExist: true });
  await src.backup(copy);
  src.close();
  const srv = await startServer(kind, copy);
  try {
    return await runLoad('idle', { ...input, url: srv.url, pid: srv.pid, port: srv.port });
  } finally {
    await srv.stop();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
}

/**
 * Cold start: a fresh server process (on a copy of the main database, so users and tokens exist)
 * takes the throughput load the moment it answers /health, with no warm-up: what clients see in the
 * first seconds after a deploy or a crash, while the code runs unoptimized and every statement,
 * route and module is used for the first time.
 */
async function coldOnFreshServer(kind, dbFile, input) {
  const Database = require('better-sqlite3');
  const copy = path.join(TMP, `cold-${kind}-${Date.now()}.sqlite`);
  const src = new Database(dbFile, { readonly: true, fileMustExist: true });
  await src.backup(copy);
  src.close();
  const srv = await startServer(kind, copy);
  try {
    const r = await runLoad('pairs', { ...input, url: srv.url, pid: srv.pid, port: srv.port });
    return { ...r, startup_ms: srv.startupMs };
  } finally {
    await srv.stop();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Runs one scenario in the load generator, pinned to core 0. */
function runLoad(scenario, input, timeoutMs = 180000) {
  const file = path.join(TMP, `in-${scenario}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(input));
  const cmd = pin(0, ['bash', '-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', process.execPath, path.join(__dirname, 'load.js'), scenario, file]);
  return new Promise((resolve, reject) => {
    const p = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(file, { force: true });
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else reject(new Error(`load ${scenario} failed (exit ${code}): ${err.slice(-2000)}`));
    });
  });
}

async function http(url, method, p, token, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(url + p, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${p} -> ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// ---------------------------------------------------------------- history seeding

/**
 * Grows the `messages` table to `total` rows by copying rows the server itself wrote (DMs between
 * filler users), so the schema stays the server's business. Run while the server is stopped.
 */
function seed(dbFile, total) {
  const Database = require('better-sqlite3');
  const db = new Database(dbFile);
  const cols = db.prepare('PRAGMA table_info(messages)').all();
  if (!cols.length) throw new Error(`no messages table in ${dbFile}`);
  const pks = cols.filter((c) => c.pk > 0);
  if (pks.length !== 1) throw new Error('messages: expected a single-column primary key');
  const pk = pks[0].name;
  const rowidAlias = /^INTEGER$/i.test(pks[0].type);
  const kindFilter = cols.some((c) => c.name === 'kind') ? "WHERE kind = 'message'" : '';
  const templates = db.prepare(`SELECT "${pk}" FROM messages ${kindFilter} ORDER BY "${pk}"`).pluck().all().map(Number);
  if (!templates.length) throw new Error('no template messages to copy');
  const inTpl = `"${pk}" IN (${templates.join(',')})`;
  // For each unique index (other than the key) whose columns are all set in the templates, suffix
  // its last column with the copy number so copies stay unique.
  const mutate = new Set();
  for (const ix of db.prepare('PRAGMA index_list(messages)').all()) {
    if (!ix.unique || ix.origin === 'pk') continue;
    const ixCols = db.prepare(`PRAGMA index_info("${ix.name}")`).all().map((c) => c.name);
    const anyNull = ixCols.some((c) => db.prepare(`SELECT count(*) FROM messages WHERE ${inTpl} AND "${c}" IS NULL`).pluck().get() > 0);
    if (!anyNull && !ixCols.includes(pk)) mutate.add(ixCols[ixCols.length - 1]);
  }
  const copy = cols.filter((c) => !(rowidAlias && c.name === pk));
  const names = copy.map((c) => `"${c.name}"`).join(', ');
  const exprs = copy.map((c) => (c.name === pk ? `"${pk}" - ${templates[0]} + @base` : mutate.has(c.name) ? `"${c.name}" || ':' || @n` : `"${c.name}"`)).join(', ');
  const oldMax = Number(db.prepare(`SELECT max("${pk}") FROM messages`).pluck().get());
  const have = db.prepare('SELECT count(*) FROM messages').pluck().get();
  const span = templates[templates.length - 1] - templates[0] + 1;
  const ins = db.prepare(`INSERT INTO messages (${names}) SELECT ${exprs} FROM messages WHERE ${inTpl} ORDER BY "${pk}" LIMIT @k`);
  let left = total - have;
  let base = oldMax + 1;
  db.transaction(() => {
    for (let n = 0; left > 0; n++) {
      const k = Math.min(left, templates.length);
      ins.run({ n: String(n), k, base });
      left -= k;
      base += span;
    }
    // A server that hands out ids from a counter (rather than the rowid) must continue after the copies.
    const newMax = Number(db.prepare(`SELECT max("${pk}") FROM messages`).pluck().get());
    const counters = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'counters'").get();
    // Only the id counter: ChatRoom's search index follows a watermark of its own and indexes the copies.
    if (counters) db.prepare("UPDATE counters SET value = ? WHERE name = 'message_id'").run(newMax);
  })();
  const count = db.prepare('SELECT count(*) FROM messages').pluck().get();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return count;
}

/** A server holding `size` messages, with a measured user who has 5 conversations of 20 messages. */
async function prepareHistory(kind, size, slot) {
  const dbFile = path.join(TMP, `history-${slot}-${size}.sqlite`);
  let srv = await startServer(kind, dbFile);
  const filler = await runLoad('setup', { url: srv.url, users: Array.from({ length: 20 }, (_, i) => `hf${i}`), password: PASSWORD });
  for (let i = 0; i < 20; i++) {
    await http(srv.url, 'POST', '/send', filler.users[i].token, { recipient: filler.users[(i + 1) % 20].username, message: `filler message ${i}: the quick brown fox jumps over the lazy dog` });
  }
  await srv.stop();
  const t = Date.now();
  const count = seed(dbFile, Math.max(20, size - 100));
  log(`  seeded ${kind} to ${count} messages in ${Date.now() - t} ms`);
  srv = await startServer(kind, dbFile);
  const who = await runLoad('setup', { url: srv.url, users: ['hme', 'hp0', 'hp1', 'hp2', 'hp3', 'hp4'], password: PASSWORD });
  const [me, ...peers] = who.users;
  const ids = [];
  for (let k = 0; k < 10; k++) {
    for (const p of peers) {
      ids.push((await http(srv.url, 'POST', '/send', p.token, { recipient: me.username, message: `to you ${k}` })).id);
      ids.push((await http(srv.url, 'POST', '/send', me.token, { recipient: p.username, message: `to them ${k}` })).id);
    }
  }
  // ChatRoom indexes the copies for search after it starts: measure once it has, on a quiet server.
  if (kind === 'chatroom') await untilSearchable(srv.url, me.token, await sentinel(srv.url, me));
  return { srv, me, peers, token: me.token, lastId: ids[ids.length - 51], stored: count + ids.length };
}

/** Sends `user` a note with a word of its own; the search index reaches it once it has everything before it. */
async function sentinel(url, user) {
  const word = `sentinel${Date.now().toString(36)}`;
  await http(url, 'POST', '/send', user.token, { recipient: user.username, message: word });
  return word;
}

async function untilSearchable(url, token, word, timeoutMs = 900000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await http(url, 'GET', `/search?q=${word}`, token);
    if (found.results.length > 0) return;
    await sleep(250);
  }
  throw new Error(`the search index did not reach "${word}" within ${timeoutMs / 1000} s`);
}

/**
 * Gives the measured user of a history server 15 rooms besides its 5 DMs (20 conversations), with
 * messages holding the words the search scenario looks for: a rare one, one as common as in every
 * filler message (`quick`), and a prefix of it.
 */
async function prepareSearch(p) {
  const filler = await runLoad('setup', { url: p.srv.url, users: ['hs0', 'hs1'], password: PASSWORD });
  for (let r = 0; r < 15; r++) {
    const room = await http(p.srv.url, 'POST', '/create_room', p.token, { participants: filler.users.map((u) => u.username), name: `search room ${r}` });
    for (let k = 0; k < 5; k++) {
      const text = r === 7 && k === 2 ? 'the zephyr report is in' : `room ${r} note ${k}: the quick brown fox`;
      await http(p.srv.url, 'POST', '/send', filler.users[k % 2].token, { recipient: room.room_id, message: text });
    }
  }
  await untilSearchable(p.srv.url, p.token, await sentinel(p.srv.url, p.me));
}

// ---------------------------------------------------------------- extension

/**
 * Every file reachable from the entries through static imports, each counted once; with `lazy`, also
 * through dynamic `import()`s and the chunks Vite preloads with them (its `__vite__mapDeps` list,
 * paths from the dist root).
 */
function gzipOfEntries(dist, entries, { lazy = false } = {}) {
  const seen = new Set();
  let raw = 0, gz = 0;
  const visit = (file) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const buf = fs.readFileSync(file);
    raw += buf.length;
    gz += zlib.gzipSync(buf, { level: 9 }).length;
    const src = buf.toString('utf8');
    const follow = (spec) => {
      if (!/^[a-z]+:/i.test(spec)) visit(spec.startsWith('/') ? path.join(dist, spec) : path.resolve(path.dirname(file), spec));
    };
    // Minified output has no space before `from` (`import{a as b}from"./x.js"`); `import(` is left to the lazy walk.
    for (const m of src.matchAll(/(?:import|export)\s*(?:[^'"`()]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) follow(m[1]);
    if (!lazy) return;
    for (const m of src.matchAll(/import\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g)) follow(m[1]);
    const mapDeps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(src);
    for (const m of mapDeps ? mapDeps[1].matchAll(/["']([^"']+\.m?js)["']/g) : []) visit(path.join(dist, m[1]));
  };
  entries.forEach(visit);
  return { files: seen.size, raw_bytes: raw, gzip_bytes: gz };
}
function extensionSizes() {
  const dist = path.join(ROOT, 'extension/dist');
  const manifestFile = path.join(dist, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return { built: false };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const out = { built: true };
  const worker = manifest.background && (manifest.background.service_worker || (manifest.background.scripts || [])[0]);
  if (worker) out.worker = gzipOfEntries(dist, [path.join(dist, worker)]);
  const popupHtml = (manifest.action && manifest.action.default_popup) || (manifest.browser_action && manifest.browser_action.default_popup);
  if (popupHtml && fs.existsSync(path.join(dist, popupHtml))) {
    const html = fs.readFileSync(path.join(dist, popupHtml), 'utf8');
    // The entry script and the chunks the page preloads: what the popup loads as it opens.
    const scripts = [
      ...html.matchAll(/<script[^>]*\ssrc=["']([^"']+)["']/g),
      ...html.matchAll(/<link[^>]*rel=["']modulepreload["'][^>]*\shref=["']([^"']+)["']/g),
    ].map((m) => m[1]);
    const entries = scripts.map((s) => (s.startsWith('/') ? path.join(dist, s) : path.resolve(path.dirname(path.join(dist, popupHtml)), s)));
    out.popup = gzipOfEntries(dist, entries);
    // With what it fetches later, on demand (the conversation view, the login forms).
    out.popupTotal = gzipOfEntries(dist, entries, { lazy: true });
  }
  return out;
}

// ---------------------------------------------------------------- report

const median = (xs) => {
  const a = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((x, y) => x - y);
  if (!a.length) return NaN;
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const fmt = (x, d = 2) => (typeof x !== 'number' || Number.isNaN(x) ? 'n/a' : Math.abs(x) >= 100 ? String(Math.round(x)) : x.toFixed(d));

function machine() {
  const cpu = (/model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || os.cpus()[0].model;
  let nproc = os.cpus().length;
  try { nproc = Number(execFileSync('nproc', ['--all']).toString().trim()); } catch { /* keep */ }
  return { cpu, nproc, mem_gb: (os.totalmem() / 2 ** 30).toFixed(1), node: process.version, kernel: os.release(), date: new Date().toISOString(), taskset: !!TASKSET };
}

// ---------------------------------------------------------------- main

async function main() {
  const results = { chatroom: {}, baseline: {} }; // scenario -> array of per-round results
  const errors = [];
  const push = (kind, scenario, r) => ((results[kind][scenario] ||= []).push(r));
  if (A_KIND === 'chatroom') {
    if (!fs.existsSync(path.join(CHATROOM_DIST, 'main.js'))) {
      log('backend/dist/main.js missing: building shared and backend');
      execFileSync('bash', ['-c', 'npm run build -w shared && npm run build -w backend'], { cwd: ROOT, stdio: 'inherit' });
    }
    snapshotBackend();
  }
  log(`tmp ${TMP}; smoke=${SMOKE}; rounds=${CFG.rounds}; taskset=${!!TASKSET}; ChatRoom slot=${A_KIND}${REV ? ` (backend at ${REV})` : ''}`);
  const kinds = /** @type {const} */ (['chatroom', 'baseline']);
  const realKind = (k) => (k === 'chatroom' ? A_KIND : 'baseline');
  const live = ['latency', 'typing', 'throughput', 'mixed', 'cold', 'fanout', 'idle'].filter((s) => ONLY.has(s));
  if (live.length) {
    // Registering costs ChatRoom a password hash per user: only as many as the chosen scenarios use.
    const needs = { latency: 2 * CFG.latency.pairs, typing: 2 * CFG.latency.pairs, throughput: 2 * CFG.latency.pairs + 2 * CFG.throughput.pairs, mixed: 2 * CFG.mixed.pairs, cold: 2 * CFG.throughput.pairs, fanout: CFG.fanout.members, idle: CFG.fanout.members };
    const nUsers = Math.max(...live.map((s) => needs[s]));
    const servers = {};
    const setups = {};
    for (const k of kinds) {
      servers[k] = await startServer(realKind(k), path.join(TMP, `${k}.sqlite`));
      const t = Date.now();
      setups[k] = await runLoad('setup', { url: servers[k].url, users: Array.from({ length: nUsers }, (_, i) => `user${i}`), password: PASSWORD, roomSize: live.includes('fanout') ? CFG.fanout.members : 0 }, 600000);
      log(`${k}: pid ${servers[k].pid} port ${servers[k].port}; registered ${nUsers} users + room of ${setups[k].room_members} in ${Date.now() - t} ms`);
    }
    const common = (k) => ({ url: servers[k].url, pid: servers[k].pid, host: '127.0.0.1', port: servers[k].port, users: setups[k].users });
    const plans = {
      latency: (k) => ['pairs', { ...common(k), pairs: CFG.latency.pairs, duration: CFG.latency.duration, interval: CFG.latency.interval, warmup: CFG.latency.warmup }],
      // The latency load with every sender typing to its partner meanwhile (issue #10).
      typing: (k) => ['pairs', { ...plans.latency(k)[1], typingEvery: CFG.typing.every }],
      throughput: (k) => ['pairs', { ...common(k), users: setups[k].users.slice(2 * CFG.latency.pairs + 2 * CFG.throughput.pairs <= nUsers ? 2 * CFG.latency.pairs : 0), pairs: CFG.throughput.pairs, duration: CFG.throughput.duration, interval: 0, warmup: CFG.throughput.warmup }],
      // On users of their own where there are enough, as throughput: their conversations start empty.
      mixed: (k) => ['mixed', { ...common(k), users: setups[k].users.slice(2 * CFG.latency.pairs + 2 * CFG.throughput.pairs + 2 * CFG.mixed.pairs <= nUsers ? 2 * CFG.latency.pairs + 2 * CFG.throughput.pairs : 0), pairs: CFG.mixed.pairs, duration: CFG.mixed.duration, warmup: CFG.mixed.warmup }],
      cold: (k) => ['pairs', { ...common(k), pairs: CFG.throughput.pairs, duration: CFG.cold.duration, interval: 0, warmup: 0 }],
      fanout: (k) => ['fanout', { ...common(k), room_id: setups[k].room_id, members: CFG.fanout.members, messages: CFG.fanout.messages, warmup: CFG.fanout.warmup }],
      idle: (k) => ['idle', { ...common(k), count: CFG.idle.count }],
    };
    for (const scenario of live) {
      for (let round = 1; round <= CFG.rounds; round++) {
        for (const k of kinds) {
          // The baseline has no edits, reactions or typing: these loads are reported against ChatRoom's own plain rows.
          if ((scenario === 'mixed' || scenario === 'typing') && realKind(k) === 'baseline') continue;
          const [load, input] = plans[scenario](k);
          try {
            let r;
            if (scenario === 'idle') r = await idleOnFreshServer(realKind(k), servers[k].dbFile, input);
            else if (scenario === 'cold') r = await coldOnFreshServer(realKind(k), servers[k].dbFile, input);
            else r = await runLoad(load, input);
            push(k, scenario, r);
            log(`${scenario} round ${round} ${k}: ${JSON.stringify(r)}`);
          } catch (e) {
            errors.push(`${scenario} round ${round} ${k}: ${e.message}`);
            log(`${scenario} round ${round} ${k}: ERROR ${e.message}`);
          }
          if (!SMOKE) await sleep(300);
        }
      }
    }
    for (const k of kinds) {
      results[k].rss_end_kb = Number((/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${servers[k].pid}/status`, 'utf8')) || [])[1]);
      await servers[k].stop();
    }
  }
  if (ONLY.has('history')) {
    const prepared = {};
    for (const k of kinds) {
      for (const size of CFG.history.sizes) {
        try {
          prepared[`${k}:${size}`] = await prepareHistory(realKind(k), size, k);
          log(`history ${k} ${size}: ready (${prepared[`${k}:${size}`].stored} messages)`);
        } catch (e) {
          errors.push(`history prepare ${k} ${size}: ${e.message}`);
          log(`history prepare ${k} ${size}: ERROR ${e.message}`);
        }
      }
    }
    for (let round = 1; round <= CFG.rounds; round++) {
      for (const k of kinds) {
        const r = {};
        for (const size of CFG.history.sizes) {
          const p = prepared[`${k}:${size}`];
          if (!p) continue;
          try {
            r[size] = await runLoad('history', { url: p.srv.url, token: p.token, lastId: p.lastId, iterations: CFG.history.iterations, warmup: CFG.history.warmup });
          } catch (e) { errors.push(`history round ${round} ${k} ${size}: ${e.message}`); }
        }
        push(k, 'history', r);
        log(`history round ${round} ${k}: ${JSON.stringify(r)}`);
      }
    }
    const largest = prepared[`chatroom:${CFG.history.sizes[CFG.history.sizes.length - 1]}`];
    if (largest && A_KIND === 'chatroom') {
      try {
        await prepareSearch(largest);
        for (let round = 1; round <= CFG.rounds; round++) {
          const r = await runLoad('search', { url: largest.srv.url, token: largest.token, iterations: CFG.history.iterations, warmup: CFG.history.warmup });
          push('chatroom', 'search', r);
          log(`search round ${round}: ${JSON.stringify(r)}`);
        }
      } catch (e) { errors.push(`search: ${e.message}`); }
    }
    for (const p of Object.values(prepared)) await p.srv.stop();
  }
  const ext = ONLY.has('extension') ? extensionSizes() : { built: false, skipped: true };
  const md = report(results, ext, errors);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, md);
  fs.mkdirSync(path.join(__dirname, '.results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '.results', SMOKE ? 'raw.smoke.json' : 'raw.json'), JSON.stringify({ machine: machine(), config: CFG, results, ext, errors }, null, 2));
  console.log(`\n${md}`);
  log(`wrote ${path.relative(ROOT, OUT)} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (!errors.length && !process.env.BENCH_KEEP_TMP) fs.rmSync(TMP, { recursive: true, force: true });
  else log(`errors: server logs kept in ${TMP}`);
  process.exit(errors.length ? 1 : 0);
}

function backendVersion() {
  const git = (...a) => { try { return execFileSync('git', a, { cwd: ROOT }).toString().trim(); } catch { return ''; } };
  if (A_KIND !== 'chatroom') return 'none (second baseline)';
  if (REV) return `commit ${git('rev-parse', '--short', REV)} (built on the side from git)`;
  const dirty = git('status', '--porcelain', '--', 'backend', 'shared') !== '';
  return `backend/dist of the working tree at commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted backend/shared changes)' : ''}`;
}

function report(results, ext, errors) {
  const m = machine();
  const get = (k, scenario, f) => median((results[k][scenario] || []).map(f));
  const rows = [];
  /** @param {string} scenario @param {string} metric @param {(r: any) => number} f @param {string} [target] @param {(c: number, b: number) => boolean|null} [ok] */
  const row = (scenario, metric, f, src, target = '', ok = null, digits = 2) => {
    const c = get('chatroom', src, f);
    const b = get('baseline', src, f);
    const ratio = b ? c / b : NaN;
    const pass = ok ? (Number.isNaN(c) ? 'n/a' : ok(c, b) ? 'PASS' : 'FAIL') : '';
    rows.push(`| ${scenario} | ${metric} | ${fmt(c, digits)} | ${fmt(b, digits)} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a'} | ${target} | ${pass} |`);
  };
  const L = CFG.latency, T = CFG.throughput, F = CFG.fanout;
  const lat = `latency (${L.pairs} pairs, 1 DM / ${L.interval} ms each, ${L.duration / 1000} s)`;
  row(lat, 'send → receive p50 (ms)', (r) => r.p50_ms, 'latency');
  row(lat, 'send → receive p99 (ms)', (r) => r.p99_ms, 'latency', '≤ 2x baseline and < 10 ms', (c, b) => c <= 2 * b && c < 10);
  row(lat, 'send → receive max (ms)', (r) => r.max_ms, 'latency');
  row(lat, 'server CPU per message (ms)', (r) => r.cpu_ms_per_msg, 'latency', '', null, 3);
  row(lat, 'lost / duplicated (sum of rounds)', () => NaN, 'latency');
  rows.pop();
  const sum = (k, s, f) => (results[k][s] || []).reduce((a, r) => a + f(r), 0);
  if (results.chatroom.latency || results.baseline.latency) {
    const lc = sum('chatroom', 'latency', (r) => r.lost), dc = sum('chatroom', 'latency', (r) => r.duplicated);
    const lb = sum('baseline', 'latency', (r) => r.lost), db = sum('baseline', 'latency', (r) => r.duplicated);
    rows.push(`| ${lat} | lost / duplicated (all rounds) | ${lc} / ${dc} | ${lb} / ${db} | | 0 / 0 | ${results.chatroom.latency ? (lc + dc === 0 ? 'PASS' : 'FAIL') : 'n/a'} |`);
  }
  const typ = `typing (the latency load, each sender also typing once every ${CFG.typing.every / 1000} s)`;
  if (results.chatroom.typing) {
    const against = (metric, f, digits) => {
      const withTyping = get('chatroom', 'typing', f), plain = get('chatroom', 'latency', f);
      rows.push(`| ${typ} | ${metric} against ChatRoom's plain latency row | ${fmt(withTyping, digits)} vs ${fmt(plain, digits)} | | ${Number.isFinite(withTyping / plain) ? `${(withTyping / plain).toFixed(2)}x` : 'n/a'} | | |`);
    };
    row(typ, 'typing calls/s acknowledged', (r) => r.typing_per_s, 'typing');
    against('messages/s acknowledged', (r) => r.acked_per_s, 0);
    against('send → receive p99 (ms)', (r) => r.p99_ms);
    against('server CPU per message (ms)', (r) => r.cpu_ms_per_msg, 3);
    const f = `${sum('chatroom', 'typing', (r) => r.lost)} / ${sum('chatroom', 'typing', (r) => r.duplicated)}`;
    rows.push(`| ${typ} | lost / duplicated (all rounds) | ${f} | n/a | | 0 / 0 | ${f === '0 / 0' ? 'PASS' : 'FAIL'} |`);
  }
  const thr = `throughput (${T.pairs} senders, ${T.duration / 1000} s)`;
  row(thr, 'messages/s acknowledged', (r) => r.acked_per_s, 'throughput', '≥ 0.5x baseline', (c, b) => c >= 0.5 * b);
  row(thr, 'messages/s delivered', (r) => r.delivered_per_s, 'throughput', '≥ 0.5x baseline', (c, b) => c >= 0.5 * b);
  row(thr, 'send → receive p99 (ms)', (r) => r.p99_ms, 'throughput');
  row(thr, 'server CPU per message (ms)', (r) => r.cpu_ms_per_msg, 'throughput', '', null, 3);
  row(thr, 'load generator CPU while sending (%)', (r) => r.generator_cpu_pct, 'throughput', '', null, 0);
  if (results.chatroom.throughput || results.baseline.throughput) {
    const f = (k) => `${sum(k, 'throughput', (r) => r.lost)} / ${sum(k, 'throughput', (r) => r.duplicated)}`;
    rows.push(`| ${thr} | lost / duplicated (all rounds) | ${f('chatroom')} | ${f('baseline')} | | 0 / 0 | ${results.chatroom.throughput ? (f('chatroom') === '0 / 0' ? 'PASS' : 'FAIL') : 'n/a'} |`);
  }
  const M = CFG.mixed;
  const mix = `mixed (${M.pairs} senders, every third write an edit or a reaction, ${M.duration / 1000} s)`;
  if (results.chatroom.mixed) {
    row(mix, 'writes/s acknowledged (sends, edits, reactions)', (r) => r.acked_per_s, 'mixed');
    const writes = get('chatroom', 'mixed', (r) => r.acked_per_s);
    const plain = get('chatroom', 'throughput', (r) => r.acked_per_s);
    rows.push(`| ${mix} | writes/s against ChatRoom's plain sends/s (throughput row) | ${Number.isFinite(writes / plain) ? `${(writes / plain).toFixed(2)}x` : 'n/a'} | | | | |`);
    row(mix, 'edits and reactions/s acknowledged', (r) => r.changes_per_s, 'mixed');
    row(mix, 'entries/s delivered', (r) => r.delivered_per_s, 'mixed');
    row(mix, 'send or edit → receive p99 (ms)', (r) => r.p99_ms, 'mixed');
    row(mix, 'server CPU per write (ms)', (r) => r.cpu_ms_per_write, 'mixed', '', null, 3);
    const f = `${sum('chatroom', 'mixed', (r) => r.lost)} / ${sum('chatroom', 'mixed', (r) => r.duplicated)}`;
    rows.push(`| ${mix} | lost / duplicated (all rounds) | ${f} | n/a | | 0 / 0 | ${f === '0 / 0' ? 'PASS' : 'FAIL'} |`);
  }
  const cold = `cold start (${T.pairs} senders, first ${CFG.cold.duration / 1000} s, no warm-up)`;
  row(cold, 'process start → first /health answer (ms)', (r) => r.startup_ms, 'cold', '', null, 0);
  // No targets yet: the rows show what a restart costs clients against a baseline that is cold too.
  row(cold, 'messages/s acknowledged', (r) => r.acked_per_s, 'cold');
  row(cold, 'send → receive p99 (ms)', (r) => r.p99_ms, 'cold');
  row(cold, 'send → receive max (ms)', (r) => r.max_ms, 'cold');
  row(cold, 'server CPU per message (ms)', (r) => r.cpu_ms_per_msg, 'cold', '', null, 3);
  if (results.chatroom.cold || results.baseline.cold) {
    const f = (k) => `${sum(k, 'cold', (r) => r.lost)} / ${sum(k, 'cold', (r) => r.duplicated)}`;
    rows.push(`| ${cold} | lost / duplicated (all rounds) | ${f('chatroom')} | ${f('baseline')} | | 0 / 0 | ${results.chatroom.cold ? (f('chatroom') === '0 / 0' ? 'PASS' : 'FAIL') : 'n/a'} |`);
  }
  const fan = `fan-out (room of ${F.members}, ${F.messages} messages)`;
  row(fan, 'all members have it, p50 (ms)', (r) => r.p50_ms, 'fanout', '≤ 2x baseline', (c, b) => c <= 2 * b);
  row(fan, 'all members have it, max (ms)', (r) => r.max_ms, 'fanout', '< 150 ms', (c) => c < 150);
  row(fan, 'server CPU per message (ms)', (r) => r.server_cpu_ms_per_message, 'fanout');
  const [s1, s2] = CFG.history.sizes;
  const hs = (n) => (n >= 1e6 ? `10^${Math.round(Math.log10(n))}` : String(n));
  const his = `history size (${hs(s1)} vs ${hs(s2)} stored)`;
  for (const ep of ['messages', 'unread']) {
    const path_ = ep === 'messages' ? 'GET /messages (50 returned)' : 'GET /unread';
    row(his, `${path_} p50 @ ${hs(s1)} (ms)`, (r) => r[s1] && r[s1][ep].p50_ms, 'history', '', null, 3);
    row(his, `${path_} p50 @ ${hs(s2)} (ms)`, (r) => r[s2] && r[s2][ep].p50_ms, 'history', '', null, 3);
    const growth = (k) => median((results[k].history || []).map((r) => r[s1] && r[s2] ? r[s2][ep].p50_ms / r[s1][ep].p50_ms : NaN));
    const gc = growth('chatroom'), gb = growth('baseline');
    rows.push(`| ${his} | ${path_}: cost @ ${hs(s2)} / @ ${hs(s1)} | ${fmt(gc)}${Number.isNaN(gc) ? '' : 'x'} | ${fmt(gb)}${Number.isNaN(gb) ? '' : 'x'} | | ≤ 1.2x | ${Number.isNaN(gc) ? 'n/a' : gc <= 1.2 ? 'PASS' : 'FAIL'} |`);
  }
  if (results.chatroom.search) {
    const srch = `search (${hs(s2)} stored, the user in 20 conversations)`;
    for (const [key, what] of [['rare', 'a rare word'], ['common', 'a word in every message'], ['prefix', 'a prefix of it (qui*)'], ['longPrefix', 'a 5-letter prefix of it (quick*)'], ['elsewhere', 'a word only in conversations the user is not in (lazy)']]) {
      row(srch, `GET /search ${what}: p50 (ms)`, (r) => r[key].p50_ms, 'search', '', null, 3);
      const p99 = get('chatroom', 'search', (r) => r[key].p99_ms);
      rows.push(`| ${srch} | GET /search ${what}: p99 (ms) | ${fmt(p99, 3)} | n/a | | < 50 ms | ${Number.isNaN(p99) ? 'n/a' : p99 < 50 ? 'PASS' : 'FAIL'} |`);
    }
  }
  const idl = `idle (${CFG.idle.count} open long-polls)`;
  row(idl, 'RSS before (MB)', (r) => r.rss_before_kb / 1024, 'idle');
  row(idl, 'RSS with them (MB)', (r) => r.rss_with_kb / 1024, 'idle');
  row(idl, 'RSS per waiting long-poll (KB)', (r) => r.kb_per_poll, 'idle', '≤ 25 KB', (c) => c <= 25);
  const extRow = (name, e) => rows.push(`| extension | ${name} gzip (KB) | ${e ? `${(e.gzip_bytes / 1024).toFixed(1)} (${(e.raw_bytes / 1024).toFixed(1)} raw, ${e.files} files)` : 'not built'} | | | | |`);
  if (ext.built) { extRow('popup JS at first', ext.popup); extRow('popup JS with what it loads on demand', ext.popupTotal); extRow('service worker JS', ext.worker); } else rows.push(`| extension | popup / worker gzip | ${ext.skipped ? 'skipped' : 'not built'} | | | | |`);
  const cmd = `${SMOKE && !argv.includes('--smoke') ? 'BENCH_SMOKE=1 ' : ''}${REV && !argv.includes('--rev') ? `BENCH_REV=${REV} ` : ''}npm run bench${argv.length ? ` -w bench -- ${argv.join(' ')}` : ''}`;
  return [
    `# Benchmarks${SMOKE ? ' (smoke run: tiny sizes, not meaningful)' : ''}`,
    '',
    `ChatRoom${A_KIND === 'baseline' ? ' **(slot filled by a second baseline: harness validation)**' : ''} against the bare baseline (\`bench/baseline-server.js\`: node:http, token Map, one synchronous better-sqlite3 insert per send in WAL mode, long-polls woken in memory), in the same run, alternating ChatRoom, baseline, ChatRoom, baseline… for ${CFG.rounds} round(s) per scenario. Values are medians over the rounds; the ratio is ChatRoom / baseline. Servers run on core 1, the load generator (\`bench/load.js\`, undici keep-alive pools, 127.0.0.1) on core 0${TASKSET ? '' : ' — **taskset unavailable: not pinned**'}.`,
    '',
    `Command: \`${cmd}\` (from the repository root). Machine: ${m.cpu}, ${m.nproc} cores, ${m.mem_gb} GB RAM, Linux ${m.kernel}, Node ${m.node}. Date: ${m.date}. ChatRoom: ${backendVersion()}, run as \`node ${[...CHATROOM_FLAGS, ...EXTRA_NODE_ARGS.chatroom, 'main.js'].join(' ')}\` (its production flags: \`backend/scripts/server-node-flags.js\`); baseline: \`node ${[...EXTRA_NODE_ARGS.baseline, 'baseline-server.js'].join(' ')}\`.`,
    '',
    '| Scenario | Metric | ChatRoom | Baseline | Ratio | Target | Result |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Method notes:',
    `- settings: ChatRoom runs with its default settings, as \`npm start\` does (\`LOG_LEVEL=info\`: one log line per request, here to a file), except the rate limits (\`RATE_LIMIT_SEND_PER_MINUTE\`, \`RATE_LIMIT_AUTH_PER_MINUTE\` = 10^8), which the load would exhaust within a second${SMOKE ? `; this smoke run also sets ${Object.entries(SMOKE_ENV).map(([k, v]) => `\`${k}=${v}\``).join(', ')}` : ''}.`,
    `- load generator: one Node process on core 0; the \`generator CPU\` rows show how busy it was while sending (near 100%: the generator, not the server, set the pace).`,
    `- latency / throughput: each sender sends DMs to its own partner, who long-polls \`/messages?timeout=30\`; each round starts with ${CFG.latency.warmup / 1000} s of unmeasured sending at the same pace (both the server and the round's fresh load generator are otherwise measured running unoptimized code); latency is from just before the send request to the moment the partner's poll response is parsed, in the load generator's clock. Lost = acknowledged but never delivered (5 s grace); duplicated = delivered twice. CPU = the server's utime+stime from \`/proc/<pid>/stat\` over the sending window plus the drain, divided by acknowledged messages.`,
    `- typing: the latency load again (ChatRoom only: the baseline has no typing), while every sender also posts \`/typing\` for its partner's DM once every ${CFG.typing.every / 1000} s (staggered), as a client does while keys are pressed; each call wakes the partner's long-poll with a typing list. The rows set it beside ChatRoom's own latency row.`,
    `- mixed: the throughput load on senders of its own, but every third write changes the sender's last message instead of sending one: an edit (\`PATCH /messages/{id}\`) or a reaction (\`PUT\`, the next time \`DELETE\`, \`/messages/{id}/reactions/👍\`), alternately; each write is one timeline entry the partner's long-poll receives. ChatRoom only (the baseline has no edits or reactions): compare it with ChatRoom's own throughput row. Latency is measured on sends and edits (their text carries the send time); lost = acknowledged writes whose entry never arrived (5 s grace), of every kind.`,
    `- cold start: a fresh server process on a copy of the database (users and tokens exist) is started; as soon as \`/health\` answers, a fresh load generator runs the throughput load (${T.pairs} senders) for ${CFG.cold.duration / 1000} s with no warm-up. Startup time is from spawning the process (pinned, limits raised) to the first 200 from \`/health\` (polled every 20 ms).`,
    `- fan-out: every member long-polls; after ${CFG.fanout.warmup} unmeasured warm-up messages, the room creator sends one message, the next only after all members have it and all polls are parked again; time = send start to the last member's response.`,
    `- history size: a separate server per size; the messages table is grown by copying DMs between 20 filler users (rows written by the server itself, so the schema stays the backend's), then the measured user exchanges 20 messages with each of 5 peers over HTTP. \`/messages\` is asked from the 51st-newest of the user's messages (50 returned), \`/unread\` as is; ${CFG.history.iterations} sequential requests after ${CFG.history.warmup} warm-ups.`,
    `- search: ChatRoom only (the baseline has no search), on the ${hs(s2)}-message history server after its rounds, once the index has caught up with the copies: the measured user gets 15 rooms besides its 5 DMs; \`quick\` is in every filler message and in 74 of the user's, \`zephyr\` in one; the prefixes are \`qui*\` (read from FTS5's prefix index) and \`quick*\` (expanded to the words it starts); \`lazy\` is in every filler message and in none the user may see (the search must not walk the others' matches); ${CFG.history.iterations} sequential requests per query after ${CFG.history.warmup} warm-ups. Every send in the other scenarios is indexed too (in batches after it commits).`,
    `- idle: ${CFG.idle.count} raw keep-alive sockets each holding one \`/messages?timeout=30\` poll (10 per user); RSS (VmRSS) measured once the server's CPU is quiet, before and with them.`,
    '',
    errors.length ? `Errors:\n\n${errors.map((e) => `- ${e.replace(/\n/g, ' ').slice(0, 500)}`).join('\n')}\n` : '',
    'Raw per-round results: `bench/.results/raw.json` (not committed).',
    '',
  ].join('\n');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1); // the exit hook kills the servers
  });
}
module.exports = { startServer, runLoad, snapshotBackend, log, TMP, PASSWORD };
