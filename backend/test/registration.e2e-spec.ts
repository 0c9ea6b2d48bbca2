import { createDatabase } from '../src/storage/database.factory';
import { loadConfig } from '../src/config/app-config';
import type { Database } from '../src/storage/schema';
import { Json, PASSWORD, uniqueName } from './support/api';
import type { TestServerFixture } from './support/use-test-server';
import { useTestServer } from './support/use-test-server';

async function withDatabase<T>(t: TestServerFixture, work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(loadConfig({ DATABASE_URL: t.database.url }).database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const register = (t: TestServerFixture, body: Record<string, unknown>) => t.api.post('/register', { username: uniqueName('new'), password: PASSWORD, ...body });

describe('REGISTRATION=open (the default)', () => {
  const t = useTestServer();

  it('says so in /server-info, with the version, to anyone', async () => {
    const info = await t.api.get('/server-info');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ registration: 'open', version: expect.stringMatching(/^\d+\.\d+\.\d+/), max_upload_bytes: 10 * 1024 * 1024 });
  });

  it('takes accounts without an invite, and ignores one sent anyway', async () => {
    expect((await register(t, {})).status).toBe(201);
    expect((await register(t, { invite: 'whatever-it-is' })).status).toBe(201);
  });

  it('refuses an invite that is not text, even when it needs none', async () => {
    for (const invite of [null, 5, '', 'a\u0000b', 'x'.repeat(129)]) {
      const answer = await register(t, { invite });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', field: 'invite' });
    }
  });
});

describe('REGISTRATION=closed', () => {
  const t = useTestServer({ env: { REGISTRATION: 'closed' } });

  it('refuses every registration with 403 registration_closed, and says so in /server-info', async () => {
    const answer = await register(t, {});
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, code: 'registration_closed', message: expect.any(String) });
    expect((await t.api.get('/server-info')).body.registration).toBe('closed');
  });
});

