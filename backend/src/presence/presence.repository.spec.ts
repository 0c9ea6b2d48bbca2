import { createDatabase, migrateToLatest } from '../storage/database.factory';
import type { Database } from '../storage/schema';
import { PresenceRepository } from './presence.repository';

describe('PresenceRepository', () => {
  let db: Database;

  beforeEach(async () => {
    db = createDatabase({ driver: 'sqlite', file: ':memory:' });
    await migrateToLatest(db, 'sqlite');
  });
  afterEach(() => db.destroy());

  it('writes every user of a large batch, and moves their last sighting forward', async () => {
    const repository = new PresenceRepository(db);
    const usernames = Array.from({ length: 300 }, (_, index) => `user${index}`);
    await repository.touch(usernames, '2026-01-01T00:00:00.000Z');
    await repository.touch(usernames.slice(0, 5), '2026-01-01T00:05:00.000Z');

    const names = async (since: string) => (await repository.seenSince(since, since)).map((user) => user.username);
    expect(await names('2026-01-01T00:00:00.000Z')).toEqual([...usernames].sort((a, b) => a.localeCompare(b)));
    expect(await names('2026-01-01T00:01:00.000Z')).toEqual(['user0', 'user1', 'user2', 'user3', 'user4']);
  });

  it('keeps what each session said through later sightings; a user is away when all their recent sessions say so', async () => {
    const repository = new PresenceRepository(db);
    await repository.setState('amy-laptop', 'amy', 'away', '2026-01-01T00:00:00.000Z', '2025-12-31T23:50:00.000Z');
    await repository.touch(['amy', 'bob'], '2026-01-01T00:00:30.000Z');
    expect(await repository.seenSince('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:00.000Z')).toEqual([
      { username: 'amy', state: 'away' },
      { username: 'bob', state: 'active' },
    ]);

    await repository.setState('amy-phone', 'amy', 'active', '2026-01-01T00:01:00.000Z', '2025-12-31T23:51:00.000Z');
    expect((await repository.seenSince('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:00.000Z'))[0]).toEqual({ username: 'amy', state: 'active' });
    // What the phone said is too old to count once it stopped saying it: the laptop is the one that spoke lately.
    await repository.setState('amy-laptop', 'amy', 'away', '2026-01-01T00:20:00.000Z', '2026-01-01T00:10:00.000Z');
    expect((await repository.seenSince('2026-01-01T00:15:00.000Z', '2026-01-01T00:10:00.000Z'))[0]).toEqual({ username: 'amy', state: 'away' });
    // The phone's stale row went with that report.
    expect(await db.selectFrom('presence_sessions').select('token_hash').execute()).toEqual([{ token_hash: 'amy-laptop' }]);

    await repository.forgetSessions(['amy-laptop']);
    expect((await repository.seenSince('2026-01-01T00:15:00.000Z', '2026-01-01T00:10:00.000Z'))[0]).toEqual({ username: 'amy', state: 'active' });
  });
});
