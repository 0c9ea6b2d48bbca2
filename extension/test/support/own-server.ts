import path from 'node:path';
import { freePort, RunningServer, startServer, tempDir } from '../../../backend/test/support/server';

export type OwnServer = Awaited<ReturnType<typeof restartableServer>>;

/**
 * The announcement file of a test's own server: the default one in the working directory is shared by
 * every server the test run starts, so a change to it would reach every test as an announcement.
 */
export function ownAnnouncement(dir: string): Record<string, string> {
  return { ANNOUNCEMENT_FILE: path.join(dir, 'announcement.txt') };
}

/** A server of the test's own, to stop and start again on the same port and SQLite file. */
export async function restartableServer(env: Record<string, string> = {}) {
  const port = await freePort();
  const dir = tempDir();
  const databaseUrl = `sqlite:${path.join(dir.dir, 'chatroom.sqlite')}`;
  env = { ...ownAnnouncement(dir.dir), ...env };
  let running: RunningServer | null = await startServer({ port, databaseUrl, env });
  return {
    url: running.url,
    databaseUrl,
    async stop() {
      await running?.stop();
      running = null;
    },
    /** SIGKILL: gone at once, as a crash or a pulled cable, without a shutdown's early answers. */
    async kill() {
      await running?.kill();
      running = null;
    },
    async start() {
      running = await startServer({ port, databaseUrl, env });
    },
    async remove() {
      await running?.kill();
      dir.remove();
    },
  };
}
