import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestServerFixture } from './use-test-server';

/** The built command line, as `npm run admin` runs it. */
const ADMIN_CLI = path.resolve(__dirname, '../../dist/admin/admin-cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run admin -- <args>` with `env` (DATABASE_URL and the rest, as the server it serves has
 * them) beside the test process's own; `input` is its stdin.
 */
export function runAdminCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ADMIN_CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs `npm run admin -- <args>` against the test server's database and settings. */
export function admin(t: TestServerFixture, args: string[], { input, env = {} }: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const serverEnv = {
    DATABASE_URL: t.database.url,
    ANNOUNCEMENT_FILE: t.server.env.ANNOUNCEMENT_FILE ?? '',
    ADMIN_USERS: t.server.env.ADMIN_USERS ?? '',
    PASSWORD_HASH_COST: t.server.env.PASSWORD_HASH_COST ?? '',
  };
  return runAdminCli(args, { ...serverEnv, ...env }, input);
}
