import type { OnlineResponse } from '@chatroom/shared';
import { PASSWORD, TestUser } from './support/api';
import { useTestServer } from './support/use-test-server';

/** Away and active (issue #13): what each user's browser reports, shown to everyone in /online. */
describe('presence', () => {
  const t = useTestServer();
  const [amy, bob, cai] = t.users('p_amy', 'p_bob', 'p_cai');
  const online = async (user: TestUser): Promise<OnlineResponse> => (await user.get('/online')).body as OnlineResponse;
  /** Two more sessions of `user`, as two browsers signed in. */
  const twoBrowsers = async (user: TestUser) => {
    const [first, second] = await Promise.all(
      [1, 2].map(async () => {
        const login = await t.api.post('/login', { username: user.username, password: PASSWORD });
        expect(login.status).toBe(200);
        return t.api.as(login.body.token as string);
      }),
    );
    return [first!, second!] as const;
  };

  it('lists everyone online as active until their browser says otherwise', async () => {
    await bob.get('/online');
    const seen = await online(amy);
    expect(seen.users).toEqual(expect.arrayContaining([amy.username, bob.username]));
    expect(seen.presence[amy.username]).toBe('active');
    expect(seen.presence[bob.username]).toBe('active');
    expect(Object.keys(seen.presence).sort()).toEqual([...seen.users].sort());
  });

  it('shows away at once, and active again, to the others', async () => {
    const away = await bob.post('/presence', { state: 'away' });
    expect(away.status).toBe(200);
    expect(away.body).toEqual({ state: 'away' });
    expect((await online(amy)).presence[bob.username]).toBe('away');
    // Being away is not being gone: bob stays in the list.
    expect((await online(amy)).users).toContain(bob.username);
    expect((await bob.post('/presence', { state: 'active' })).status).toBe(200);
    expect((await online(amy)).presence[bob.username]).toBe('active');
  });

  it('forgets the state a session reported when it signs out, so another device in use shows active', async () => {
    const [amyLaptop, amyPhone] = await twoBrowsers(amy);
    expect((await amyPhone.post('/presence', { state: 'away' })).status).toBe(200);
    expect((await online(bob)).presence[amy.username]).toBe('away');
    expect((await amyPhone.post('/logout', {})).status).toBe(200);
    await amyLaptop.get('/rooms');
    expect((await online(bob)).presence[amy.username]).toBe('active');
  });

  it('shows away only while every browser of the user says away', async () => {
    // Cai's own test session says nothing: only the two browsers below do.
    const [laptop, phone] = await twoBrowsers(cai);
    expect((await laptop.post('/presence', { state: 'away' })).status).toBe(200);
    expect((await phone.post('/presence', { state: 'active' })).status).toBe(200);
    expect((await online(amy)).presence[cai.username]).toBe('active');
    // The laptop says away again (it went to sleep later): the phone, in use, still counts.
    expect((await laptop.post('/presence', { state: 'away' })).status).toBe(200);
    expect((await online(amy)).presence[cai.username]).toBe('active');
    expect((await phone.post('/presence', { state: 'away' })).status).toBe(200);
    expect((await online(amy)).presence[cai.username]).toBe('away');
    expect((await laptop.post('/presence', { state: 'active' })).status).toBe(200);
    expect((await online(amy)).presence[cai.username]).toBe('active');
    await Promise.all([laptop.post('/logout', {}), phone.post('/logout', {})]);
  });

  it('refuses any other state, naming the field', async () => {
    for (const state of ['idle', 'locked', 'AWAY', '', null, 1, ['away']]) {
      const response = await amy.post('/presence', { state });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'state' });
    }
    expect((await amy.post('/presence', {})).body).toMatchObject({ field: 'state' });
    expect((await t.api.post('/presence', { state: 'away' })).status).toBe(401);
  });
});
