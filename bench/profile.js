'use strict';
// CPU profile of ChatRoom under the latency and throughput loads: `node bench/profile.js [--pairs N] [--seconds S]`.
// Starts the built backend with --cpu-prof (pinned like the benchmark), drives it with load.js,
// stops it with SIGTERM (the profile is written on exit) and prints self time by function and by file.
// `node bench/profile.js --summarize file.cpuprofile` only summarizes an existing profile.
const fs = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i < 0 ? dflt : argv[i + 1]; };

function summarize(file, top = 30, skipMs = 0) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i] || 0;
    if (t < skipMs * 1000) continue; // e.g. registration (scrypt) before the load starts
    self.set(prof.samples[i], (self.get(prof.samples[i]) || 0) + (prof.timeDeltas[i] || 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const where = (url) => {
    if (!url) return '';
    const u = url.replace(/^file:\/\//, '');
    const nm = u.lastIndexOf('node_modules/');
    if (nm >= 0) { const parts = u.slice(nm + 13).split('/'); return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]; }
    if (u.startsWith('node:')) return u;
    const i = u.indexOf('chatroom-dist/');
    if (i >= 0) return `backend/dist/${u.slice(i + 14)}`;
    return path.relative(process.cwd(), u);
  };
  const fn = new Map();
  const mod = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const w = where(cf.url) || '(native/V8)';
    const key = `${cf.functionName || '(anonymous)'}  ${w}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) || 0) + us);
    const m = cf.url ? w : cf.functionName;
    mod.set(m, (mod.get(m) || 0) + us);
  }
  // Inclusive time of the backend's own functions (each sample counted once per function on its stack),
  // and where the database time (kysely executeQuery, i.e. better-sqlite3 running SQL) comes from.
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const isBackend = (n) => n.callFrame.url.includes('chatroom-dist/') || n.callFrame.url.includes('backend/dist/');
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const incl = new Map();
  const dbBy = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    let firstBackend = null;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!isBackend(n)) continue;
      const k = label(n);
      if (!firstBackend) firstBackend = k;
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + us); }
    }
    if (byId.get(id).callFrame.functionName === 'executeQuery') dbBy.set(firstBackend || '(no backend frame: async)', (dbBy.get(firstBackend || '(no backend frame: async)') || 0) + us);
  }
  const fmt = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  return `Profile ${file}: ${(total / 1000).toFixed(0)} ms sampled${skipMs ? ` (first ${(skipMs / 1000).toFixed(1)} s skipped)` : ''}\n\nSelf time by package / file:\n${fmt(mod)}\n\nSelf time by function:\n${fmt(fn)}\n\nInclusive time of backend functions (synchronous part of their stacks):\n${fmt(incl)}\n\nDatabase time (kysely executeQuery self) by nearest backend caller:\n${fmt(dbBy)}\n`;
}

async function main() {
  if (opt('summarize')) { console.log(summarize(opt('summarize'), Number(opt('top', 40)), Number(opt('skip-ms', 0)))); return; }
  const { startServer, runLoad, snapshotBackend, log, TMP, PASSWORD } = require('./run.js');
  const pairs = Number(opt('pairs', 50));
  const seconds = Number(opt('seconds', 10));
  snapshotBackend();
  const dir = path.join(__dirname, '.results', 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const tStart = Date.now();
  const sqlOut = path.join(dir, `sql-${Date.now()}.json`);
  process.env.SQL_TIMER_OUT = sqlOut; // inherited by the server: bench/sql-timer.js writes its totals there
  const srv = await startServer('chatroom', path.join(TMP, 'profile.sqlite'), ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-r', path.join(__dirname, 'sql-timer.js')]);
  const setup = await runLoad('setup', { url: srv.url, users: Array.from({ length: 2 * Math.max(pairs, 100) }, (_, i) => `user${i}`), password: PASSWORD }, 600000);
  log(`registered ${setup.users.length} users`);
  const skipMs = Date.now() - tStart; // profile only the load, not registration
  const common = { url: srv.url, pid: srv.pid, users: setup.users };
  const sqlMark = Date.now();
  const lat = await runLoad('pairs', { ...common, pairs: 100, duration: seconds * 1000, interval: 100 });
  log(`latency: ${JSON.stringify(lat)}`);
  const thr = await runLoad('pairs', { ...common, pairs, duration: seconds * 1000, interval: 0 });
  log(`throughput: ${JSON.stringify(thr)}`);
  await srv.stop();
  await new Promise((r) => setTimeout(r, 500));
  const made = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!made.length) throw new Error(`no .cpuprofile written (did the server exit cleanly on SIGTERM?); log ${srv.logFile}`);
  // Worker threads (the WAL checkpointer) write profiles of their own: the main thread's is the largest.
  const file = made.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  console.log(summarize(file, Number(opt('top', 40)), skipMs));
  if (fs.existsSync(sqlOut)) {
    const rows = JSON.parse(fs.readFileSync(sqlOut, 'utf8'));
    const msgs = (lat.sent || 0) + (thr.sent || 0);
    console.log(`SQL statements over the whole run (registration included), per message = per acknowledged send of the two loads (${msgs}):`);
    for (const r of rows.slice(0, 20)) {
      console.log(`${(r.us / 1000).toFixed(0).padStart(7)} ms ${String(r.calls).padStart(8)} calls ${(r.calls / msgs).toFixed(2).padStart(6)}/msg ${(r.us / r.calls).toFixed(1).padStart(7)} us/call  ${r.sql.slice(0, 220)}`);
    }
  }
  console.log(`(open ${path.relative(process.cwd(), file)} in Chrome DevTools > Performance, or speedscope, for the flame graph; registration is included)`);
  fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
