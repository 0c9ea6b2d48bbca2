import { PASSWORD, registerUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

describe('POST /admin/users/{name}/suspend and /unsuspend', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'api_admin' } });
  const boss = t.user('api_admin', { exactName: true });
  const [bystander] = t.users('bystander');

  it('suspends a user at once (sessions and waiting polls end; sign-ins refused), and lets them back', async () => {
    const user = await registerUser(t.api);
    const before = await t.api.waitingPolls();
    const { last_id } = await user.messages(0, '&limit=1000');
    const poll = user.get(`/messages?last_id=${last_id}&timeout=25`);
    await waitFor(async () => (await t.api.waitingPolls()) > before, { what: 'the poll to wait' });

    const suspended = await boss.post(`/admin/users/${user.username.toUpperCase()}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toEqual({ username: user.username, suspended: true });
    expect((await poll).status).toBe(401);
    expect((await user.get('/rooms')).status).toBe(401);
    const refused = await t.api.post('/login', { username: user.username, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'account_suspended', message: expect.any(String) });

    const back = await boss.post(`/admin/users/${user.username}/unsuspend`);
    expect(back.status).toBe(200);
    expect(back.body).toEqual({ username: user.username, suspended: false });
    expect((await t.api.post('/login', { username: user.username, password: PASSWORD })).status).toBe(200);
  });

  it('answers 404 for nobody, 400 for what cannot be a name, and 403 to everyone but the server admins', async () => {
    const unknown = await boss.post('/admin/users/nobody_by_that_name/suspend');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect((await boss.post('/admin/users/a%00b/suspend')).status).toBe(400);
    const user = await registerUser(t.api);
    const forbidden = await bystander.post(`/admin/users/${user.username}/suspend`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await user.get('/rooms')).status).toBe(200);
    expect((await t.api.post(`/admin/users/${user.username}/suspend`)).status).toBe(401);
  });
});
