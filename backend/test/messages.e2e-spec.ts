import type { ChatMessage } from '@chatroom/shared';
import { registerUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

describe('direct messages, polling and history', () => {
  const t = useTestServer();
  const [alice, bob, carol] = t.users('alice', 'bob', 'carol');

  it('delivers a DM to its recipient and its sender, and to nobody else', async () => {
    const text = 'héllo 👋 مرحبا\nsecond line\t  ';
    const sent = await alice.post('/send', { recipient: bob.username, message: text });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ id: expect.any(Number), kind: 'message', sender: alice.username, recipient: bob.username, message: text });
    expect(new Date(sent.body.timestamp).toISOString()).toBe(sent.body.timestamp);

    const forBob = await bob.messages(sent.body.id - 1);
    expect(forBob.messages).toEqual([sent.body]);
    expect(forBob.last_id).toBe(sent.body.id);
    expect((await alice.messages(sent.body.id - 1)).messages).toEqual([sent.body]);
    expect((await carol.messages(0)).messages.filter((m) => m.kind === 'message')).toEqual([]);
  });

  it('accepts the recipient in any case, stores the registered spelling', async () => {
    const sent = await alice.send(bob.username.toUpperCase(), 'case');
    expect(sent.recipient).toBe(bob.username);
  });

  it('accepts the old API fields naming the caller, and refuses them naming someone else', async () => {
    expect((await alice.post('/send', { sender: alice.username, recipient: bob.username, message: 'old client' })).status).toBe(201);
    const forged = await alice.post('/send', { sender: bob.username, recipient: carol.username, message: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.body.field).toBe('sender');
    expect((await alice.get(`/messages?last_id=0&username=${alice.username}`)).status).toBe(200);
    expect((await alice.get(`/messages?last_id=0&username=${bob.username}`)).status).toBe(403);
  });

  it('makes retries with the same client_id safe', async () => {
    const first = await alice.post('/send', { recipient: bob.username, message: 'once', client_id: 'retry-1' });
    expect(first.status).toBe(201);
    const retries = await Promise.all(
      [1, 2, 3].map(() => alice.post('/send', { recipient: bob.username, message: 'once', client_id: 'retry-1' })),
    );
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    }
    const seen = (await bob.messages(first.body.id - 1)).messages.filter((m) => m.client_id === 'retry-1');
    expect(seen).toHaveLength(1);
    // Another sender may use the same client id.
    expect((await carol.post('/send', { recipient: bob.username, message: 'mine', client_id: 'retry-1' })).status).toBe(201);
  });

  it('stores nothing for concurrent first sends racing with one client_id but one message', async () => {
    const before = (await bob.messages(0, '&limit=1000')).last_id;
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => alice.post('/send', { recipient: bob.username, message: 'race', client_id: 'race-1' })),
    );
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await bob.messages(before)).messages.filter((m) => m.client_id === 'race-1')).toHaveLength(1);

    // The losers were rolled back: the id numbering has no hole that would hold up later wake-ups.
    const { last_id } = await bob.messages(0, '&limit=1000');
    const waiting = bob.messages(last_id, '&timeout=10');
    await waitFor(async () => (await bob.waitingPolls()) >= 1, { what: 'the poll to wait' });
    const next = await alice.send(bob.username, 'after the race');
    expect((await waiting).messages.map((m) => m.id)).toEqual([next.id]);
    expect(next.id).toBe(last_id + 1);
  });

  describe('long-polling', () => {
    it('answers a waiting poll as soon as a message for the poller is committed', async () => {
      const { last_id } = await bob.messages(0, '&limit=1000');
      const started = Date.now();
      const waiting = bob.messages(last_id, '&timeout=10');
      // The poll must be waiting on the server; a message to someone else must not answer it.
      await waitFor(async () => (await bob.waitingPolls()) >= 1, { what: 'the poll to wait' });
      await alice.send(carol.username, 'not for bob');
      const sent = await alice.send(bob.username, 'wake up');
      const answer = await waiting;
      const elapsed = Date.now() - started;
      expect(answer.messages.map((m) => m.id)).toEqual([sent.id]);
      expect(answer.last_id).toBe(sent.id);
      expect(elapsed).toBeLessThan(5000);
    });

    it('answers with nothing and the same last_id at the timeout', async () => {
      const { last_id } = await carol.messages(0, '&limit=1000');
      const started = Date.now();
      const answer = await carol.messages(last_id, '&timeout=1');
      expect(answer).toEqual({ messages: [], last_id });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('answers at once when something newer is already there', async () => {
      const sent = await alice.send(carol.username, 'already here');
      const started = Date.now();
      const answer = await carol.messages(sent.id - 1, '&timeout=20');
      expect(answer.messages.map((m) => m.id)).toEqual([sent.id]);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('pages with limit, oldest first, never skipping', async () => {
      const { last_id } = await bob.messages(0, '&limit=1000');
      const sent: number[] = [];
      for (let i = 0; i < 7; i++) sent.push((await alice.send(bob.username, `page ${i}`)).id);
      const seen: number[] = [];
      let cursor = last_id;
      for (;;) {
        const page = await bob.messages(cursor, '&limit=3');
        if (page.messages.length === 0) break;
        expect(page.messages.length).toBeLessThanOrEqual(3);
        seen.push(...page.messages.map((m) => m.id));
        cursor = page.last_id;
      }
      expect(seen).toEqual(sent);
    });
  });

  describe('ordering under concurrency', () => {
    it('gives every poller every message exactly once, in id order, with many concurrent senders', async () => {
      const senders = await Promise.all(Array.from({ length: 8 }, () => registerUser(t.api, 'sender')));
      const readers = await Promise.all(Array.from({ length: 3 }, () => registerUser(t.api, 'reader')));
      const perSender = 25;
      const expected = new Map<string, number[]>(readers.map((r) => [r.username, []]));

      let sending = true;
      const pollers = readers.map(async (reader) => {
        const seen: ChatMessage[] = [];
        let cursor = 0;
        while (sending || seen.length < senders.length * perSender) {
          const page = await reader.messages(cursor, '&timeout=2&limit=7');
          seen.push(...page.messages);
          cursor = page.last_id;
          if (!sending && page.messages.length === 0) break;
        }
        return seen;
      });

      await Promise.all(
        senders.map(async (sender, s) => {
          for (let i = 0; i < perSender; i++) {
            const reader = readers[(s + i) % readers.length]!;
            const message = await sender.send(reader.username, `${s}:${i}`);
            expected.get(reader.username)!.push(message.id);
          }
        }),
      );
      sending = false;
      const results = await Promise.all(pollers);

      results.forEach((seen, index) => {
        const ids = seen.map((m) => m.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual([...expected.get(readers[index]!.username)!].sort((a, b) => a - b));
      });
    });
  });

  describe('history', () => {
    it('pages back through one conversation, oldest first within a page', async () => {
      const dave = await registerUser(t.api, 'dave');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await (i % 2 ? dave : alice).send(i % 2 ? alice.username : dave.username, `h${i}`)).id);
      await alice.send(bob.username, 'other conversation');

      const newest = await alice.get(`/history?with=${dave.username}&limit=2`);
      expect(newest.status).toBe(200);
      expect(newest.body.messages.map((m: ChatMessage) => m.id)).toEqual(ids.slice(3));
      expect(newest.body.has_more).toBe(true);
      const older = await dave.get(`/history?with=${alice.username}&before=${ids[3]}&limit=10`);
      expect(older.body.messages.map((m: ChatMessage) => m.id)).toEqual(ids.slice(0, 3));
      expect(older.body.has_more).toBe(false);
    });

    it("never shows someone else's DMs", async () => {
      const response = await carol.get(`/history?with=${bob.username}`);
      expect(response.status).toBe(200);
      expect(response.body.messages.every((m: ChatMessage) => [m.sender, m.recipient].includes(carol.username))).toBe(true);
    });
  });

  it('answers a send without a declared length (chunked) the same way', async () => {
    const { request } = await import('node:http');
    const answer = await new Promise<{ status: number; body: ChatMessage }>((resolve, reject) => {
      const req = request(`${t.server.url}/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      });
      req.once('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.once('error', reject);
      req.write(JSON.stringify({ recipient: bob.username, message: 'chunked' }));
      req.end();
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ sender: alice.username, recipient: bob.username, message: 'chunked' });
  });

  describe('bad input', () => {
    it.each([
      ['missing recipient', { message: 'x' }, 'recipient'],
      ['missing message', { recipient: 'someone' }, 'message'],
      ['empty message', { recipient: 'someone', message: '' }, 'message'],
      ['whitespace-only message', { recipient: 'someone', message: ' \n\t ' }, 'message'],
      ['4001-character message', { recipient: 'someone', message: 'x'.repeat(4001) }, 'message'],
      ['message of the wrong type', { recipient: 'someone', message: 12 }, 'message'],
      ['recipient of the wrong type', { recipient: ['a'], message: 'x' }, 'recipient'],
      ['unknown field', { recipient: 'someone', message: 'x', priority: 'high' }, 'priority'],
      ['client_id over 64 characters', { recipient: 'someone', message: 'x', client_id: 'c'.repeat(65) }, 'client_id'],
    ])('rejects %s with 400 naming the field, storing nothing', async (_case, body, field) => {
      const before = (await alice.messages(0, '&limit=1000')).last_id;
      const response = await alice.post('/send', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', field, message: expect.any(String) });
      expect((await alice.messages(before)).messages).toEqual([]);
    });

    it('accepts exactly 4000 characters', async () => {
      expect((await alice.post('/send', { recipient: bob.username, message: 'y'.repeat(4000) })).status).toBe(201);
    });

    it('rejects invalid JSON and bodies over 64 KiB', async () => {
      const invalid = await alice.request('POST', '/send', undefined, { raw: '{"recipient": "bob", ' });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ code: 'invalid_json', field: 'body' });
      const huge = await alice.request('POST', '/send', undefined, { raw: JSON.stringify({ recipient: bob.username, message: 'z'.repeat(70_000) }) });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ code: 'payload_too_large' });
    });

    it('answers 404 for an unknown recipient', async () => {
      const response = await alice.post('/send', { recipient: 'nobody_here', message: 'x' });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'unknown_recipient', field: 'recipient' });
      expect((await alice.post('/send', { recipient: 'room_99999', message: 'x' })).status).toBe(404);
    });

    it.each([
      ['last_id=-1', 'last_id'],
      ['last_id=abc', 'last_id'],
      ['last_id=1.5', 'last_id'],
      ['last_id=0&timeout=31', 'timeout'],
      ['last_id=0&timeout=-1', 'timeout'],
      ['last_id=0&limit=0', 'limit'],
      ['last_id=0&limit=1001', 'limit'],
      ['last_id=0&limit=many', 'limit'],
      ['last_id=0&colour=blue', 'colour'],
    ])('rejects /messages?%s naming %s', async (query, field) => {
      const response = await alice.get(`/messages?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });

    it.each([
      ['', 'with'],
      ['with=x&before=0', 'before'],
      ['with=x&limit=0', 'limit'],
    ])('rejects /history?%s naming %s', async (query, field) => {
      const response = await alice.get(`/history?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });
  });
});
