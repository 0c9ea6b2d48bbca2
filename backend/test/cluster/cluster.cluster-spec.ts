import type { ChatMessage } from '@chatroom/shared';
import { Cluster, startCluster } from '../../scripts/cluster';
import { Api, PASSWORD, registerUser } from '../support/api';
import { createPostgresSchema, TestDatabase } from '../support/database';
import { CHEAP_PASSWORD_HASHES, waitFor } from '../support/server';
import { expectExactlyOnceInOrder, LOAD_ENV, percentile, pollUntil, registerOn, retrying, User } from './support';

jest.setTimeout(180_000);

const waitingPolls = async (url: string): Promise<number> =>
  (await (await fetch(`${url}/health`)).json()).info.long_polls.waiting as number;

describe('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let cluster: Cluster;
  let a: Api;
  let b: Api;
  /** Undoes what beforeAll got to do, newest first, even when a step of it failed. */
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createPostgresSchema();
    cleanup.unshift(() => database.drop());
    cluster = await startCluster({ databaseUrl: database.url, instances: 2, env: { ...LOAD_ENV, ADMIN_USERS: 'boss' } });
    cleanup.unshift(() => cluster.stop());
    a = new Api(cluster.instances[0]!.url);
    b = new Api(cluster.instances[1]!.url);
  });
  afterAll(async () => {
    for (const step of cleanup) await step();
  });

  it('gives every poller every message exactly once, in id order, while both instances take concurrent sends', async () => {
    const users = await registerOn(a, 6, 'hammer');
    const room = await users[0]!.post('/create_room', { participants: users.slice(1).map((user) => user.username), name: 'hammer' });
    expect(room.status).toBe(201);
    const roomId: string = room.body.room_id;
    const urls = cluster.instances.map((instance) => instance.url);
    const perUser = 40;
    const acknowledged: ChatMessage[] = [];
    let sending = true;
    const deadline = Date.now() + 120_000;

    const expectedFor = (user: User) =>
      acknowledged.filter((m) => m.sender === user.username || m.recipient === user.username || m.recipient === roomId).map((m) => m.id);
    const pollers = users.map((user) =>
      pollUntil(user, urls, (seen) => !sending && new Set(seen.map((m) => m.id)).size >= expectedFor(user).length && expectedFor(user).every((id) => seen.some((m) => m.id === id)), deadline),
    );

    await Promise.all(
      users.map(async (user, u) => {
        for (let i = 0; i < perUser; i++) {
          const via = new Api(urls[(u + i) % urls.length]!, user.token);
          const recipient = i % 2 === 0 ? users[(u + 1 + (i % 5)) % users.length]!.username : roomId;
          acknowledged.push(await via.send(recipient, `${user.username}:${i}`));
        }
      }),
    );
    sending = false;

    for (const [index, poller] of pollers.entries()) {
      const seen = await poller.finished;
      expectExactlyOnceInOrder(seen, expectedFor(users[index]!));
    }
  });

  it('wakes a long-poll on one instance at once for a message sent through the other (latency p50/p99)', async () => {
    const [sender, reader] = await registerOn(a, 2, 'latency');
    const fromA = new Api(cluster.instances[0]!.url, sender!.token);
    const onB = new Api(cluster.instances[1]!.url, reader!.token);
    const received = new Map<string, number>();
    let stop = false;
    const pollUntilStopped = async () => {
      let cursor = 0;
      while (!stop) {
        const page = await onB.messages(cursor, '&timeout=5');
        const now = performance.now();
        for (const message of page.messages) received.set(message.message, now);
        cursor = page.last_id;
      }
    };
    const poller = pollUntilStopped();

    const latencies: number[] = [];
    for (let i = 0; i < 300; i++) {
      // Measure only a poll already waiting on B, not one still on its way there.
      await waitFor(async () => (await waitingPolls(cluster.instances[1]!.url)) > 0, { intervalMs: 1, what: 'a waiting poll on B' });
      const started = performance.now();
      await fromA.send(reader!.username, `m${i}`);
      await waitFor(() => received.has(`m${i}`), { intervalMs: 1, what: `m${i} on B` });
      latencies.push(received.get(`m${i}`)! - started);
    }
    stop = true;
    await fromA.send(reader!.username, 'last');
    await poller;

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`cross-instance delivery (send on A until the poll on B answers), ${latencies.length} messages: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    expect(p99).toBeLessThan(1000);
  });

  it('shows a user away on the other instance as soon as their browser says so', async () => {
    const [walker, watcher] = await registerOn(a, 2, 'presence');
    expect((await new Api(cluster.instances[0]!.url, walker!.token).post('/presence', { state: 'away' })).status).toBe(200);
    const seenOnB = (await new Api(cluster.instances[1]!.url, watcher!.token).get('/online')).body;
    expect(seenOnB.users).toContain(walker!.username);
    expect(seenOnB.presence[walker!.username]).toBe('away');
  });

  it('serves a file uploaded through one instance from the other, whole and by range, until its message is deleted', async () => {
    const [sender, reader] = await registerOn(a, 2, 'files');
    const onA = new Api(cluster.instances[0]!.url, sender!.token);
    const onB = new Api(cluster.instances[1]!.url, reader!.token);
    // Over one stored chunk, so that a range is read across two of them.
    const bytes = Buffer.alloc(600 * 1024, 'chunky ');
    const upload = await onA.uploaded('shared.txt', bytes);
    const sent = await onA.send(reader!.username, 'through A', { attachments: [upload.upload_id] });
    const path = `/uploads/${upload.upload_id}/shared.txt`;
    const whole = await fetch(`${onB.baseUrl}${path}`, { headers: { authorization: `Bearer ${onB.token}` } });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(`${onB.baseUrl}${path}`, { headers: { authorization: `Bearer ${onB.token}`, range: 'bytes=262140-262150' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(262140, 262151))).toBe(true);

    expect((await onA.request('DELETE', `/messages/${sent.id}`)).status).toBe(200);
    await waitFor(async () => (await onB.get(path)).status === 404, { what: 'the deleted message\'s file gone from B' });
  });

  it('wakes a poll waiting on one instance for an edit, a reaction and a delete made through the other', async () => {
    const [author, reader] = await registerOn(a, 2, 'living');
    const onA = new Api(cluster.instances[0]!.url, author!.token);
    const onB = new Api(cluster.instances[1]!.url, reader!.token);
    const sent = await onA.send(reader!.username, 'first draft');
    const after = async (lastId: number, change: () => Promise<unknown>) => {
      const waiting = onB.messages(lastId, '&timeout=20');
      await waitFor(async () => (await waitingPolls(cluster.instances[1]!.url)) > 0, { what: 'a waiting poll on B' });
      await change();
      return (await waiting).messages;
    };

    const [edited] = await after(sent.id, () => onA.request('PATCH', `/messages/${sent.id}`, { message: 'final text' }));
    expect(edited).toMatchObject({ kind: 'edit', relates_to: sent.id, message: 'final text', sender: author!.username });
    const [reaction] = await after(edited!.id, () => onA.request('PUT', `/messages/${sent.id}/reactions/${encodeURIComponent('🎉')}`));
    expect(reaction).toMatchObject({ kind: 'reaction', relates_to: sent.id, message: '🎉', removed: false });
    for (const api of [onB, new Api(cluster.instances[0]!.url, reader!.token)]) {
      expect((await api.get(`/messages/${sent.id}`)).body).toMatchObject({ message: 'final text', reactions: [{ emoji: '🎉', users: [author!.username] }] });
    }
    const [deleted] = await after(reaction!.id, () => onA.request('DELETE', `/messages/${sent.id}`));
    expect(deleted).toMatchObject({ kind: 'delete', relates_to: sent.id });
    const all = await onB.messages(sent.id - 1);
    expect(all.messages.map((m) => [m.kind, m.message])).toEqual([
      ['message', ''],
      ['edit', ''],
      ['reaction', '🎉'],
      ['delete', ''],
    ]);
  });

  it('tells a poll waiting on one instance of a read receipt and of typing on the other, and ends the typing on both', async () => {
    const [typist, reader] = await registerOn(a, 2, 'ephemeral');
    const onA = new Api(cluster.instances[0]!.url, typist!.token);
    const onB = new Api(cluster.instances[1]!.url, reader!.token);
    const sent = await onB.send(typist!.username, 'are you there?');
    const news = async (change: () => Promise<unknown>) => {
      const waiting = onB.messages(sent.id, '&timeout=20');
      await waitFor(async () => (await waitingPolls(cluster.instances[1]!.url)) > 0, { what: 'a waiting poll on B' });
      await change();
      return (await waiting).ephemeral;
    };
    expect(await news(() => onA.post('/read', { conversation: reader!.username, last_read_id: sent.id }))).toEqual([
      { type: 'read', conversation: typist!.username, user: typist!.username, last_read_id: sent.id },
    ]);
    expect(await news(() => onA.post('/typing', { conversation: reader!.username, typing: true }))).toEqual([
      { type: 'typing', conversation: typist!.username, users: [typist!.username] },
    ]);
    expect(await news(() => onA.post('/typing', { conversation: reader!.username, typing: false }))).toEqual([
      { type: 'typing', conversation: typist!.username, users: [] },
    ]);
    expect((await onB.get(`/conversations/${typist!.username}/read-state`)).body).toEqual({ markers: { [typist!.username]: sent.id } });
  });

  it('applies the same rules to reactions taken by both instances at once (20 emoji at most, one per user and emoji)', async () => {
    const [author, reactor] = await registerOn(a, 2, 'racing');
    const sent = await new Api(cluster.instances[0]!.url, author!.token).send(reactor!.username, 'react to me');
    const via = (index: number) => new Api(cluster.instances[index % 2]!.url, reactor!.token);
    const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗', '😙', '😚', '🙂', '🤗', '🤩', '🤔', '🤨', '😐', '😑'];
    const answers = await Promise.all([
      ...emoji.map((e, index) => via(index).request('PUT', `/messages/${sent.id}/reactions/${encodeURIComponent(e)}`)),
      ...[0, 1, 2, 3].map((index) => via(index).request('PUT', `/messages/${sent.id}/reactions/${encodeURIComponent('😀')}`)),
    ]);
    // Which of them come too late depends on the race; every refusal is the limit's.
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(20);
    for (const answer of answers.filter((a) => a.status !== 200)) expect(answer.body).toMatchObject({ statusCode: 400, field: 'emoji' });
    const states = await Promise.all([0, 1].map(async (index) => (await via(index).get(`/messages/${sent.id}`)).body.reactions));
    expect(states[0]).toHaveLength(20);
    expect(states[1]).toEqual(states[0]);
    const reactions = (await via(0).messages(sent.id)).messages.filter((m) => m.kind === 'reaction');
    expect(reactions).toHaveLength(20);
  });

  it('ends a session signed out on one instance on the other at once', async () => {
    const [user] = await registerOn(a, 1, 'logout');
    const onB = new Api(cluster.instances[1]!.url, user!.token);
    expect((await onB.get('/conversations')).status).toBe(200);
    expect((await user!.post('/logout', { username: user!.username })).status).toBe(200);
    expect((await onB.get('/conversations')).status).toBe(401);
  });

  it('ends a session signed out from the session list, or by a password change, on the other instance at once', async () => {
    const [user] = await registerOn(a, 1, 'sessions');
    const second = new Api(cluster.instances[1]!.url, (await a.post('/login', { username: user!.username, password: PASSWORD })).body.token);
    expect((await second.get('/conversations')).status).toBe(200);
    const { last_id } = await second.messages(0, '&limit=1000');
    const poll = second.get(`/messages?last_id=${last_id}&timeout=25`);
    await waitFor(async () => (await waitingPolls(cluster.instances[1]!.url)) > 0, { what: 'the poll on B' });
    const secondId = ((await second.get('/me/sessions')).body.sessions as { id: string; current: boolean }[]).find((session) => session.current)!.id;

    expect((await user!.request('DELETE', `/me/sessions/${secondId}`)).status).toBe(200);
    expect((await poll).status).toBe(401);
    expect((await second.get('/conversations')).status).toBe(401);

    const third = new Api(cluster.instances[1]!.url, (await a.post('/login', { username: user!.username, password: PASSWORD })).body.token);
    expect((await third.get('/conversations')).status).toBe(200);
    expect((await user!.post('/me/password', { current_password: PASSWORD, new_password: 'a new password' })).status).toBe(200);
    expect((await third.get('/conversations')).status).toBe(401);
    expect((await new Api(cluster.instances[1]!.url, user!.token).get('/conversations')).status).toBe(200);
  });

  it('lists a user polling on one instance in /online on the other', async () => {
    const [user, watcher] = await registerOn(a, 2, 'presence');
    const poll = new Api(cluster.instances[0]!.url, user!.token).messages(0, '&timeout=20');
    const onB = new Api(cluster.instances[1]!.url, watcher!.token);
    // A user coming online is written at once, not with the next batch.
    await waitFor(async () => (await onB.get('/online')).body.users.includes(user!.username), {
      timeoutMs: 2_000,
      intervalMs: 50,
      what: `${user!.username} in /online on B`,
    });
    await watcher!.send(user!.username, 'release the poll');
    await poll;
  });

  it('delivers an announcement posted through one instance once, and shows it on both', async () => {
    const boss = await a.post('/register', { username: 'boss', password: PASSWORD });
    const admin = a.as(boss.body.token);
    const [reader] = await registerOn(b, 1, 'listener');
    const text = `maintenance at ${Date.now()}`;
    expect((await admin.post('/announcement', { text })).status).toBeLessThan(300);
    await waitFor(async () => (await b.get('/announcement')).body.announcement === text, { what: 'the announcement on B' });
    const onB = new Api(cluster.instances[1]!.url, reader!.token);
    const announcements = async () => (await onB.messages(0, '&limit=1000')).messages.filter((m) => m.kind === 'announcement' && m.message === text);
    await waitFor(async () => (await announcements()).length > 0, { what: 'the announcement message' });
    expect(await announcements()).toHaveLength(1);
  });
});

describe('three instances behind nginx, one killed during a load of sends', () => {
  let database: TestDatabase;
  let cluster: Cluster;
  /** Undoes what beforeAll got to do, newest first, even when a step of it failed. */
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createPostgresSchema();
    cleanup.unshift(() => database.drop());
    cluster = await startCluster({ databaseUrl: database.url, instances: 3, env: LOAD_ENV });
    cleanup.unshift(() => cluster.stop());
  });
  afterAll(async () => {
    for (const step of cleanup) await step();
  });

  it('delivers every acknowledged send exactly once and the clients carry on through the others', async () => {
    const api = new Api(cluster.url);
    const users = await Promise.all(Array.from({ length: 9 }, () => registerUser(api, 'crash')));
    const room = await users[0]!.post('/create_room', { participants: users.slice(1).map((user) => user.username), name: 'crash' });
    expect(room.status).toBe(201);
    const roomId: string = room.body.room_id;
    const perUser = 40;
    const total = users.length * perUser;
    const acknowledged: ChatMessage[] = [];
    let sending = true;
    let killed = false;
    const deadline = Date.now() + 150_000;

    const expectedFor = (user: User) =>
      acknowledged.filter((m) => m.sender === user.username || m.recipient === user.username || m.recipient === roomId).map((m) => m.id);
    const pollers = users.map((user) =>
      pollUntil(user, [cluster.url], (seen) => !sending && expectedFor(user).every((id) => seen.some((m) => m.id === id)), deadline),
    );

    await Promise.all(
      users.map(async (user, u) => {
        for (let i = 0; i < perUser; i++) {
          const recipient = i % 3 === 0 ? roomId : users[(u + 1 + (i % 7)) % users.length]!.username;
          const clientId = `${user.username}-${i}`;
          // An unanswered send is retried with its client_id, whichever instance takes it.
          acknowledged.push(await retrying(() => user.send(recipient, clientId, { client_id: clientId }), deadline));
          if (!killed && acknowledged.length >= total / 3) {
            killed = true;
            await cluster.instances[1]!.kill();
          }
        }
      }),
    );
    sending = false;
    expect(killed).toBe(true);

    const all = new Map<number, ChatMessage>();
    for (const [index, poller] of pollers.entries()) {
      const seen = await poller.finished;
      expectExactlyOnceInOrder(seen, expectedFor(users[index]!));
      for (const message of seen) all.set(message.id, message);
    }
    const byClientId = new Map<string, number[]>();
    for (const message of all.values()) {
      if (message.client_id) byClientId.set(`${message.sender}/${message.client_id}`, [...(byClientId.get(`${message.sender}/${message.client_id}`) ?? []), message.id]);
    }
    expect([...byClientId.values()].filter((ids) => ids.length > 1)).toEqual([]);
    expect(byClientId.size).toBe(total);
    expect((await fetch(`${cluster.url}/health`)).status).toBe(200);
  });
});

describe('two instances sharing their rate limits through Redis', () => {
  let database: TestDatabase;
  let cluster: Cluster;
  const cleanup: (() => Promise<void>)[] = [];
  const limit = 6;

  beforeAll(async () => {
    database = await createPostgresSchema();
    cleanup.unshift(() => database.drop());
    const env = {
      REDIS_URL: process.env.CHATROOM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `chatroom-cluster-${process.pid}-${Date.now()}:`,
      RATE_LIMIT_AUTH_PER_MINUTE: String(limit),
      ...CHEAP_PASSWORD_HASHES,
    };
    cluster = await startCluster({ databaseUrl: database.url, instances: 2, env });
    cleanup.unshift(() => cluster.stop());
  });
  afterAll(async () => {
    for (const step of cleanup) await step();
  });

  it('grants the limit once across the instances, not once per instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * limit; i++) {
      const via = new Api(cluster.instances[i % 2]!.url);
      statuses.push((await via.post('/register', { username: `shared${i}_${process.pid % 1000}`, password: PASSWORD })).status);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(limit);
    expect(statuses.slice(limit)).toEqual(Array(limit).fill(429));
  });
});
