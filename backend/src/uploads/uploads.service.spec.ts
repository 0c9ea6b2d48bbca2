import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import type { ServerLifecycle } from '../http/server-lifecycle';
import type { MessageAccess } from '../messages/message-access';
import type { TimelineService } from '../timeline/timeline.service';
import type { FileStore } from './file-store';
import type { UploadRow, UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

const MAX = 100;
const QUOTA = 250;

/** Uploads kept in memory, and the bytes stored. */
function world() {
  const rows = new Map<string, UploadRow>();
  const stored = new Map<string, Buffer>();
  const repository = {
    begin: (id: string, owner: string, name: string, createdAt: string) => {
      rows.set(id, { id, owner, name, size: 0, mime: '', width: null, height: null, created_at: createdAt, completed_at: null, message_id: null });
      return Promise.resolve();
    },
    usedBy: (owner: string) => Promise.resolve([...rows.values()].filter((row) => row.owner === owner && row.completed_at !== null).reduce((sum, row) => sum + row.size, 0)),
    complete: async (id: string, owner: string, file: { size: number; mime: string }, quota: number, at: string) => {
      if ((await repository.usedBy(owner)) + file.size > quota) return false;
      Object.assign(rows.get(id)!, { ...file, completed_at: at });
      return true;
    },
    remove: (id: string) => Promise.resolve(void rows.delete(id)),
    findMany: (ids: string[]) => Promise.resolve(ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : []))),
    attach: (ids: string[], messageId: number) =>
      Promise.resolve(
        ids.filter((id) => {
          const row = rows.get(id);
          if (!row || row.message_id !== null) return false;
          row.message_id = messageId;
          return true;
        }).length,
      ),
  };
  const store: FileStore = {
    put: async (key, source) => {
      const parts: Buffer[] = [];
      for await (const part of source) parts.push(part as Buffer);
      stored.set(key, Buffer.concat(parts));
    },
    read: () => Readable.from([]),
    remove: (key) => Promise.resolve(void stored.delete(key)),
  };
  const config = { uploads: { maxBytes: MAX, quotaBytesPerUser: QUOTA, dir: '/unused' } } as AppConfig;
  const lifecycle = { assertAccepting: () => undefined } as unknown as ServerLifecycle;
  const service = new UploadsService(
    config,
    store,
    () => Promise.resolve({ mime: 'text/test' }),
    repository as unknown as UploadsRepository,
    {} as TimelineService,
    {} as MessageAccess,
    lifecycle,
  );
  return { service, rows, stored };
}

/** A request whose body is `parts`, with these headers. */
function request(headers: Record<string, string>, parts: Buffer[]): IncomingMessage {
  const body = Object.assign(new PassThrough(), { headers, complete: false });
  body.on('end', () => (body.complete = true));
  for (const part of parts) body.write(part);
  body.end();
  return body as unknown as IncomingMessage;
}

const upload = (service: UploadsService, headers: Record<string, string>, parts: Buffer[], goAhead: () => void = () => undefined) =>
  service.receive('alice', request({ 'x-filename': 'f.txt', ...headers }, parts), goAhead);

describe('UploadsService', () => {
  it('stores a file and answers with what it is', async () => {
    const { service, rows, stored } = world();
    const answer = await upload(service, { 'content-length': '5' }, [Buffer.from('hello')]);
    expect(answer).toEqual({ upload_id: expect.any(String), name: 'f.txt', size: 5, mime: 'text/test' });
    expect(stored.get(answer.upload_id)?.toString()).toBe('hello');
    expect(rows.get(answer.upload_id)?.completed_at).not.toBeNull();
  });

  it('refuses a Content-Length over the limit or the quota before reading or recording anything', async () => {
    const { service, rows } = world();
    let readers = 0;
    await expect(upload(service, { 'content-length': String(MAX + 1) }, [], () => readers++)).rejects.toMatchObject({ code: 'payload_too_large' });
    await upload(service, {}, [Buffer.alloc(MAX)]);
    await upload(service, {}, [Buffer.alloc(MAX)]);
    await expect(upload(service, { 'content-length': '60' }, [], () => readers++)).rejects.toThrow(/quota \(50 of 250 bytes\)/);
    expect([readers, rows.size]).toEqual([0, 2]);
  });

  it('refuses a body that grows past the limit or the quota, and keeps nothing of it', async () => {
    const { service, rows, stored } = world();
    await expect(upload(service, {}, [Buffer.alloc(60), Buffer.alloc(60)])).rejects.toThrow(/larger than this server takes \(100 bytes\)/);
    await upload(service, {}, [Buffer.alloc(100)]);
    await upload(service, {}, [Buffer.alloc(100)]);
    await expect(upload(service, {}, [Buffer.alloc(40), Buffer.alloc(40)])).rejects.toThrow(/quota/);
    expect([rows.size, stored.size]).toEqual([2, 2]);
  });

  it('refuses a compressed body', async () => {
    const { service, rows } = world();
    await expect(upload(service, { 'content-encoding': 'gzip' }, [])).rejects.toMatchObject({ code: 'unsupported_media_type' });
    expect(rows.size).toBe(0);
  });

  it("claims only the sender's complete, unsent uploads, in the order given, each once", async () => {
    const { service, rows } = world();
    const first = await upload(service, {}, [Buffer.from('a')]);
    const second = await upload(service, {}, [Buffer.from('bb')]);
    const trx = {} as never;
    expect((await service.claim('alice', [second.upload_id, first.upload_id], trx)).map((file) => file.size)).toEqual([2, 1]);
    await expect(service.claim('bob', [first.upload_id], trx)).rejects.toMatchObject({ code: 'not_found', response: { field: 'attachments' } });
    await expect(service.claim('alice', ['AAAAAAAAAAAAAAAAAAAAAA'], trx)).rejects.toMatchObject({ code: 'not_found' });
    await service.attach([first.upload_id], 7, trx);
    await expect(service.claim('alice', [first.upload_id], trx)).rejects.toMatchObject({ code: 'validation_failed' });
    // Another send took it between the claim and the attach.
    await expect(service.attach([first.upload_id, second.upload_id], 8, trx)).rejects.toThrow(/sent already/);
    expect(rows.get(first.upload_id)?.message_id).toBe(7);
  });
});
