import { registerUser } from './support/api';
import { usingPostgres } from './support/database';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

const TOKEN = 'a metrics token for the tests';

describe('/metrics while METRICS_TOKEN is unset', () => {
  const t = useTestServer();

  it('is not there', async () => {
    const answer = await t.api.get('/metrics');
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('not_found');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const t = useTestServer({ env: { METRICS_TOKEN: TOKEN } });
  const scrape = (authorization?: string) => fetch(`${t.server.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it('answers only the token, and the token opens nothing else', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    const user = await registerUser(t.api);
    expect((await scrape(`Bearer ${user.token}`)).status).toBe(401);
    expect((await t.api.as(TOKEN).get('/rooms')).status).toBe(401);
  });

  it('counts requests by route and status with their latency, messages stored, waiting polls and the event loop, in Prometheus text', async () => {
    const [alice, bob] = await Promise.all([registerUser(t.api), registerUser(t.api)]);
    await alice.send(bob.username, 'counted');
    const room = (await alice.post('/create_room', { participants: [bob.username] })).body;
    expect((await alice.request('DELETE', `/rooms/${room.room_id}/members/nobody_here`)).status).toBe(404);
    expect((await alice.get('/no/such/route')).status).toBe(404);
    const before = await t.api.waitingPolls();
    const { last_id } = await bob.messages(0, '&limit=1000');
    const poll = bob.get(`/messages?last_id=${last_id}&timeout=25`);
    await waitFor(async () => (await t.api.waitingPolls()) > before, { what: 'the poll to wait' });

    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toMatch(/^chatroom_http_requests_total\{method="POST",route="\/send",status="201"\} [1-9]/m);
    expect(text).toMatch(/^chatroom_http_requests_total\{method="DELETE",route="\/rooms\/:id\/members\/:username",status="404"\} 1$/m);
    expect(text).toMatch(/^chatroom_http_requests_total\{method="GET",route="other",status="404"\} 1$/m);
    expect(text).not.toContain('nobody_here');
    expect(text).toMatch(/^chatroom_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/send"\} [1-9]/m);
    expect(text).toMatch(/^chatroom_messages_stored_total\{kind="message"\} [1-9]/m);
    expect(text).toMatch(/^chatroom_messages_stored_total\{kind="event"\} [1-9]/m);
    expect(text).toMatch(/^chatroom_long_polls_waiting [1-9]/m);
    expect(text).toMatch(/^chatroom_nodejs_eventloop_lag_seconds /m);
    if (usingPostgres()) expect(text).toMatch(/^chatroom_db_pool_connections [1-9]/m);

    await alice.send(bob.username, 'release the poll');
    expect((await poll).status).toBe(200);
  });
});
