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

    const names = async (since: string) => (await repository.seenSince(since)).map((user) => user.username);
    expect(await names('2026-01-01T00:00:00.000Z')).toEqual([...usernames].sort((a, b) => a.localeCompare(b)));
    expect(await names('2026-01-01T00:01:00.000Z')).toEqual(['user0', 'user1', 'user2', 'user3', 'user4']);
  });

  it('keeps the state a user last reported through later sightings', async () => {
    const repository = new PresenceRepository(db);
    await repository.setState('amy', 'away', '2026-01-01T00:00:00.000Z');
    await repository.touch(['amy', 'bob'], '2026-01-01T00:00:30.000Z');
    expect(await repository.seenSince('2026-01-01T00:00:10.000Z')).toEqual([
      { username: 'amy', state: 'away' },
      { username: 'bob', state: null },
    ]);
  });
});
