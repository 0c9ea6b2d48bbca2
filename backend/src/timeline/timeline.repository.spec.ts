import type { AppConfig } from '../config/app-config';
import { createDatabase, migrateToLatest } from '../storage/database.factory';
import type { Database } from '../storage/schema';
import { TimelineRepository } from './timeline.repository';

const at = '2026-01-01T00:00:00.000Z';

describe('TimelineRepository.countUnread', () => {
  let db: Database;
  let timeline: TimelineRepository;
  let nextId = 0;

  beforeEach(async () => {
    db = createDatabase({ driver: 'sqlite', file: ':memory:' });
    await migrateToLatest(db, 'sqlite');
    timeline = new TimelineRepository(db, { database: { driver: 'sqlite', file: ':memory:' } } as AppConfig);
    nextId = 0;
  });
  afterEach(() => db.destroy());

  /** Stores `count` entries of `kind` by `sender` in `conversation`, mentioning `mentioned` when given. */
  async function store(conversation: string, sender: string, count: number, options: { kind?: string; mentioned?: string } = {}): Promise<void> {
    for (let n = 0; n < count; n++) {
      const id = ++nextId;
      await db
        .insertInto('messages')
        .values({ id, kind: options.kind ?? 'message', sender, recipient: conversation, conversation, body: `entry ${id}`, client_id: null, created_at: at })
        .execute();
      if (options.mentioned) await db.insertInto('mentions').values({ username: options.mentioned, conversation, entry_id: id }).execute();
    }
  }

  it('counts exactly up to the cap, whether few or many entries follow the marker, and stops there', async () => {
    await store('room_1', 'bob', 2);
    await store('room_2', 'bob', 5);
    // More entries than the cap, but fewer unread messages: the reader's own and reactions do not count.
    await store('room_3', 'amy', 3);
    await store('room_3', 'bob', 1, { kind: 'reaction' });
    await store('room_3', 'bob', 2);
    await store('room_4', 'bob', 5, { mentioned: 'amy' });
    await store('room_5', 'bob', 1);

    const counts = await timeline.countUnread(
      'amy',
      ['room_1', 'room_2', 'room_3', 'room_4', 'room_5'].map((conversation) => ({ conversation, afterId: 0 })),
      3,
    );
    expect(Object.fromEntries(counts)).toEqual({
      room_1: { messages: 2, mentions: 0 },
      room_2: { messages: 3, mentions: 0 },
      room_3: { messages: 2, mentions: 0 },
      room_4: { messages: 3, mentions: 3 },
      room_5: { messages: 1, mentions: 0 },
    });
  });

  it('counts after each marker, and leaves out conversations with nothing unread', async () => {
    await store('room_1', 'bob', 4);
    await store('room_2', 'bob', 1);
    const counts = await timeline.countUnread(
      'amy',
      [
        { conversation: 'room_1', afterId: 2 },
        { conversation: 'room_2', afterId: 5 },
      ],
      1000,
    );
    expect(Object.fromEntries(counts)).toEqual({ room_1: { messages: 2, mentions: 0 } });
  });
});
