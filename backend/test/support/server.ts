import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags';

/** The built server, as `npm start` runs it. Tests run against it as a real process. */
const MAIN = path.resolve(__dirname, '../../dist/main.js');

/**
 * Test servers hash passwords at the lowest cost the server accepts: the suite registers and signs in
 * thousands of times, and nothing a test checks depends on the cost (auth.e2e-spec keeps the default's).
 */
export const CHEAP_PASSWORD_HASHES = { PASSWORD_HASH_COST: '1024' };

export interface RunningServer {
  url: string;
  port: number;
  databaseUrl: string;
  /** The environment the server was started with, beyond the test process's own. */
  env: Record<string, string>;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Defaults to a fresh SQLite file in a temporary directory. */
  databaseUrl?: string;
  env?: Record<string, string>;
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tempDir(prefix = 'chatroom-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What was thrown, as text for a test's failure message. */
function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? String(thrown) : JSON.stringify(thrown);
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${describeThrown(lastError)}` : ''}`);
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(tempDir().dir, 'chatroom.sqlite')}`;
  let output = '';
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ...CHEAP_PASSWORD_HASHES,
    // Never ./data/uploads of the directory the tests run in.
    UPLOAD_DIR: path.join(tempDir().dir, 'uploads'),
    ...options.env,
  };
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  await waitFor(
    async () => {
      if (exitedEarly) throw new Error(`server exited during start-up:\n${output}`);
      const res = await fetch(`${url}/health`).catch(() => undefined);
      return res?.ok;
    },
    { timeoutMs: 20_000, what: `server on ${url}` },
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${describeThrown(error)}\n${output}`);
  });

  return {
    url,
    port,
    databaseUrl,
    env,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
