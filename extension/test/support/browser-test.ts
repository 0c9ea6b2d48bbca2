import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PASSWORD, TestUser } from './api';
import { Profile, SCREENSHOTS } from './browser';
import { OwnServer, restartableServer } from './own-server';

/**
 * The set-up every Chromium test file shares: a server of the file's own (which a test may stop and
 * start again on the same port and database), `profiles` browser profiles set to use it, and the
 * screenshots folder; all of it closed and removed after the file. Call it at the top of the file;
 * its fields are there once beforeAll has run.
 */
export function useBrowserTest({ profiles = 0, env = {} }: { profiles?: number; env?: Record<string, string> } = {}) {
  let server: OwnServer | undefined;
  const launched: Profile[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await restartableServer(env);
    const url = server.url;
    launched.push(...(await Promise.all(Array.from({ length: profiles }, () => Profile.launch()))));
    await Promise.all(launched.map((profile) => profile.useServer(url)));
  });

  // Whatever beforeAll got to start is closed; its failure is the one to report.
  afterAll(async () => {
    await Promise.all(launched.splice(0).map((profile) => profile.close()));
    await server?.remove();
  });

  return {
    get server(): OwnServer {
      if (!server) throw new Error('The server starts in beforeAll: use it inside tests and hooks.');
      return server;
    },
    /** The profiles launched for the file, in order. */
    get profiles(): Profile[] {
      return launched.slice(0, profiles);
    },
    /** One more profile, closed with the others, set to use `serverUrl` (none: the extension's default). */
    async launch(serverUrl?: string): Promise<Profile> {
      const profile = await Profile.launch();
      launched.push(profile);
      if (serverUrl) await profile.useServer(serverUrl);
      return profile;
    },
  };
}

/**
 * Registers `usernames[i]` through the popup of `profiles[i]` (left open on the list), and signs each
 * in through the API too, as another client of theirs that a test drives directly.
 */
export async function registerInProfiles(serverUrl: string, profiles: Profile[], usernames: string[]): Promise<{ popups: Page[]; users: TestUser[] }> {
  const popups = await Promise.all(profiles.map((profile, index) => profile.register(usernames[index] ?? '', PASSWORD)));
  const users = await Promise.all(usernames.map((username) => TestUser.login(serverUrl, username, PASSWORD)));
  return { popups, users };
}
