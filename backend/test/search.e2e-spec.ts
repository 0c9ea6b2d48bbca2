import type { SearchResponse } from '@chatroom/shared';
import { TestUser } from './support/api';
import { waitFor } from './support/server';
import { useTestServer } from './support/use-test-server';

/**
 * GET /search (issue #11): full-text search over what each user may read through /history, on each
 * database's own full-text engine, kept in step with edits and deletes.
 */

let sentinels = 0;

/**
 * Searches once the index has caught up with everything sent before: the indexer follows the
 * timeline in id order, so a note the user then sends to themselves is found last.
 */
async function search(user: TestUser, query: Record<string, string | number>): Promise<SearchResponse> {
  const sentinel = `sentinel${++sentinels}z`;
  await user.send(user.username, sentinel);
  await waitFor(async () => (await get(user, { q: sentinel })).results.length === 1, { what: `${sentinel} searchable` });
  return get(user, query);
}

async function get(user: TestUser, query: Record<string, string | number>): Promise<SearchResponse> {
  const response = await user.get(`/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`);
  expect(response.status).toBe(200);
  return response.body as SearchResponse;
}

/** The texts found for `q`, newest first. */
const texts = async (user: TestUser, q: string, extra: Record<string, string | number> = {}): Promise<string[]> =>
  (await search(user, { q, ...extra })).results.map((result) => result.message.message);

