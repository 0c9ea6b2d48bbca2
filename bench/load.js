'use strict';
// The load generator: a separate process (run.js pins it to core 0), keep-alive connections
// through undici pools, 127.0.0.1 only, bounded in connections and time.
// Usage: node load.js <scenario> <input.json>; prints one line `RESULT <json>` on stdout.
const fs = require('node:fs');
const net = require('node:net');
const { Pool } = require('undici');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

/** @param {number} pid @returns {number} utime+stime of the process in ms */
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // CLK_TCK = 100
}
/** @param {number} pid @returns {number} resident memory in KB */
function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
/** Waits until the server has used (almost) no CPU for `quietMs`. */
async function waitQuiet(pid, quietMs = 500, maxMs = 15000) {
  const end = now() + maxMs;
  let c = cpuMs(pid);
  while (now() < end) {
    await sleep(quietMs);
    const c2 = cpuMs(pid);
    if (c2 - c <= 10) return;
    c = c2;
  }
}
/** @param {number[]} a sorted ascending @param {number} p in [0,1] */
function pct(a, p) {
  if (!a.length) return NaN;
  return a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))];
}
const r3 = (x) => Math.round(x * 1000) / 1000;

/** @param {Pool} pool */
async function call(pool, method, path, token, body, signal) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await pool.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.body.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.statusCode, json, text };
}
async function mustCall(pool, method, path, token, body, ok = [200, 201]) {
  const r = await call(pool, method, path, token, body);
  if (!ok.includes(r.status)) throw new Error(`${method} ${path} -> ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}
/** Sends a DM and returns its id: every message created later has a larger id. */
async function marker(pool, users) {
  const m = await mustCall(pool, 'POST', '/send', users[0].token, { recipient: users[1].username, message: 'marker' });
  return m.id;
}

/**
 * Long-polls /messages for one user until `signal` aborts, handing every batch to `onBatch`.
 * @param {{pool: Pool, token: string, lastId: number, onBatch: (msgs: any[], t: number) => void, signal: AbortSignal, stats: {errors: number, inflight: number}}} o
 */
async function poller(o) {
  let cur = o.lastId;
  while (!o.signal.aborted) {
    o.stats.inflight++;
    try {
      const r = await call(o.pool, 'GET', `/messages?last_id=${cur}&timeout=30&limit=1000`, o.token, undefined, o.signal);
      const t = now();
      if (r.status !== 200 || !r.json) { o.stats.errors++; o.stats.lastError = `${r.status} ${r.text.slice(0, 200)}`; await sleep(100); continue; }
      const msgs = r.json.messages;
      if (msgs.length) o.onBatch(msgs, t);
      cur = Math.max(cur, typeof r.json.last_id === 'number' ? r.json.last_id : msgs.length ? msgs[msgs.length - 1].id : cur);
    } catch (e) {
      if (o.signal.aborted) break;
      o.stats.errors++;
      o.stats.lastError = String(e && e.message);
      await sleep(100);
    } finally {
      o.stats.inflight--;
    }
  }
}

// ---------------------------------------------------------------- scenarios

/** Registers users (and the fan-out room) once per server. */
async function setup(inp) {
  const pool = new Pool(inp.url, { connections: 16 });
  const users = new Array(inp.users.length);
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < inp.users.length) {
      const i = next++;
      const u = inp.users[i];
      const r = await mustCall(pool, 'POST', '/register', null, { username: u, password: inp.password });
      users[i] = { username: r.username, token: r.token };
    }
  }));
  let room = null;
  if (inp.roomSize) {
    const members = users.slice(0, inp.roomSize);
    room = await mustCall(pool, 'POST', '/create_room', members[0].token, { participants: members.slice(1).map((u) => u.username), name: 'bench fan-out' });
  }
  await pool.close();
  return { users, room_id: room && room.room_id, room_members: room && room.participants.length };
}

/**
 * Pairs of users: the first sends DMs to the second, which long-polls. `interval` > 0: one message
 * every `interval` ms per sender (latency); 0: as fast as acknowledgements allow (throughput).
 */
async function pairs(inp) {
  const { users, pairs: n, duration, interval, pid } = inp;
  const senders = users.slice(0, n);
  const receivers = users.slice(n, 2 * n);
  const sendPool = new Pool(inp.url, { connections: n });
  const pollPool = new Pool(inp.url, { connections: n });
  const ctl = new AbortController();
  const stats = { errors: 0, inflight: 0 };
  const acked = senders.map(() => new Set());
  const received = senders.map(() => new Map()); // seq -> count
  const lat = [];
  let sendErrors = 0;
  let lastSendError = '';
  let deliveredInWindow = 0;
  let windowEnd = Infinity;
  const start0 = await marker(sendPool, users);
  const polls = receivers.map((u) => poller({ pool: pollPool, token: u.token, lastId: start0, signal: ctl.signal, stats, onBatch(msgs, t) {
    for (const m of msgs) {
      let b;
      try { b = JSON.parse(m.message); } catch { continue; }
      if (typeof b.p !== 'number' || b.warmup) continue;
      const seen = received[b.p].get(b.s) || 0;
      received[b.p].set(b.s, seen + 1);
      if (!seen) { lat.push(t - b.t); if (t <= windowEnd) deliveredInWindow++; }
    }
  } }));
  await sleep(Math.min(2000, 300 + n * 5)); // let every partner's long-poll reach the server
  // Sends still waiting 10 s after their window closes are abandoned (measured ones count as send
  // errors), so an overloaded server cannot stretch the scenario without bound.
  const sendCtl = new AbortController();
  const sendOne = async (p, s) => {
    try {
      const r = await call(sendPool, 'POST', '/send', senders[p].token, { recipient: receivers[p].username, message: JSON.stringify({ p, s, t: now() }) }, sendCtl.signal);
      if (r.status === 201) acked[p].add(s); else { sendErrors++; lastSendError = `${r.status} ${r.text.slice(0, 200)}`; }
    } catch (e) { sendErrors++; lastSendError = String(e && e.message); }
  };
  const warmupCtl = new AbortController();
  const sendWarmup = (p, s) => call(sendPool, 'POST', '/send', senders[p].token, { recipient: receivers[p].username, message: JSON.stringify({ p, s, warmup: true }) }, warmupCtl.signal).catch(() => {});
  /** Every sender sends from `t0` until `end`, at the scenario's pace. */
  const sendUntil = (t0, end, send) => Promise.all(senders.map(async (_, p) => {
    const inflight = [];
    let s = 0;
    if (interval > 0) {
      let next = t0 + (interval * p) / n; // spread the senders over the interval
      while (next < end) {
        await sleep(Math.max(0, next - now()));
        inflight.push(send(p, s++));
        next += interval;
      }
      await Promise.all(inflight);
    } else {
      while (now() < end) await send(p, s++);
    }
  }));
  // `typingEvery` > 0: every sender also says it types to its partner that often, as a client does
  // while keys are pressed; each call wakes the partner's poll with a typing list.
  const typePool = inp.typingEvery > 0 ? new Pool(inp.url, { connections: n }) : undefined;
  let typingCalls = 0;
  let typingErrors = 0;
  const typeUntil = (t0, end) => Promise.all(senders.map(async (_, p) => {
    for (let next = t0 + (inp.typingEvery * p) / n; next < end; next += inp.typingEvery) {
      await sleep(Math.max(0, next - now()));
      try {
        const r = await call(typePool, 'POST', '/typing', senders[p].token, { conversation: receivers[p].username, typing: true }, sendCtl.signal);
        if (r.status === 200) typingCalls++; else typingErrors++;
      } catch { typingErrors++; }
    }
  }));
  // Unmeasured warm-up at the same pace: both processes are fresh, and the first thousand requests
  // measure the JIT compiler rather than the server.
  const warmupCap = setTimeout(() => warmupCtl.abort(), (inp.warmup ?? 0) + 10000);
  if (inp.warmup) await sendUntil(now(), now() + inp.warmup, sendWarmup);
  clearTimeout(warmupCap);
  await waitQuiet(pid, 200, 3000);
  const cpu0 = cpuMs(pid);
  const t0 = now();
  const end = t0 + duration;
  windowEnd = end;
  const capTimer = setTimeout(() => sendCtl.abort(), duration + 10000);
  const genCpu0 = process.cpuUsage();
  const typing = inp.typingEvery > 0 ? typeUntil(t0, end) : Promise.resolve();
  await sendUntil(t0, end, sendOne);
  await typing;
  const sendEnd = now();
  clearTimeout(capTimer);
  const genCpu = process.cpuUsage(genCpu0);
  // Drain: wait until every acknowledged message arrived (or give up after 5 s).
  const drainEnd = now() + 5000;
  const missing = () => acked.reduce((acc, set, p) => { for (const s of set) if (!received[p].has(s)) acc++; return acc; }, 0);
  while (now() < drainEnd && missing() > 0) await sleep(20);
  const tDone = now();
  const cpu1 = cpuMs(pid);
  ctl.abort();
  await Promise.allSettled(polls);
  await Promise.all([sendPool.destroy(), pollPool.destroy(), typePool?.destroy()]);
  let ackedN = 0, receivedN = 0, dup = 0, unacked = 0;
  for (let p = 0; p < n; p++) {
    ackedN += acked[p].size;
    for (const [s, c] of received[p]) { receivedN++; dup += c - 1; if (!acked[p].has(s)) unacked++; }
  }
  lat.sort((a, b) => a - b);
  const secs = (sendEnd - t0) / 1000;
  return {
    sent: ackedN,
    received: receivedN,
    lost: missing(),
    duplicated: dup,
    received_unacked: unacked,
    send_errors: sendErrors,
    last_send_error: lastSendError || undefined,
    poll_errors: stats.errors,
    last_poll_error: stats.lastError,
    seconds: r3(secs),
    acked_per_s: Math.round(ackedN / secs),
    delivered_per_s: Math.round(deliveredInWindow / secs),
    p50_ms: r3(pct(lat, 0.5)),
    p99_ms: r3(pct(lat, 0.99)),
    max_ms: r3(lat[lat.length - 1]),
    server_cpu_ms: cpu1 - cpu0,
    cpu_ms_per_msg: r3((cpu1 - cpu0) / Math.max(1, ackedN)),
    drain_ms: Math.round(tDone - sendEnd),
    ...(typePool && { typing_per_s: r3(typingCalls / secs), typing_errors: typingErrors }),
    // the load generator's own CPU while sending: near 100% means it, not the server, sets the pace
    generator_cpu_pct: Math.round((100 * (genCpu.user + genCpu.system)) / 1000 / (sendEnd - t0)),
  };
}

/**
 * Throughput with living messages: each sender writes to its own partner, who long-polls, as fast
 * as acknowledgements allow, and every third write changes the sender's last message instead of
 * sending a new one: an edit (PATCH) or a reaction (PUT, then DELETE the next time), alternately.
 * Each write is one timeline entry the partner receives. Latency is measured on messages and edits
 * (their text carries the send time); every kind is counted for loss.
 */
async function mixed(inp) {
  const { users, pairs: n, duration, pid } = inp;
  const senders = users.slice(0, n);
  const receivers = users.slice(n, 2 * n);
  const partnerOf = new Map(receivers.map((u, p) => [u.username, p]));
  const sendPool = new Pool(inp.url, { connections: n });
  const pollPool = new Pool(inp.url, { connections: n });
  const ctl = new AbortController();
  const stats = { errors: 0, inflight: 0 };
  const KINDS = ['message', 'edit', 'reaction'];
  const zero = () => ({ message: 0, edit: 0, reaction: 0 });
  const acked = senders.map(zero);
  const delivered = senders.map(zero);
  /** Messages sent in the measured window: reactions to them are measured ones. */
  const measuredIds = new Set();
  const seenIds = new Set();
  const lat = [];
  let duplicated = 0;
  let writeErrors = 0;
  let lastWriteError = '';
  let deliveredInWindow = 0;
  let windowEnd = Infinity;
  const start0 = await marker(sendPool, users);
  const polls = receivers.map((u) => poller({ pool: pollPool, token: u.token, lastId: start0, signal: ctl.signal, stats, onBatch(msgs, t) {
    for (const m of msgs) {
      if (seenIds.has(m.id)) { duplicated++; continue; }
      seenIds.add(m.id);
      const p = partnerOf.get(m.recipient);
      if (p === undefined || !KINDS.includes(m.kind)) continue;
      if (m.kind === 'reaction') {
        if (!measuredIds.has(m.relates_to)) continue;
      } else {
        let b;
        try { b = JSON.parse(m.message); } catch { continue; }
        if (typeof b.p !== 'number' || b.warmup) continue;
        lat.push(t - b.t);
      }
      delivered[p][m.kind]++;
      if (t <= windowEnd) deliveredInWindow++;
    }
  } }));
  await sleep(Math.min(2000, 300 + n * 5)); // let every partner's long-poll reach the server
  const last = senders.map(() => null); // the sender's newest message: { id, reacted }
  const thumbsUp = encodeURIComponent('👍');
  const writeOne = async (p, s, warmup, signal) => {
    const token = senders[p].token;
    const text = JSON.stringify({ p, s, t: now(), ...(warmup ? { warmup: true } : {}) });
    const target = last[p];
    let kind = 'message';
    let r;
    try {
      if (s % 3 === 2 && target) {
        if (Math.floor(s / 3) % 2 === 0) {
          kind = 'edit';
          r = await call(sendPool, 'PATCH', `/messages/${target.id}`, token, { message: text }, signal);
        } else {
          kind = 'reaction';
          r = await call(sendPool, target.reacted ? 'DELETE' : 'PUT', `/messages/${target.id}/reactions/${thumbsUp}`, token, undefined, signal);
          if (r.status === 200) target.reacted = !target.reacted;
        }
      } else {
        r = await call(sendPool, 'POST', '/send', token, { recipient: receivers[p].username, message: text }, signal);
        if (r.status === 201) {
          last[p] = { id: r.json.id, reacted: false };
          if (!warmup) measuredIds.add(r.json.id);
        }
      }
      if (warmup) return;
      if (r.status === 200 || r.status === 201) acked[p][kind]++;
      else { writeErrors++; lastWriteError = `${kind} ${r.status} ${r.text.slice(0, 200)}`; }
    } catch (e) {
      if (!warmup) { writeErrors++; lastWriteError = String(e && e.message); }
    }
  };
  const writeUntil = (end, warmup, signal) => Promise.all(senders.map(async (_, p) => {
    for (let s = 0; now() < end; s++) await writeOne(p, s, warmup, signal);
  }));
  const warmupCtl = new AbortController();
  const warmupCap = setTimeout(() => warmupCtl.abort(), (inp.warmup ?? 0) + 10000);
  if (inp.warmup) await writeUntil(now() + inp.warmup, true, warmupCtl.signal);
  clearTimeout(warmupCap);
  await waitQuiet(pid, 200, 3000);
  // Measured changes change measured messages only, so that every measured reaction is recognised.
  last.fill(null);
  const writeCtl = new AbortController();
  const cpu0 = cpuMs(pid);
  const t0 = now();
  windowEnd = t0 + duration;
  const capTimer = setTimeout(() => writeCtl.abort(), duration + 10000);
  const genCpu0 = process.cpuUsage();
  await writeUntil(windowEnd, false, writeCtl.signal);
  const writeEnd = now();
  clearTimeout(capTimer);
  const genCpu = process.cpuUsage(genCpu0);
  const total = (counts) => counts.reduce((sum, c) => sum + c.message + c.edit + c.reaction, 0);
  const missing = () => total(acked) - total(delivered);
  const drainEnd = now() + 5000;
  while (now() < drainEnd && missing() > 0) await sleep(20);
  const tDone = now();
  const cpu1 = cpuMs(pid);
  ctl.abort();
  await Promise.allSettled(polls);
  await Promise.all([sendPool.destroy(), pollPool.destroy()]);
  lat.sort((a, b) => a - b);
  const secs = (writeEnd - t0) / 1000;
  const ackedN = total(acked);
  const byKind = (counts) => Object.fromEntries(KINDS.map((kind) => [kind, counts.reduce((sum, c) => sum + c[kind], 0)]));
  return {
    acked: byKind(acked),
    delivered: byKind(delivered),
    lost: Math.max(0, missing()),
    duplicated,
    write_errors: writeErrors,
    last_write_error: lastWriteError || undefined,
    poll_errors: stats.errors,
    last_poll_error: stats.lastError,
    seconds: r3(secs),
    acked_per_s: Math.round(ackedN / secs),
    changes_per_s: Math.round((ackedN - byKind(acked).message) / secs),
    delivered_per_s: Math.round(deliveredInWindow / secs),
    p50_ms: r3(pct(lat, 0.5)),
    p99_ms: r3(pct(lat, 0.99)),
    server_cpu_ms: cpu1 - cpu0,
    cpu_ms_per_write: r3((cpu1 - cpu0) / Math.max(1, ackedN)),
    drain_ms: Math.round(tDone - writeEnd),
    generator_cpu_pct: Math.round((100 * (genCpu.user + genCpu.system)) / 1000 / (writeEnd - t0)),
  };
}

/** One room, every member long-polling; one message at a time: time until all have it. */
async function fanout(inp) {
  const { users, room_id: room, members: n, messages: count, pid } = inp;
  const members = users.slice(0, n);
  const sendPool = new Pool(inp.url, { connections: 2 });
  const pollPool = new Pool(inp.url, { connections: n });
  const ctl = new AbortController();
  const stats = { errors: 0, inflight: 0 };
  /** @type {Map<number, {got: number, last: number, done: null | (() => void)}>} */
  const arrivals = new Map();
  const lastSeen = new Array(n).fill(0);
  let dup = 0;
  const start0 = await marker(sendPool, users);
  const polls = members.map((u, i) => poller({ pool: pollPool, token: u.token, lastId: start0, signal: ctl.signal, stats, onBatch(msgs, t) {
    for (const m of msgs) {
      if (m.recipient !== room) continue;
      if (m.id <= lastSeen[i]) { dup++; continue; }
      lastSeen[i] = m.id;
      let e = arrivals.get(m.id);
      if (!e) arrivals.set(m.id, (e = { got: 0, last: 0, done: null }));
      e.got++;
      e.last = t;
      if (e.got === n && e.done) e.done();
    }
  } }));
  const armed = async () => {
    const end = now() + 10000;
    while (stats.inflight < n && now() < end) await sleep(5);
    await sleep(inp.settleMs ?? 100); // the requests are sent; give the server time to park them
  };
  const sendAndWait = async () => {
    let done;
    const finished = new Promise((r) => (done = r));
    const t0 = now();
    const m = await mustCall(sendPool, 'POST', '/send', members[0].token, { recipient: room, message: `fan-out ${t0}` });
    let e = arrivals.get(m.id); // a poll may answer before the /send response does
    if (!e) arrivals.set(m.id, (e = { got: 0, last: 0, done: null }));
    e.done = done;
    if (e.got >= n) done();
    const r = await Promise.race([finished, sleep(10000).then(() => 'timeout')]);
    return { ms: (e.last || now()) - t0, got: e.got, timeout: r === 'timeout' };
  };
  // Unmeasured warm-up messages: every poller is connected afterwards, and both processes are past
  // their first, unoptimized runs of the code.
  for (let k = 0; k < (inp.warmup ?? 1); k++) {
    await armed();
    await sendAndWait();
  }
  await armed();
  const cpu0 = cpuMs(pid);
  const times = [];
  let incomplete = 0;
  for (let k = 0; k < count; k++) {
    const r = await sendAndWait();
    times.push(r.ms);
    if (r.got < n) incomplete++;
    await armed();
  }
  const cpu1 = cpuMs(pid);
  ctl.abort();
  await Promise.allSettled(polls);
  await Promise.all([sendPool.destroy(), pollPool.destroy()]);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    members: n,
    messages: count,
    p50_ms: r3(pct(sorted, 0.5)),
    max_ms: r3(sorted[sorted.length - 1]),
    incomplete,
    duplicated: dup,
    poll_errors: stats.errors,
    last_poll_error: stats.lastError,
    server_cpu_ms_per_message: r3((cpu1 - cpu0) / count),
    times_ms: times.map(r3),
  };
}

/** Latency of /messages and /unread, one request at a time. */
async function history(inp) {
  const pool = new Pool(inp.url, { connections: 1 });
  const out = {};
  for (const [name, path] of [['messages', `/messages?last_id=${inp.lastId}&limit=100`], ['unread', '/unread']]) {
    const lat = [];
    let bad = 0;
    let sample = null;
    for (let i = 0; i < inp.warmup + inp.iterations; i++) {
      const t = now();
      const r = await call(pool, 'GET', path, inp.token);
      const d = now() - t;
      if (r.status !== 200) bad++;
      sample = r.json;
      if (i >= inp.warmup) lat.push(d);
    }
    lat.sort((a, b) => a - b);
    out[name] = { p50_ms: r3(pct(lat, 0.5)), p99_ms: r3(pct(lat, 0.99)), errors: bad,
      returned: name === 'messages' ? sample && sample.messages && sample.messages.length : sample && sample.total };
  }
  await pool.destroy();
  return out;
}

/**
 * Sequential GET /search for a rare word, a common one, a prefix of it and the whole word as a
 * prefix (SQLite indexes prefixes of up to 4 letters and expands longer ones, two paths), and a
 * word common only where the user may not look.
 */
async function search(inp) {
  const pool = new Pool(inp.url, { connections: 1 });
  const out = {};
  for (const [name, q] of [['rare', 'zephyr'], ['common', 'quick'], ['prefix', 'qui*'], ['longPrefix', 'quick*'], ['elsewhere', 'lazy']]) {
    const lat = [];
    let bad = 0;
    let found = 0;
    for (let i = 0; i < inp.warmup + inp.iterations; i++) {
      const t = now();
      const r = await call(pool, 'GET', `/search?q=${encodeURIComponent(q)}`, inp.token);
      const d = now() - t;
      if (r.status !== 200) bad++;
      found = r.json && r.json.results ? r.json.results.length : 0;
      if (i >= inp.warmup) lat.push(d);
    }
    lat.sort((a, b) => a - b);
    out[name] = { p50_ms: r3(pct(lat, 0.5)), p99_ms: r3(pct(lat, 0.99)), errors: bad, returned: found };
  }
  await pool.destroy();
  return out;
}

/** Opens `count` long-polls on raw sockets and reads the server's resident memory before and with them. */
async function idle(inp) {
  const { users, count, pid, host, port } = inp;
  const pool = new Pool(inp.url, { connections: 1 });
  const last = await marker(pool, users);
  // Warm-up: the same request path a few hundred times, so "before" is a server that has run it.
  for (let i = 0; i < 300; i++) await call(pool, 'GET', `/messages?last_id=${last}&limit=10`, users[i % users.length].token);
  await pool.destroy();
  await waitQuiet(pid, 500);
  const before = rssKb(pid);
  const sockets = [];
  let answered = 0, failed = 0;
  const t0 = now();
  for (let i = 0; i < count; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      const u = users[j % users.length];
      batch.push(new Promise((resolve) => {
        const s = net.connect({ host, port }, () => {
          s.write(`GET /messages?last_id=${last}&timeout=30 HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${u.token}\r\nConnection: keep-alive\r\n\r\n`);
          resolve();
        });
        s.on('data', () => { answered++; });
        s.on('error', () => { failed++; resolve(); });
        sockets.push(s);
      }));
    }
    await Promise.all(batch);
  }
  const openMs = now() - t0;
  await sleep(1000);
  await waitQuiet(pid, 500, 10000);
  const samples = [];
  for (let k = 0; k < 3; k++) { samples.push(rssKb(pid)); await sleep(200); }
  const withKb = Math.max(...samples);
  const elapsed = now() - t0;
  for (const s of sockets) s.destroy();
  await sleep(500);
  return {
    connections: count,
    rss_before_kb: before,
    rss_with_kb: withKb,
    kb_per_poll: r3((withKb - before) / count),
    answered_early: answered,
    failed,
    open_ms: Math.round(openMs),
    measured_at_ms: Math.round(elapsed),
  };
}

const scenarios = { setup, pairs, mixed, fanout, history, search, idle };
(async () => {
  const [name, file] = process.argv.slice(2);
  const inp = JSON.parse(fs.readFileSync(file, 'utf8'));
  const result = await scenarios[name](inp);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
})().catch((e) => {
  process.stderr.write(`${e && e.stack}\n`);
  process.exit(1);
});
