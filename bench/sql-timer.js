'use strict';
// Preloaded into a profiled server (`node -r ./bench/sql-timer.js`): counts and times every SQL
// statement better-sqlite3 runs, by statement text, and writes the totals to $SQL_TIMER_OUT on exit.
const fs = require('node:fs');
const Database = require('better-sqlite3');
const stats = new Map();
const probe = new Database(':memory:').prepare('select 1');
const proto = Object.getPrototypeOf(probe);
for (const method of ['run', 'get', 'all', 'iterate']) {
  const original = proto[method];
  proto[method] = function timed(...args) {
    const t = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const us = Number(process.hrtime.bigint() - t) / 1000;
      const key = this.source.replace(/\s+/g, ' ').trim();
      const s = stats.get(key) || { calls: 0, us: 0 };
      s.calls++;
      s.us += us;
      stats.set(key, s);
    }
  };
}
process.on('exit', () => {
  // The WAL checkpointer's thread preloads this too: its totals would overwrite the server's.
  if (!process.env.SQL_TIMER_OUT || !require('node:worker_threads').isMainThread) return;
  const rows = [...stats].map(([sql, s]) => ({ sql, ...s })).sort((a, b) => b.us - a.us);
  fs.writeFileSync(process.env.SQL_TIMER_OUT, JSON.stringify(rows, null, 1));
});
