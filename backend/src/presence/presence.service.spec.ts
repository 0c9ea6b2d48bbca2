import { Logger } from '@nestjs/common';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';

/** Records what would be written; `failing` makes the database refuse. */
class RecordingRepository {
  writes: string[][] = [];
  attempts = 0;
  failing = false;

  touch(usernames: string[]): Promise<void> {
    this.attempts++;
    if (this.failing) return Promise.reject(new Error('connection refused'));
    this.writes.push([...usernames].sort());
    return Promise.resolve();
  }

  seenSince(): Promise<string[]> {
    return Promise.resolve([...new Set(this.writes.flat())].sort());
  }
}

describe('PresenceService', () => {
  let repository: RecordingRepository;
  let presence: PresenceService;

  beforeEach(() => {
    jest.useFakeTimers();
    repository = new RecordingRepository();
    presence = new PresenceService(repository as unknown as PresenceRepository);
    presence.onModuleInit();
  });

  afterEach(async () => {
    await presence.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('writes a user coming online at once, so other instances list them without waiting for a batch', async () => {
    presence.seen('amy');
    presence.pollOpened('bob');
    await jest.advanceTimersByTimeAsync(0);
    expect(repository.writes).toEqual([['amy', 'bob']]);
  });

  it('writes users who stay active once per batch, not once per request', async () => {
    presence.seen('amy');
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 50; i++) presence.seen('amy');
    await jest.advanceTimersByTimeAsync(0);
    expect(repository.writes).toEqual([['amy']]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(repository.writes).toEqual([['amy'], ['amy']]);
  });

  it('keeps a user with an open long-poll online by rewriting them in every batch', async () => {
    presence.pollOpened('amy');
    await jest.advanceTimersByTimeAsync(30_000);
    expect(repository.writes.filter((users) => users.includes('amy')).length).toBeGreaterThanOrEqual(4);
    presence.pollClosed('amy');
    const writes = repository.writes.length;
    await jest.advanceTimersByTimeAsync(30_000);
    expect(repository.writes.length).toBe(writes);
  });

  it('survives a database that is away, and writes what it missed once it is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    repository.failing = true;
    presence.seen('amy');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(repository.writes).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    // Requests go on meanwhile: the database is tried again with the batch, not once per request.
    const attempts = repository.attempts;
    for (let i = 0; i < 20; i++) {
      presence.seen('amy');
      await jest.advanceTimersByTimeAsync(100);
    }
    expect(repository.attempts).toBe(attempts);
    repository.failing = false;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(repository.writes).toEqual([['amy']]);
  });
});
