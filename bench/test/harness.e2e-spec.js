'use strict';
// A smoke run of the benchmark harness (`--smoke`: tiny sizes, one round), so that `npm test` keeps
// it working. Its figures mean nothing at these sizes; only that every scenario ran and lost nothing.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const RUN = path.join(__dirname, '..', 'run.js');

test('runs every scenario against ChatRoom and the baseline and writes the report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatroom-bench-smoke-'));
  try {
    const out = path.join(dir, 'smoke.md');
    await promisify(execFile)(process.execPath, [RUN, '--smoke', '--out', out], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    const report = fs.readFileSync(out, 'utf8');
    for (const scenario of ['latency', 'typing', 'throughput', 'mixed', 'cold start', 'fan-out', 'history size', 'idle', 'extension']) {
      expect(report).toContain(`| ${scenario} `);
    }
    const lossRows = report.split('\n').filter((line) => line.includes('lost / duplicated'));
    expect(lossRows).toHaveLength(5);
    // The mixed and typing loads run against ChatRoom only: the baseline has no edits, reactions or typing.
    for (const row of lossRows) expect(row).toMatch(/^\| (mixed|typing) /.test(row) ? /\| 0 \/ 0 \| n\/a \|/ : /\| 0 \/ 0 \| 0 \/ 0 \|/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 330_000);
