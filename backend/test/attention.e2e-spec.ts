import type { ChatMessage, Conversation } from '@chatroom/shared';
import { Json, PASSWORD, registerUser, TestUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

/**
 * Issue #10, the server's part of "Attention": notification levels and mutes per conversation and
 * the badge they make, the account's settings, pages centred on a message, and mark as unread.
 */
describe('attention', () => {
  const t = useTestServer();
  const [alice, bob, carol] = t.users('alice', 'bob', 'carol');

  const expectRefused = (response: { status: number; body: Json }, field: string) => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', field, message: expect.any(String) });
  };
  const conversationOf = async (user: TestUser, id: string): Promise<Conversation | undefined> =>
    ((await user.get('/conversations')).body.conversations as Conversation[]).find((c) => c.id === id);
  const setSettings = (user: TestUser, id: string, body: unknown) => user.request('PUT', `/conversations/${id}/settings`, body);
  const secondSession = async (user: TestUser): Promise<TestUser> =>
    Object.assign(user.as((await t.api.post('/login', { username: user.username, password: PASSWORD })).body.token), { username: user.username });
  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

  describe('notification settings per conversation', () => {
    it('lists every conversation at the default level, not muted', async () => {
      await bob.send(alice.username, 'hello');
      expect(await conversationOf(alice, bob.username)).toMatchObject({ notify: 'all', muted_until: null });
    });

    it('stores the settings for every session of the user, and keeps what a request leaves out', async () => {
      const dana = await registerUser(t.api, 'dana');
      const room = (await carol.post('/create_room', { participants: [dana.username] })).body;
      await carol.send(room.room_id, 'welcome');

      const set = await setSettings(dana, room.room_id, { notify: 'mentions', muted_until: '2099-01-01T10:00:00+02:00' });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ notify: 'mentions', muted_until: '2099-01-01T08:00:00.000Z' });

      const laptop = await secondSession(dana);
      expect(await conversationOf(laptop, room.room_id)).toMatchObject({ notify: 'mentions', muted_until: '2099-01-01T08:00:00.000Z', unread: 1 });

      expect((await setSettings(laptop, room.room_id, { muted_until: null })).body).toEqual({ notify: 'mentions', muted_until: null });
      expect((await setSettings(laptop, room.room_id, { notify: 'none' })).body).toEqual({ notify: 'none', muted_until: null });
      expect((await setSettings(laptop, room.room_id, {})).body).toEqual({ notify: 'none', muted_until: null });
      expect(await conversationOf(dana, room.room_id)).toMatchObject({ notify: 'none', muted_until: null });
      // Only hers: the others in the room keep their own.
      expect(await conversationOf(carol, room.room_id)).toMatchObject({ notify: 'all', muted_until: null });
    });

    it('keeps settings and read marker apart: reading keeps the level, setting the level keeps what is unread', async () => {
      const erin = await registerUser(t.api, 'erin');
      const first = await bob.send(erin.username, 'one');
      await bob.send(erin.username, 'two');
      await setSettings(erin, bob.username, { notify: 'none' });
      expect(await conversationOf(erin, bob.username)).toMatchObject({ unread: 2, last_read_id: 0, notify: 'none' });
      await erin.post('/read', { conversation: bob.username, last_read_id: first.id });
      expect(await conversationOf(erin, bob.username)).toMatchObject({ unread: 1, last_read_id: first.id, notify: 'none' });
    });

    it('sets a DM with someone before any message, and refuses conversations the user is not in as other routes do', async () => {
      const fay = await registerUser(t.api, 'fay');
      expect((await setSettings(fay, alice.username, { notify: 'mentions' })).status).toBe(200);
      await alice.send(fay.username, 'first words');
      expect(await conversationOf(fay, alice.username)).toMatchObject({ notify: 'mentions', unread: 1 });

      expect((await setSettings(fay, 'nobody_at_all', { notify: 'none' })).body).toMatchObject({ statusCode: 404, code: 'not_found' });
      const room = (await alice.post('/create_room', { participants: [bob.username] })).body;
      expect((await setSettings(fay, room.room_id, { notify: 'none' })).body).toMatchObject({ statusCode: 403, code: 'not_room_member' });
      expect((await setSettings(fay, 'room_999999', { notify: 'none' })).body).toMatchObject({ statusCode: 403, code: 'not_room_member' });

      await alice.post(`/rooms/${room.room_id}/members`, { username: fay.username });
      expect((await setSettings(fay, room.room_id, { notify: 'none' })).status).toBe(200);
      await fay.post('/leave_room', { room_id: room.room_id });
      expect((await setSettings(fay, room.room_id, { notify: 'all' })).body).toMatchObject({ statusCode: 403, code: 'not_room_member' });
    });

    it('refuses settings it does not know, naming the field, and stores nothing', async () => {
      const before = await conversationOf(alice, bob.username);
      expectRefused(await setSettings(alice, bob.username, { notify: 'loud' }), 'notify');
      expectRefused(await setSettings(alice, bob.username, { notify: null }), 'notify');
      expectRefused(await setSettings(alice, bob.username, { notify: 'none', muted_until: 'tomorrow' }), 'muted_until');
      expectRefused(await setSettings(alice, bob.username, { muted_until: '2099-02-30T00:00:00Z' }), 'muted_until');
      expectRefused(await setSettings(alice, bob.username, { muted_until: '2099-01-01T10:00:00' }), 'muted_until');
      expectRefused(await setSettings(alice, bob.username, { muted_until: 4102444800000 }), 'muted_until');
      expectRefused(await setSettings(alice, bob.username, { notify: 'none', sound: true }), 'sound');
      expect(await conversationOf(alice, bob.username)).toEqual(before);
    });
  });

  describe('the badge', () => {
    /** A room of the reader and a talker: the reader's question, then chatter, a mention and an answer to the question from the talker. */
    async function busyRoom(reader: TestUser, talker: TestUser): Promise<string> {
      const room = (await talker.post('/create_room', { participants: [reader.username] })).body.room_id as string;
      const question = await reader.send(room, 'what time is lunch?');
      await talker.send(room, 'chatter');
      await talker.send(room, `@${reader.username} have a look`);
      await talker.send(room, 'noon', { reply_to: question.id });
      return room;
    }

    it('counts every unread message under all, only mentions and replies under mentions, nothing under none; total stays the raw count', async () => {
      const gus = await registerUser(t.api, 'gus');
      const room = await busyRoom(gus, bob);
      await carol.send(gus.username, 'a DM');
      expect((await gus.get('/unread')).body).toEqual({
        total: 4,
        badge: 4,
        conversations: { [room]: 3, [carol.username]: 1 },
        mentions: { [room]: 2 },
      });

      await setSettings(gus, room, { notify: 'mentions' });
      expect((await gus.get('/unread')).body).toMatchObject({ total: 4, badge: 3, conversations: { [room]: 3 } });

      await setSettings(gus, room, { notify: 'none' });
      expect((await gus.get('/unread')).body).toMatchObject({ total: 4, badge: 1, conversations: { [room]: 3 } });
      // The list still shows the count.
      expect(await conversationOf(gus, room)).toMatchObject({ unread: 3, mentions: 2, notify: 'none' });

      await setSettings(gus, carol.username, { notify: 'mentions' });
      expect((await gus.get('/unread')).body).toMatchObject({ total: 4, badge: 0 });
      await carol.send(gus.username, `@${gus.username} are you there?`);
      expect((await gus.get('/unread')).body).toMatchObject({ total: 5, badge: 1 });
    });

    it('counts nothing from a muted conversation, whatever its level, until the mute ends', async () => {
      const hal = await registerUser(t.api, 'hal');
      const room = await busyRoom(hal, bob);
      await setSettings(hal, room, { notify: 'mentions', muted_until: inFuture(3_600_000) });
      expect((await hal.get('/unread')).body).toMatchObject({ total: 3, badge: 0 });
      await setSettings(hal, room, { notify: 'all' });
      expect((await hal.get('/unread')).body).toMatchObject({ total: 3, badge: 0 });

      // A mute that ended long ago counts as none at all.
      await setSettings(hal, room, { muted_until: '2020-01-01T00:00:00Z' });
      expect((await hal.get('/unread')).body).toMatchObject({ total: 3, badge: 3 });

      // And one that ends while the user waits: the same request counts once the time has passed.
      const until = inFuture(1_500);
      await setSettings(hal, room, { notify: 'mentions', muted_until: until });
      expect((await hal.get('/unread')).body).toMatchObject({ total: 3, badge: 0 });
      const after = await waitFor(
        async () => {
          const body = (await hal.get('/unread')).body;
          return body.badge > 0 && body;
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'the mute to end' },
      );
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
      expect(after).toMatchObject({ total: 3, badge: 2 });
    });

    it('is the same for every session, and follows reading', async () => {
      const ivy = await registerUser(t.api, 'ivy');
      const room = await busyRoom(ivy, carol);
      await setSettings(ivy, room, { notify: 'mentions' });
      const phone = await secondSession(ivy);
      expect((await phone.get('/unread')).body).toMatchObject({ total: 3, badge: 2 });
      const newest = (await ivy.get(`/history?with=${room}`)).body.messages.at(-1) as ChatMessage;
      await phone.post('/read', { conversation: room, last_read_id: newest.id });
      expect((await ivy.get('/unread')).body).toEqual({ total: 0, badge: 0, conversations: {}, mentions: {} });
    });
  });

  describe('account settings', () => {
    it('starts with do-not-disturb off and both sharing switches on', async () => {
      const jo = await registerUser(t.api, 'jo');
      const response = await jo.get('/me/settings');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ dnd_until: null, share_read_receipts: true, share_typing: true });
    });

    it('changes what a request names, keeps the rest, and is the same for every session', async () => {
      const kim = await registerUser(t.api, 'kim');
      const set = await kim.request('PUT', '/me/settings', { dnd_until: '2099-06-01T09:30:00-05:00', share_typing: false });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ dnd_until: '2099-06-01T14:30:00.000Z', share_read_receipts: true, share_typing: false });

      const other = await secondSession(kim);
      expect((await other.get('/me/settings')).body).toEqual(set.body);
      expect((await other.request('PUT', '/me/settings', { share_read_receipts: false })).body).toEqual({
        dnd_until: '2099-06-01T14:30:00.000Z',
        share_read_receipts: false,
        share_typing: false,
      });
      expect((await kim.request('PUT', '/me/settings', { dnd_until: null, share_typing: true })).body).toEqual({
        dnd_until: null,
        share_read_receipts: false,
        share_typing: true,
      });
      expect((await kim.request('PUT', '/me/settings', {})).body).toEqual({ dnd_until: null, share_read_receipts: false, share_typing: true });
      // Someone else's are their own.
      expect((await alice.get('/me/settings')).body).toEqual({ dnd_until: null, share_read_receipts: true, share_typing: true });
    });

    it('refuses values it does not know, naming the field, and stores nothing', async () => {
      const lee = await registerUser(t.api, 'lee');
      expectRefused(await lee.request('PUT', '/me/settings', { dnd_until: 'in an hour' }), 'dnd_until');
      expectRefused(await lee.request('PUT', '/me/settings', { dnd_until: '2099-13-01T00:00:00Z', share_typing: false }), 'dnd_until');
      expectRefused(await lee.request('PUT', '/me/settings', { share_read_receipts: 'false' }), 'share_read_receipts');
      expectRefused(await lee.request('PUT', '/me/settings', { share_typing: null }), 'share_typing');
      expectRefused(await lee.request('PUT', '/me/settings', { share_typing: 0 }), 'share_typing');
      expectRefused(await lee.request('PUT', '/me/settings', { dnd: null }), 'dnd');
      expect((await lee.get('/me/settings')).body).toEqual({ dnd_until: null, share_read_receipts: true, share_typing: true });
    });
  });

  describe('history around a message', () => {
    const max = t.user('max');
    const ids: number[] = [];
    /** A message of another conversation, sent between ids[4] and ids[5]. */
    let foreignId = 0;
    const page = async (user: TestUser, query: string) => {
      const response = await user.get(`/history?${query}`);
      expect(response.status).toBe(200);
      return { ids: (response.body.messages as ChatMessage[]).map((m) => m.id), has_more: response.body.has_more, has_more_after: response.body.has_more_after };
    };

    beforeAll(async () => {
      for (let i = 0; i < 9; i++) {
        ids.push((await (i % 2 ? max : carol).send(i % 2 ? carol.username : max.username, `m${i}`)).id);
        if (i === 4) foreignId = (await alice.send(bob.username, 'elsewhere')).id;
      }
    });

    it('centres the page on the message, with more before and after', async () => {
      expect(await page(carol, `with=${max.username}&around=${ids[4]}&limit=5`)).toEqual({ ids: ids.slice(2, 7), has_more: true, has_more_after: true });
      expect(await page(carol, `with=${max.username}&around=${ids[4]}&limit=4`)).toEqual({ ids: ids.slice(3, 7), has_more: true, has_more_after: true });
      expect(await page(carol, `with=${max.username}&around=${ids[4]}&limit=1`)).toEqual({ ids: [ids[4]], has_more: true, has_more_after: true });
    });

    it('fills the page from the other side near either end', async () => {
      expect(await page(carol, `with=${max.username}&around=${ids[1]}&limit=5`)).toEqual({ ids: ids.slice(0, 5), has_more: false, has_more_after: true });
      expect(await page(carol, `with=${max.username}&around=${ids[8]}&limit=5`)).toEqual({ ids: ids.slice(4), has_more: true, has_more_after: false });
      expect(await page(carol, `with=${max.username}&around=${ids[4]}&limit=50`)).toEqual({ ids, has_more: false, has_more_after: false });
    });

    it('centres on where an id falls when it is no message of the conversation (a read marker + 1)', async () => {
      expect(await page(carol, `with=${max.username}&around=${foreignId}&limit=4`)).toEqual({ ids: ids.slice(4, 8), has_more: true, has_more_after: true });
    });

    it('pages on forward with after, and says on every page whether newer ones remain', async () => {
      expect(await page(carol, `with=${max.username}&after=${ids[5]}&limit=2`)).toEqual({ ids: ids.slice(6, 8), has_more: true, has_more_after: true });
      expect(await page(carol, `with=${max.username}&after=${ids[6]}&limit=2`)).toEqual({ ids: ids.slice(7), has_more: true, has_more_after: false });
      expect(await page(carol, `with=${max.username}&after=0&limit=2`)).toEqual({ ids: ids.slice(0, 2), has_more: false, has_more_after: true });
      expect(await page(carol, `with=${max.username}&before=${ids[3]}&limit=2`)).toEqual({ ids: ids.slice(1, 3), has_more: true, has_more_after: true });
      expect(await page(carol, `with=${max.username}&limit=2`)).toEqual({ ids: ids.slice(7), has_more: true, has_more_after: false });
    });

    it('refuses more than one of before, after and around, naming the second', async () => {
      expectRefused(await carol.get(`/history?with=${max.username}&before=${ids[4]}&around=${ids[3]}`), 'around');
      expectRefused(await carol.get(`/history?with=${max.username}&after=${ids[1]}&around=${ids[3]}`), 'around');
      expectRefused(await carol.get(`/history?with=${max.username}&around=0`), 'around');
      expectRefused(await carol.get(`/history?with=${max.username}&around=abc`), 'around');
    });

    it('shows a room only for the stretches the reader was a member, on both sides', async () => {
      const nia = await registerUser(t.api, 'nia');
      const room = (await bob.post('/create_room', { participants: [nia.username] })).body.room_id as string;
      const firstStay = [(await bob.send(room, 'one')).id, (await bob.send(room, 'two')).id];
      await nia.post('/leave_room', { room_id: room });
      const away = [(await bob.send(room, 'secret a')).id, (await bob.send(room, 'secret b')).id];
      await bob.post(`/rooms/${room}/members`, { username: nia.username });
      const secondStay = [(await bob.send(room, 'three')).id, (await bob.send(room, 'four')).id];

      const messagesAround = async (around: number, limit: number) => {
        const response = await nia.get(`/history?with=${room}&around=${around}&limit=${limit}`);
        const messages = response.body.messages as ChatMessage[];
        expect(messages.some((m) => m.message.startsWith('secret'))).toBe(false);
        return { ids: messages.filter((m) => m.kind === 'message').map((m) => m.id), has_more: response.body.has_more, has_more_after: response.body.has_more_after };
      };
      // Centred on a message she could not see: the page jumps the stretch she was away.
      const centred = await messagesAround(away[0]!, 50);
      expect(centred.ids).toEqual([...firstStay, ...secondStay]);
      expect(centred).toMatchObject({ has_more: false, has_more_after: false });
      const narrow = await messagesAround(secondStay[0]!, 3);
      expect(narrow.has_more).toBe(true);
      // Bob saw it all.
      const full = (await bob.get(`/history?with=${room}&around=${away[0]}&limit=50`)).body.messages as ChatMessage[];
      expect(full.filter((m) => m.kind === 'message').map((m) => m.id)).toEqual([...firstStay, ...away, ...secondStay]);
      // Someone never in it: as /history answers.
      expect((await carol.get(`/history?with=${room}&around=${away[0]}`)).body).toMatchObject({ statusCode: 403, code: 'not_room_member', field: 'with' });
    });
  });

  describe('mark as unread', () => {
    it('moves the marker back so the message and all after it are unread again, for every session', async () => {
      const oli = await registerUser(t.api, 'oli');
      const sent: ChatMessage[] = [];
      for (const text of ['a', `@${oli.username} b`, 'c', 'd']) sent.push(await bob.send(oli.username, text));
      await oli.post('/read', { conversation: bob.username, last_read_id: sent[3]!.id });
      const phone = await secondSession(oli);

      const marked = await oli.post('/unread', { conversation: bob.username, from_id: sent[1]!.id });
      expect(marked.status).toBe(200);
      expect(marked.body).toEqual({ conversation: bob.username, last_read_id: sent[0]!.id, unread: 3, mentions: 1 });
      expect((await phone.get('/unread')).body).toEqual({ total: 3, badge: 3, conversations: { [bob.username]: 3 }, mentions: { [bob.username]: 1 } });
      expect(await conversationOf(phone, bob.username)).toMatchObject({ unread: 3, mentions: 1, last_read_id: sent[0]!.id });

      // Reading moves it forward again.
      expect((await phone.post('/read', { conversation: bob.username, last_read_id: sent[2]!.id })).body).toMatchObject({ last_read_id: sent[2]!.id, unread: 1 });
    });

    it('never moves the marker forward: a message already unread leaves it where it is', async () => {
      const pat = await registerUser(t.api, 'pat');
      const first = await carol.send(pat.username, 'one');
      const second = await carol.send(pat.username, 'two');
      expect((await pat.post('/unread', { conversation: carol.username, from_id: second.id })).body).toEqual({
        conversation: carol.username,
        last_read_id: 0,
        unread: 2,
        mentions: 0,
      });
      await pat.post('/read', { conversation: carol.username, last_read_id: first.id });
      expect((await pat.post('/unread', { conversation: carol.username, from_id: second.id })).body).toEqual({
        conversation: carol.username,
        last_read_id: first.id,
        unread: 1,
        mentions: 0,
      });
      // From the first message on: everything.
      expect((await pat.post('/unread', { conversation: carol.username, from_id: first.id })).body).toMatchObject({ last_read_id: first.id - 1, unread: 2 });
    });

    it('takes only a message of that conversation the user can see', async () => {
      const quinn = await registerUser(t.api, 'quinn');
      const mine = await bob.send(quinn.username, 'to quinn');
      const elsewhere = await bob.send(carol.username, 'to carol');
      await quinn.post('/read', { conversation: bob.username, last_read_id: mine.id });
      const notFound = { statusCode: 404, code: 'not_found', field: 'from_id' };
      expect((await quinn.post('/unread', { conversation: bob.username, from_id: elsewhere.id })).body).toMatchObject(notFound);
      expect((await quinn.post('/unread', { conversation: bob.username, from_id: 9_000_000_000 })).body).toMatchObject(notFound);
      const reaction = await quinn.request('PUT', `/messages/${mine.id}/reactions/${encodeURIComponent('👍')}`);
      expect(reaction.status).toBe(200);
      const reactionId = ((await quinn.messages(mine.id)).messages.find((m) => m.kind === 'reaction') as ChatMessage).id;
      expect((await quinn.post('/unread', { conversation: bob.username, from_id: reactionId })).body).toMatchObject(notFound);

      // In a room: not from before joining, nor from after leaving.
      const room = (await bob.post('/create_room', { participants: [carol.username] })).body.room_id as string;
      const early = await bob.send(room, 'before quinn');
      await bob.post(`/rooms/${room}/members`, { username: quinn.username });
      const seen = await bob.send(room, 'with quinn');
      expect((await quinn.post('/unread', { conversation: room, from_id: early.id })).body).toMatchObject(notFound);
      expect((await quinn.post('/unread', { conversation: room, from_id: seen.id })).status).toBe(200);
      await quinn.post('/leave_room', { room_id: room });
      const late = await bob.send(room, 'after quinn');
      expect((await quinn.post('/unread', { conversation: room, from_id: late.id })).body).toMatchObject(notFound);

      expect((await quinn.post('/unread', { conversation: 'nobody_at_all', from_id: mine.id })).body).toMatchObject({ statusCode: 404, code: 'not_found', field: 'conversation' });
      expect((await carol.post('/unread', { conversation: 'room_999999', from_id: mine.id })).body).toMatchObject({ statusCode: 403, code: 'not_room_member' });
      expectRefused(await quinn.post('/unread', { conversation: bob.username, from_id: 0 }), 'from_id');
      expectRefused(await quinn.post('/unread', { conversation: bob.username, from_id: '5' }), 'from_id');
      expectRefused(await quinn.post('/unread', { conversation: bob.username }), 'from_id');
      expect(await conversationOf(quinn, bob.username)).toMatchObject({ last_read_id: mine.id, unread: 0 });
    });
  });
});
