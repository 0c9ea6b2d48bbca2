import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: its own connection to the file, checkpointing on a timer. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the WAL back into the database file from a worker thread. SQLite's automatic checkpoint
 * runs inside whichever commit crosses the threshold, on the one thread that serves every request,
 * and its fsync stalled all of them for tens of milliseconds (the latency benchmark's p99). The
 * main connection's automatic checkpoint is turned off while this runs, and back on if it fails.
 */
export class WalCheckpointer {
  private readonly logger = new Logger(WalCheckpointer.name);
  private readonly worker: Worker;
  /** After stop, the file may be gone before the worker first opened it: nothing to report then. */
  private stopped = false;

  constructor(file: string, onFailure: () => void, intervalMs = 1000) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, intervalMs },
    });
    this.worker.on('message', (problem: string) => this.logger.warn(`WAL checkpoint: ${problem}`));
    this.worker.once('error', (error) => {
      if (this.stopped) return;
      this.logger.error(`WAL checkpoints fall back to SQLite's own: ${String(error)}`);
      onFailure();
    });
    // A worker must not keep the process alive on its own.
    this.worker.unref();
  }

  stop(): void {
    this.stopped = true;
    this.worker.postMessage('stop');
  }
}