describe('REGISTRATION=invite', () => {
  // The admin and a user register while the server is still open, then it restarts taking invites only.
  const t = useTestServer({ env: { ADMIN_USERS: 'invite_admin' } });
  const admin = t.user('invite_admin', { exactName: true });
  const [user] = t.users('member');

  beforeAll(async () => {
    await t.server.stop();
    await t.restart({ REGISTRATION: 'invite' });
  });

  const createInvite = async (body: Record<string, unknown> = {}): Promise<Json> => {
    const answer = await admin.post('/invites', body);
    expect(answer.status).toBe(201);
    return answer.body;
  };

  it('says so in /server-info', async () => {
    expect((await t.api.get('/server-info')).body.registration).toBe('invite');
  });

  it('refuses a registration without an invite (invite_required) or with an unknown one (invite_invalid)', async () => {
    const without = await register(t, {});
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ code: 'invite_required', field: 'invite' });
    const unknown = await register(t, { invite: 'aaaa-bbbb-cccc-dddd' });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toMatchObject({ code: 'invite_invalid', field: 'invite' });
  });

  it('makes codes of at least 128 random bits, shows each once, and lists invites without them', async () => {
    const before = Date.now();
    const invite = await createInvite({ uses: 2, expires_in_hours: 3, note: '  for the team  ' });
    expect(invite).toEqual({ id: expect.any(Number), code: expect.any(String), uses: 2, used: 0, expires_at: expect.any(String), note: 'for the team' });
    expect(invite.code.replaceAll('-', '').length * 5).toBeGreaterThanOrEqual(128);
    expect(Date.parse(invite.expires_at) - before).toBeGreaterThanOrEqual(3 * 3600_000 - 1000);
    expect(Date.parse(invite.expires_at) - before).toBeLessThanOrEqual(3 * 3600_000 + 60_000);

    const defaults = await createInvite();
    expect(defaults).toMatchObject({ uses: 1, used: 0, note: null });
    expect(Date.parse(defaults.expires_at) - before).toBeGreaterThanOrEqual(168 * 3600_000 - 1000);

    const listed = await admin.get('/invites');
    expect(listed.status).toBe(200);
    expect(listed.body.invites.slice(0, 2)).toEqual([
      { id: defaults.id, uses: 1, used: 0, expires_at: defaults.expires_at, note: null },
      { id: invite.id, uses: 2, used: 0, expires_at: invite.expires_at, note: 'for the team' },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(invite.code);
    const stored = await withDatabase(t, (db) => db.selectFrom('invites').selectAll().execute());
    expect(JSON.stringify(stored)).not.toContain(invite.code);
    expect(JSON.stringify(stored)).not.toContain(invite.code.replaceAll('-', ''));
  });

  it('opens an invite link as a page that shows its code, to copy, and leaves the code unused', async () => {
    const invite = await createInvite();
    const page = await t.api.get(`/join?invite=${invite.code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(page.body).toContain(`<code id="code">${invite.code}</code>`);
    expect(page.body).toContain('Copy invite link');
    expect((await register(t, { invite: invite.code })).status).toBe(201);

    for (const query of ['', '?invite=', '?invite=%3Cscript%3E', `?invite=${invite.code}&invite=x`, '?fbclid=x']) {
      const refused = await t.api.get(`/join${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', field: expect.any(String) });
    }
    // What link shorteners and messengers add to a link they pass on is ignored; the API stays strict.
    const forwarded = await t.api.get(`/join?invite=${invite.code}&fbclid=IwAR0x&utm_source=chat&utm_medium=social`);
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toContain(`<code id="code">${invite.code}</code>`);
    expect(forwarded.body).not.toContain('IwAR0x');
    expect((await admin.get('/search?q=invite&utm_source=chat')).body).toMatchObject({ code: 'validation_failed', field: 'utm_source' });
  });

  it('admits as many registrations as the code has uses, however the code is typed, and no more', async () => {
    const invite = await createInvite({ uses: 2 });
    const first = await register(t, { invite: invite.code.toUpperCase() });
    expect(first.status).toBe(201);
    expect((await t.api.as(first.body.token).get('/rooms')).status).toBe(200);
    expect((await register(t, { invite: ` ${invite.code.replaceAll('-', ' ')} ` })).status).toBe(201);
    const third = await register(t, { invite: invite.code });
    expect(third.status).toBe(403);
    expect(third.body.code).toBe('invite_invalid');
    expect((await admin.get('/invites')).body.invites.find((listed: Json) => listed.id === invite.id)).toMatchObject({ uses: 2, used: 2 });
  });

  it('gives the use back when the name turns out to be taken', async () => {
    const invite = await createInvite();
    const taken = await t.api.post('/register', { username: user.username.toUpperCase(), password: PASSWORD, invite: invite.code });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('username_taken');
    expect((await register(t, { invite: invite.code })).status).toBe(201);
  });

  it('refuses an expired code', async () => {
    const invite = await createInvite();
    await withDatabase(t, (db) => db.updateTable('invites').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', invite.id).execute());
    const answer = await register(t, { invite: invite.code });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('invite_invalid');
  });

  it('admits exactly one of two registrations racing for the last use, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const invite = await createInvite();
      const answers = await Promise.all([register(t, { invite: invite.code }), register(t, { invite: invite.code })]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403]);
    }
    const invite = await createInvite({ uses: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => register(t, { invite: invite.code })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 403 && answer.body.code === 'invite_invalid')).toHaveLength(5);
  });

  it('deletes an invite, after which its code admits nobody', async () => {
    const invite = await createInvite({ uses: 5 });
    expect((await admin.request('DELETE', `/invites/${invite.id}`)).body).toEqual({ ok: true });
    expect((await register(t, { invite: invite.code })).body.code).toBe('invite_invalid');
    const again = await admin.request('DELETE', `/invites/${invite.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'not_found', field: 'id' });
    expect((await admin.request('DELETE', '/invites/99999999999')).status).toBe(404);
    expect((await admin.request('DELETE', '/invites/abc')).status).toBe(400);
  });

  it('lets only the server admins make, list and delete invites', async () => {
    const invite = await createInvite();
    for (const answer of [await user.post('/invites', {}), await user.get('/invites'), await user.request('DELETE', `/invites/${invite.id}`)]) {
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('forbidden');
    }
    expect((await t.api.get('/invites')).status).toBe(401);
    expect((await register(t, { invite: invite.code })).status).toBe(201);
  });

  it.each([
    [{ uses: 0 }, 'uses'],
    [{ uses: 1001 }, 'uses'],
    [{ uses: 1.5 }, 'uses'],
    [{ uses: '2' }, 'uses'],
    [{ expires_in_hours: 0 }, 'expires_in_hours'],
    [{ expires_in_hours: 8761 }, 'expires_in_hours'],
    [{ expires_in_hours: null }, 'expires_in_hours'],
    [{ note: '   ' }, 'note'],
    [{ note: 'x'.repeat(201) }, 'note'],
    [{ code: 'my-own-code' }, 'code'],
  ])('refuses the invite %j naming the field', async (body, field) => {
    const answer = await admin.post('/invites', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'validation_failed', field });
  });
});
