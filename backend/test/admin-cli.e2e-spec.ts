import path from 'node:path';
import { admin, CliResult } from './support/admin-cli';
import { Api, Json, PASSWORD, registerUser, uniqueName } from './support/api';
import { usingPostgres, withDatabase } from './support/database';
import { tempDir, waitFor } from './support/server';
import { TestServerFixture, useTestServer } from './support/use-test-server';

const login = (api: Api, username: string, password: string) => api.post('/login', { username, password });

/** Starts a long-poll for `client` and waits until the server holds it; `answer` is the poll's answer to come. */
async function waitingPoll(t: TestServerFixture, client: Api): Promise<{ answer: Promise<{ status: number }> }> {
  const before = await t.api.waitingPolls();
  const { last_id } = await client.messages(0, '&limit=1000');
  const answer = client.get(`/messages?last_id=${last_id}&timeout=25`);
  await waitFor(async () => (await t.api.waitingPolls()) > before, { what: 'the poll to wait' });
  return { answer };
}

function expectFailure(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** Runs of the command line that change nothing, started together (each is a Node start-up), and the error each must end with. */
async function expectFailures(runs: [Promise<CliResult>, RegExp][]): Promise<void> {
  const results = await Promise.all(runs.map(([run]) => run));
  results.forEach((result, i) => expectFailure(result, runs[i]![1]));
}

describe('npm run admin, on the database of a running server', () => {
  jest.setTimeout(60_000);
  const t = useTestServer({ env: { ADMIN_USERS: 'cli_admin' } });
  const boss = t.user('cli_admin', { exactName: true });

  describe('create-user', () => {
    it('makes up a password and prints it, or takes one from stdin; either signs in', async () => {
      const made = uniqueName('made');
      const piped = uniqueName('Piped');
      const [result, fromStdin] = await Promise.all([admin(t, ['create-user', made]), admin(t, ['create-user', piped], { input: 'a password of my own\n' })]);
      expect(result.code).toBe(0);
      const password = /^Created (\S+)\. Password: (\S+)$/m.exec(result.stdout);
      expect(password?.[1]).toBe(made);
      expect((await login(t.api, made, password?.[2] ?? '')).status).toBe(200);

      expect(fromStdin.code).toBe(0);
      expect(fromStdin.stdout).toContain(`Created ${piped} with the password from stdin.`);
      expect(fromStdin.stdout).not.toContain('a password of my own');
      expect((await login(t.api, piped.toLowerCase(), 'a password of my own')).status).toBe(200);
    });

    it('refuses a taken name (in any case), a name the API would refuse, and a short password', async () => {
      const user = await registerUser(t.api);
      await expectFailures([
        [admin(t, ['create-user', user.username.toUpperCase()]), /taken/],
        [admin(t, ['create-user', 'room_9']), /room_/],
        [admin(t, ['create-user', 'no spaces']), /username may only contain/],
        [admin(t, ['create-user', uniqueName('short')], { input: 'short\n' }), /8 to 128 characters/],
        [admin(t, ['create-user']), /exactly one NAME/],
      ]);
    });
  });

  describe('reset-password', () => {
    it('prints a one-time code with which the user signs in once, sets a new password and ends their other sessions', async () => {
      const user = await registerUser(t.api);
      const other = await waitingPoll(t, user);
      const result = await admin(t, ['reset-password', user.username.toUpperCase()]);
      expect(result.code).toBe(0);
      const code = /: ([a-z2-7]{4}(?:-[a-z2-7]{4}){7})$/m.exec(result.stdout)?.[1] ?? '';
      expect(code).not.toBe('');
      expect(result.stdout).toMatch(new RegExp(`Reset code for ${user.username} \\(works once, until \\d{4}-`));

      const reset = await t.api.post('/login', { username: user.username, reset_code: code.toUpperCase(), new_password: 'my new password' });
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ username: user.username, token: expect.any(String), expires_at: expect.any(String) });
      expect((await other.answer).status).toBe(401);
      expect((await user.get('/rooms')).status).toBe(401);
      expect((await t.api.as(reset.body.token).get('/rooms')).status).toBe(200);
      expect((await login(t.api, user.username, PASSWORD)).status).toBe(401);
      expect((await login(t.api, user.username, 'my new password')).status).toBe(200);

      const again = await t.api.post('/login', { username: user.username, reset_code: code, new_password: 'yet another one' });
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('invalid_credentials');
    });

    it('refuses a code that expired, or that a newer one replaced', async () => {
      const user = await registerUser(t.api);
      const codeOf = (result: CliResult) => /: ([a-z2-7-]{39})$/m.exec(result.stdout)?.[1] ?? '';
      const replaced = codeOf(await admin(t, ['reset-password', user.username]));
      const expired = codeOf(await admin(t, ['reset-password', user.username]));
      await withDatabase(t.database.url, (db) =>
        db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('username', '=', user.username).execute(),
      );
      for (const code of [replaced, expired]) {
        expect((await t.api.post('/login', { username: user.username, reset_code: code, new_password: 'my new password' })).status).toBe(401);
      }
      expect((await user.get('/rooms')).status).toBe(200);
    });

    it('refuses a login that mixes the two ways, or leaves half of one out', async () => {
      const user = await registerUser(t.api);
      for (const [body, field] of [
        [{ username: user.username, password: PASSWORD, reset_code: 'abcd', new_password: 'my new password' }, 'reset_code'],
        [{ username: user.username, password: PASSWORD, new_password: 'my new password' }, 'new_password'],
        [{ username: user.username, reset_code: 'abcd' }, 'new_password'],
        [{ username: user.username, reset_code: 'abcd', new_password: 'short' }, 'new_password'],
        [{ username: user.username }, 'password'],
      ] as const) {
        const answer = await t.api.post('/login', body);
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ code: 'validation_failed', field });
      }
    });

    it('names an unknown user as an error', async () => {
      expectFailure(await admin(t, ['reset-password', 'nobody_by_that_name']), /No such user: nobody_by_that_name/);
    });
  });

  describe('suspend and unsuspend', () => {
    it('ends the sessions at once, waiting polls included, and refuses sign-ins until unsuspended', async () => {
      const user = await registerUser(t.api);
      const poll = await waitingPoll(t, user);
      const result = await admin(t, ['suspend', user.username.toLowerCase()]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Suspended ${user.username}: 1 session ended.`);
      expect((await poll.answer).status).toBe(401);
      await waitFor(async () => (await user.get('/rooms')).status === 401, { timeoutMs: 2000, what: 'the session to end' });

      const refused = await login(t.api, user.username, PASSWORD);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('account_suspended');
      expect((await login(t.api, user.username, 'not the password')).status).toBe(401);

      const back = await admin(t, ['unsuspend', user.username]);
      expect(back.code).toBe(0);
      expect(back.stdout).toContain(`Unsuspended ${user.username}`);
      expect((await login(t.api, user.username, PASSWORD)).status).toBe(200);
    });

    it('names an unknown user as an error', async () => {
      await expectFailures([
        [admin(t, ['suspend', 'nobody_by_that_name']), /No such user/],
        [admin(t, ['unsuspend', 'nobody_by_that_name']), /No such user/],
      ]);
    });
  });

  describe('list-users', () => {
    it('lists every account with its status and whether it is a server admin', async () => {
      const [active, suspended] = await Promise.all([registerUser(t.api, 'listed'), registerUser(t.api, 'held')]);
      expect((await admin(t, ['suspend', suspended.username])).code).toBe(0);
      const result = await admin(t, ['list-users']);
      expect(result.code).toBe(0);
      const line = (name: string) => result.stdout.split('\n').find((row) => row.startsWith(`${name} `)) ?? '';
      expect(line(active.username)).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z {2}active$/);
      expect(line(suspended.username)).toMatch(/ suspended$/);
      expect(line(boss.username)).toMatch(/ active \(admin\)$/);
      expect(result.stdout).toMatch(/\d+ accounts\n$/);
      expectFailure(await admin(t, ['list-users', 'extra']), /takes no argument/);
    });
  });

  describe('invite', () => {
    it('prints a new code, as many uses and hours as asked, which the API lists', async () => {
      const result = await admin(t, ['invite', '--uses', '3', '--hours', '2', '--note', 'the book club']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Invite code \(3 uses, until \d{4}-[^)]+\): [a-z2-7]{4}(-[a-z2-7]{4}){7}$/m);
      const listed: Json[] = (await boss.get('/invites')).body.invites;
      expect(listed[0]).toMatchObject({ uses: 3, used: 0, note: 'the book club' });
      expect(Date.parse(listed[0].expires_at) - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);
    });

    it('refuses numbers out of range', async () => {
      await expectFailures([
        [admin(t, ['invite', '--uses', '0']), /uses/],
        [admin(t, ['invite', '--uses', '1001']), /uses/],
        [admin(t, ['invite', '--hours', 'soon']), /--hours must be a whole number/],
        [admin(t, ['invite', '--days', '3']), /Unknown option '--days'/],
      ]);
    });
  });

  describe('announce', () => {
    it('writes the announcement, which the running server delivers to everyone', async () => {
      const reader = await registerUser(t.api);
      const text = `Maintenance at ${Date.now()}`;
      const result = await admin(t, ['announce', text]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('running servers deliver it');
      await waitFor(async () => (await t.api.get('/announcement')).body.announcement === text, { what: 'the announcement' });
      await waitFor(async () => (await reader.messages(0, '&limit=1000')).messages.some((message) => message.kind === 'announcement' && message.message === text), {
        what: 'the announcement message',
      });
      await expectFailures([
        [admin(t, ['announce', 'two', 'words']), /quote a text with spaces/],
        [admin(t, ['announce', 'x'.repeat(4001)]), /text/],
      ]);
    });
  });

  describe('backup', () => {
    it('writes a copy of an SQLite database to a new file only; on PostgreSQL it points to pg_dump', async () => {
      if (usingPostgres()) {
        expectFailure(await admin(t, ['backup', '/tmp/never-written.sqlite']), /on PostgreSQL, back up with pg_dump/);
        return;
      }
      const dir = tempDir();
      try {
        const file = path.join(dir.dir, 'copy.sqlite');
        const made = await admin(t, ['backup', file]);
        expect(made.code).toBe(0);
        expect(made.stdout).toMatch(new RegExp(`^Backed up .+ to ${file} \\(\\d+\\.\\d MB\\), with every commit made before \\S+\\.$`, 'm'));
        await expectFailures([
          [admin(t, ['backup', file]), /exists already: a backup goes to a new file/],
          [admin(t, ['backup', path.join(dir.dir, 'no', 'such', 'copy.sqlite')]), /No directory .+ to write copy.sqlite in/],
          [admin(t, ['backup']), /backup takes exactly one FILE/],
        ]);
      } finally {
        dir.remove();
      }
    });
  });

  describe('mistakes', () => {
    it('explains an unknown command, a missing one, and a bad setting, with exit code 1', async () => {
      const [bare, help] = await Promise.all([admin(t, []), admin(t, ['help'])]);
      expect(bare.code).toBe(1);
      expect(bare.stdout).toContain('Usage: npm run admin -- <command>');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('delete-user NAME [--erase]');
      await expectFailures([
        [admin(t, ['frobnicate']), /Unknown command: frobnicate/],
        [admin(t, ['list-users'], { env: { DATABASE_URL: 'mongodb://somewhere' } }), /DATABASE_URL/],
      ]);
    });
  });

  describe('delete-user', () => {
    /**
     * Runs delete-user once for each of `runs`, at the same time: on SQLite only the server may append
     * messages, so they run while the server is stopped.
     */
    async function deleteUsers<const Runs extends readonly string[][]>(...runs: Runs): Promise<{ [K in keyof Runs]: CliResult }> {
      const all = async () => (await Promise.all(runs.map((args) => admin(t, ['delete-user', ...args])))) as { [K in keyof Runs]: CliResult };
      if (usingPostgres()) return all();
      await t.server.stop();
      try {
        return await all();
      } finally {
        await t.restart();
      }
    }

    it('deletes the account: sessions end, the name stays taken, its rooms pass on, and --erase erases its text', async () => {
      const [leaver, heir, friend] = await Promise.all([registerUser(t.api, 'gone'), registerUser(t.api, 'heir'), registerUser(t.api, 'friend')]);
      const room = (await leaver.post('/create_room', { participants: [heir.username] })).body;
      expect((await leaver.post(`/rooms/${room.room_id}/members`, { username: friend.username })).status).toBe(200);
      await leaver.send(friend.username, 'erase me');
      await leaver.send(room.room_id, 'erase me too');

      const [result] = await deleteUsers([leaver.username.toUpperCase(), '--erase']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Deleted ${leaver.username}: 1 session ended, left 1 room; the text of 2 messages erased. The name stays taken.`);

      expect((await leaver.get('/rooms')).status).toBe(401);
      expect((await login(t.api, leaver.username, PASSWORD)).status).toBe(401);
      expect((await t.api.post('/register', { username: leaver.username, password: PASSWORD })).status).toBe(409);
      expect((await heir.get('/rooms')).body.rooms[0]).toMatchObject({ admin: heir.username, participants: [heir.username, friend.username] });
      expect(JSON.stringify((await friend.messages(0, '&limit=1000')).messages)).not.toContain('erase me');

      const [again, nobody] = await deleteUsers([leaver.username], ['nobody_by_that_name']);
      expectFailure(again, /deleted already/);
      expectFailure(nobody, /No such user/);
    });

    if (!usingPostgres()) {
      it('refuses on SQLite while the server runs, and says why', async () => {
        const user = await registerUser(t.api);
        expectFailure(await admin(t, ['delete-user', user.username]), /server is running on this SQLite database\. Stop it first/);
        expect((await user.get('/rooms')).status).toBe(200);
      });
    }
  });
});