describe('search', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'search_boss' } });
  const [alice, bob, carol, stranger] = t.users('s_alice', 's_bob', 's_carol', 's_stranger');
  const boss = t.user('search_boss', { exactName: true });

  it('finds a DM for both of its users, and for nobody else', async () => {
    await alice.send(bob.username, 'The quarterly giraffe report is ready');
    expect(await texts(alice, 'giraffe')).toEqual(['The quarterly giraffe report is ready']);
    const found = await search(bob, { q: 'giraffe' });
    expect(found.results).toEqual([
      {
        message: expect.objectContaining({ sender: alice.username, message: 'The quarterly giraffe report is ready', deleted: false, edited_at: null }),
        conversation: { id: alice.username, type: 'dm', name: alice.username },
      },
    ]);
    expect(await texts(stranger, 'giraffe')).toEqual([]);
    expect(await texts(carol, 'giraffe')).toEqual([]);
  });

  it('matches regardless of case and accents, by prefix with *, and phrases in quotes', async () => {
    await alice.send(bob.username, 'Rendez-vous au Café Überfluß à midi');
    await alice.send(bob.username, 'midi chlorians are not a thing');
    expect(await texts(bob, 'cafe UBERFLUSS')).toEqual(['Rendez-vous au Café Überfluß à midi']);
    expect(await texts(bob, 'CAFÉ')).toEqual(['Rendez-vous au Café Überfluß à midi']);
    expect(await texts(bob, 'rendez*')).toEqual(['Rendez-vous au Café Überfluß à midi']);
    expect(await texts(bob, 'rende')).toEqual([]);
    expect(await texts(bob, 'midi')).toEqual(['midi chlorians are not a thing', 'Rendez-vous au Café Überfluß à midi']);
    expect(await texts(bob, '"a midi"')).toEqual(['Rendez-vous au Café Überfluß à midi']);
    expect(await texts(bob, '"midi a"')).toEqual([]);
    expect(await texts(bob, 'midi thing')).toEqual(['midi chlorians are not a thing']);
  });

  it('matches by a long prefix every word it starts, and by one that starts more words than it expands to', async () => {
    await alice.send(bob.username, 'the platypus swims');
    await alice.send(bob.username, 'Platypuses lay eggs');
    await alice.send(bob.username, 'platypodes, say the pedants');
    expect(await texts(bob, 'platyp*')).toEqual(['platypodes, say the pedants', 'Platypuses lay eggs', 'the platypus swims']);
    expect(await texts(bob, 'platypu*')).toEqual(['Platypuses lay eggs', 'the platypus swims']);
    expect(await texts(bob, 'platypusx*')).toEqual([]);
    expect(await texts(bob, '"the platyp"*')).toEqual(['the platypus swims']);

    // More words than a prefix is expanded to (50): all still match, newest first.
    const many = Array.from({ length: 60 }, (_, n) => `hedgehog${n}`);
    for (let start = 0; start < many.length; start += 20) await alice.send(bob.username, many.slice(start, start + 20).join(' '));
    await alice.send(bob.username, 'hedgehogs at night');
    expect(await texts(bob, 'hedgeh*', { limit: 3 })).toEqual(['hedgehogs at night', many.slice(40).join(' '), many.slice(20, 40).join(' ')]);
    expect(await texts(bob, 'hedgehog5*')).toEqual([many.slice(40).join(' '), many.slice(0, 20).join(' ')]);
  });

  it('matches a long prefix against the current text only, never a deleted message', async () => {
    const edited = await alice.send(bob.username, 'a manatee was here');
    const deleted = await alice.send(bob.username, 'manatees everywhere');
    expect(await texts(bob, 'manate*')).toEqual(['manatees everywhere', 'a manatee was here']);
    expect((await alice.request('PATCH', `/messages/${edited.id}`, { message: 'a dugong was here' })).status).toBe(200);
    expect((await alice.request('DELETE', `/messages/${deleted.id}`)).status).toBe(200);
    expect(await texts(bob, 'manate*')).toEqual([]);
    expect(await texts(bob, 'dugon*')).toEqual(['a dugong was here']);
  });

  it('keeps up with edits and deletes: the current text only, never a deleted message', async () => {
    const sent = await alice.send(bob.username, 'first draft mentions a walrus');
    expect(await texts(bob, 'walrus')).toEqual(['first draft mentions a walrus']);
    expect((await alice.request('PATCH', `/messages/${sent.id}`, { message: 'second draft mentions a narwhal' })).status).toBe(200);
    expect(await texts(bob, 'walrus')).toEqual([]);
    const edited = await search(bob, { q: 'narwhal' });
    expect(edited.results.map((r) => [r.message.id, r.message.message, r.message.edited_at !== null])).toEqual([[sent.id, 'second draft mentions a narwhal', true]]);
    expect((await alice.request('DELETE', `/messages/${sent.id}`)).status).toBe(200);
    expect(await texts(bob, 'narwhal')).toEqual([]);
    expect(await texts(alice, 'draft')).toEqual([]);
  });

  it('finds room messages only within the stretches a user was a member, rooms left included', async () => {
    const created = await alice.post('/create_room', { participants: [bob.username, carol.username], name: 'Zoo keepers' });
    const roomId: string = created.body.room_id;
    await alice.send(roomId, 'the otter enclosure needs water');
    expect((await carol.post('/leave_room', { room_id: roomId })).status).toBe(200);
    await alice.send(roomId, 'the otter ate the fish after carol left');

    const forBob = await search(bob, { q: 'otter' });
    expect(forBob.results.map((r) => r.message.message)).toEqual(['the otter ate the fish after carol left', 'the otter enclosure needs water']);
    expect(forBob.results[0]?.conversation).toEqual({ id: roomId, type: 'room', name: 'Zoo keepers' });
    expect(await texts(carol, 'otter')).toEqual(['the otter enclosure needs water']);
    expect(await texts(stranger, 'otter')).toEqual([]);
    expect(await texts(carol, 'otter', { with: roomId })).toEqual(['the otter enclosure needs water']);
    const notMember = await stranger.get(`/search?q=otter&with=${roomId}`);
    expect(notMember.status).toBe(403);
    expect(notMember.body).toMatchObject({ code: 'not_room_member', field: 'with' });
  });

  it('does not match, in a room someone left, the words of an edit made after they left', async () => {
    const created = await alice.post('/create_room', { participants: [bob.username, carol.username], name: 'Aviary' });
    const roomId: string = created.body.room_id;
    const sent = await alice.send(roomId, 'the heron nests by the pond');
    expect((await carol.post('/leave_room', { room_id: roomId })).status).toBe(200);
    expect((await alice.request('PATCH', `/messages/${sent.id}`, { message: 'the heron flew off to the kingfisher' })).status).toBe(200);

    expect(await texts(bob, 'kingfisher')).toEqual(['the heron flew off to the kingfisher']);
    expect(await texts(carol, 'kingfisher')).toEqual([]);
    expect(await texts(carol, 'kingfisher', { with: roomId })).toEqual([]);
  });

  it('narrows to one conversation or one sender, and pages with next_before', async () => {
    for (let i = 1; i <= 5; i++) await bob.send(alice.username, `pelican number ${i}`);
    await carol.send(alice.username, 'a pelican from carol');
    expect(await texts(alice, 'pelican', { with: carol.username })).toEqual(['a pelican from carol']);
    expect(await texts(alice, 'pelican', { from: bob.username.toUpperCase() })).toHaveLength(5);

    const first = await search(alice, { q: 'pelican', limit: 4 });
    expect(first.results.map((r) => r.message.message)).toEqual(['a pelican from carol', 'pelican number 5', 'pelican number 4', 'pelican number 3']);
    expect(first.next_before).toBe(first.results[3]?.message.id);
    const second = await search(alice, { q: 'pelican', limit: 4, before: first.next_before ?? 0 });
    expect(second.results.map((r) => r.message.message)).toEqual(['pelican number 2', 'pelican number 1']);
    expect(second.next_before).toBeNull();

    const unknown = await alice.get('/search?q=pelican&from=nobody_here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ field: 'from' });
  });

  it('finds announcements for everyone', async () => {
    expect((await boss.post('/announcement', { text: 'Scheduled maintenance of the flamingo cluster' })).status).toBe(201);
    const found = await search(stranger, { q: 'flamingo' });
    expect(found.results).toEqual([
      { message: expect.objectContaining({ kind: 'announcement', message: 'Scheduled maintenance of the flamingo cluster' }), conversation: { id: '*', type: 'announcement', name: 'Announcements' } },
    ]);
  });

  it('refuses queries with nothing to look for, naming the field, and takes operators as plain text', async () => {
    for (const q of ['', '*', '""', '" * "', '-()', '%', '\\']) {
      const response = await alice.get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'q' });
    }
    expect((await alice.get('/search')).body).toMatchObject({ code: 'validation_failed', field: 'q' });
    await alice.send(bob.username, 'NEAR(x y) OR title:secret AND NOT "quoted"');
    for (const q of ['NEAR(x y)', 'title:secret', 'OR AND NOT', "it's", 'xy:* | y & !z', "'quoted'"]) {
      const response = await alice.get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
    }
    expect(await texts(alice, 'title:secret')).toEqual(['NEAR(x y) OR title:secret AND NOT "quoted"']);
  });

  it('refuses, naming q, more than 8 terms and a prefix of fewer than 2 letters', async () => {
    await alice.send(bob.username, 'one two three four five six seven eight nine');
    expect(await texts(alice, 'one two three four five six seven eight')).toEqual(['one two three four five six seven eight nine']);
    expect(await texts(alice, '"one two three four five six seven eight nine"')).toEqual(['one two three four five six seven eight nine']);
    expect(await texts(alice, 'on* tw*')).toEqual(['one two three four five six seven eight nine']);
    for (const q of ['one two three four five six seven eight nine', 'o*', 'one t*', '"eight n"*']) {
      const response = await alice.get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', field: 'q' });
    }
  });
});
