import type { Attachment, ChatMessage, SearchResponse, UploadResponse } from '@chatroom/shared';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { Json, TestUser } from './support/api';
import { usingPostgres, withDatabase } from './support/database';
import { openRawConnection, parseRawAnswer } from './support/raw-http';
import { waitFor } from './support/server';
import { TestServerFixture, useTestServer } from './support/use-test-server';

/**
 * Attachments (issue #11): POST /uploads streams a file to storage (UPLOAD_DIR on SQLite,
 * PostgreSQL's own rows on PostgreSQL), /send carries uploads, and GET /uploads/{id}/{name} serves
 * them to whoever can see the message, and nobody else.
 */

/** A real PNG of `width` x `height` red pixels. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([255, 0, 0]))])));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A 1x1 GIF that says it is 7 x 5. */
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([7, 0, 5, 0, 0x80, 0, 0]), Buffer.alloc(6), Buffer.from('2c000000000100010000020144003b', 'hex')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

/** The server's own view of what uploads left: rows, and stored bytes (files in UPLOAD_DIR, or chunks in PostgreSQL). */
/** The ids of the upload rows, and (SQLite) the names in the upload directory. */
async function uploadsPresent(t: TestServerFixture): Promise<{ rows: Set<string>; files: Set<string> }> {
  return withDatabase(t.server.databaseUrl, async (db) => ({
    rows: new Set((await db.selectFrom('uploads').select('id').execute()).map((row) => row.id)),
    files: new Set(usingPostgres() ? [] : readdirSync(t.server.env.UPLOAD_DIR!)),
  }));
}

async function leftovers(t: TestServerFixture): Promise<{ rows: number; stored: number }> {
  return withDatabase(t.server.databaseUrl, async (db) => {
    const rows = Number((await db.selectFrom('uploads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const stored = usingPostgres()
      ? Number((await db.selectFrom('upload_chunks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      : readdirSync(t.server.env.UPLOAD_DIR!).length;
    return { rows, stored };
  });
}

async function download(user: TestUser, file: Attachment | UploadResponse, headers: Record<string, string> = {}) {
  const id = 'upload_id' in file ? file.upload_id : file.id;
  const response = await fetch(`${user.baseUrl}/uploads/${id}/${encodeURIComponent(file.name)}`, { headers: { authorization: `Bearer ${user.token}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Writes a request by hand, with whatever framing the test wants, and reads the answer (the connection may stay open). */
async function rawUpload(t: TestServerFixture, user: TestUser, head: Record<string, string>, body: Buffer | string, options: { close?: boolean } = {}) {
  const connection = await openRawConnection(t.server.port);
  const headers = Object.entries({ host: '127.0.0.1', authorization: `Bearer ${user.token}`, ...head })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  connection.socket.write(`POST /uploads HTTP/1.1\r\n${headers}\r\n`);
  connection.socket.write(body);
  if (options.close) {
    connection.socket.destroy();
    return undefined;
  }
  try {
    const text = await waitFor(() => {
      const received = connection.received();
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const length = Number(/content-length: (\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
      return received.length >= end + 4 + length ? received : undefined;
    }, { what: 'an answer to the upload' });
    return parseRawAnswer(text);
  } finally {
    connection.socket.destroy();
  }
}

describe('uploads and attachments', () => {
  const t = useTestServer();
  const [alice, bob, carol] = t.users('u_alice', 'u_bob', 'u_carol');

  it('tells the type and image size from the bytes, whatever the client says', async () => {
    const image = await alice.upload<UploadResponse>('Été à la plage.png', png(3, 2), { 'content-type': 'text/html' });
    expect(image.status).toBe(201);
    expect(image.body).toEqual({ upload_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), name: 'Été à la plage.png', size: png(3, 2).length, mime: 'image/png', width: 3, height: 2 });
    expect(await alice.uploaded('anim.gif', GIF)).toMatchObject({ mime: 'image/gif', width: 7, height: 5 });
    for (const [name, bytes] of [['logo.png', SVG], ['page.html', '<!doctype html><script>alert(1)</script>'], ['notes.txt', 'plain words'], ['empty.bin', '']] as const) {
      const upload = await alice.uploaded(name, bytes);
      expect(upload).toEqual({ upload_id: expect.any(String), name, size: Buffer.byteLength(bytes), mime: 'application/octet-stream' });
    }
    expect((await alice.uploaded('doc.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')).mime).toBe('application/pdf');
  });

  it('sends files with a message, with or without text, and shows them wherever the message shows', async () => {
    const image = await alice.uploaded('cat.png', png(4, 4));
    const notes = await alice.uploaded('zebra-notes.txt', 'stripes');
    const sent = await alice.send(bob.username, '', { attachments: [image.upload_id, notes.upload_id] });
    const files: Attachment[] = [
      { id: image.upload_id, name: 'cat.png', size: image.size, mime: 'image/png', width: 4, height: 4 },
      { id: notes.upload_id, name: 'zebra-notes.txt', size: 7, mime: 'application/octet-stream' },
    ];
    expect(sent).toMatchObject({ kind: 'message', message: '', attachments: files });
    expect((await alice.send(bob.username, 'plain')).attachments).toEqual([]);

    const polled = (await bob.messages(sent.id - 1)).messages.find((m) => m.id === sent.id);
    expect(polled?.attachments).toEqual(files);
    const history = (await bob.get(`/history?with=${alice.username}`)).body.messages as ChatMessage[];
    expect(history.find((m) => m.id === sent.id)?.attachments).toEqual(files);
    expect((await bob.get(`/messages/${sent.id}`)).body.attachments).toEqual(files);
    const exported = (await bob.get('/me/export')).body;
    expect(JSON.stringify(exported)).toContain(notes.upload_id);
    // Found by its file names, once the index has caught up.
    await waitFor(async () => ((await bob.get('/search?q=zebra')).body as SearchResponse).results.length === 1, { what: 'the file name searchable' });
    expect(((await bob.get('/search?q=zebra')).body as SearchResponse).results[0]?.message.attachments).toEqual(files);
    expect(((await bob.get('/search?q=zebra*')).body as SearchResponse).results.map((r) => r.message.id)).toEqual([sent.id]);

    // Edits change the text only.
    const edited = await alice.request('PATCH', `/messages/${sent.id}`, { message: 'now with words' });
    expect(edited.body).toMatchObject({ message: 'now with words', attachments: files });
    const other = await alice.uploaded('other.txt', 'other');
    const swap = await alice.request('PATCH', `/messages/${sent.id}`, { message: 'swapped', attachments: [other.upload_id] });
    expect(swap.status).toBe(400);
    expect((await bob.get(`/messages/${sent.id}`)).body).toMatchObject({ message: 'now with words', attachments: files });
  });

  it('refuses what a send may not carry, naming attachments, and stores nothing of it', async () => {
    const mine = await alice.uploaded('mine.txt', 'mine');
    const theirs = await carol.uploaded('theirs.txt', 'theirs');
    const before = (await bob.messages()).last_id;
    const eleven = Array.from({ length: 11 }, (_, index) => `AAAAAAAAAAAAAAAAAAAAA${'ABCDEFGHIJK'[index]}`);
    const refusals: [Json, number, string, RegExp][] = [
      [{ message: '' }, 400, 'message', /message/],
      [{ message: '', attachments: [] }, 400, 'message', /message/],
      [{ message: 'x', attachments: [theirs.upload_id] }, 404, 'attachments', /No upload/],
      [{ message: 'x', attachments: ['AAAAAAAAAAAAAAAAAAAAAA'] }, 404, 'attachments', /No upload/],
      [{ message: 'x', attachments: ['../../etc/passwd'] }, 400, 'attachments', /upload_ids/],
      [{ message: 'x', attachments: [mine.upload_id, mine.upload_id] }, 400, 'attachments', /twice/],
      [{ message: 'x', attachments: eleven }, 400, 'attachments', /at most 10/],
      [{ message: 'x', attachments: mine.upload_id }, 400, 'attachments', /attachments/],
      [{ message: 'x', attachments: [mine.upload_id, 7] }, 400, 'attachments', /attachments/],
      [{ message: 'x', attachments: null }, 400, 'attachments', /attachments/],
    ];
    for (const [body, status, field, message] of refusals) {
      const answer = await alice.post('/send', { recipient: bob.username, ...body });
      expect({ body, status: answer.status, field: answer.body.field }).toEqual({ body, status, field });
      expect(answer.body.message).toMatch(message);
    }
    expect((await bob.messages(before)).messages).toEqual([]);

    const sent = await alice.send(bob.username, 'once', { attachments: [mine.upload_id] });
    const again = await alice.post('/send', { recipient: carol.username, message: 'twice', attachments: [mine.upload_id] });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'validation_failed', field: 'attachments', message: expect.stringMatching(/sent already/) });
    // A retry with the same client_id is the first send, not a reuse.
    const first = await alice.post('/send', { recipient: bob.username, message: 'retried', attachments: [(await alice.uploaded('r.txt', 'r')).upload_id], client_id: 'file-retry' });
    const retry = await alice.post('/send', { recipient: bob.username, message: 'retried', attachments: first.body.attachments.map((f: Attachment) => f.id), client_id: 'file-retry' });
    expect([first.status, retry.status, retry.body.id]).toEqual([201, 200, first.body.id]);
    expect(sent.attachments).toHaveLength(1);
  });

  it('serves a file to those who see its message only, sandboxed, inline only for safe images, by range and with an ETag', async () => {
    const image = await alice.uploaded('photo.png', png(2, 2));
    const svg = await alice.uploaded('drawing.svg', SVG);
    // Not sent yet: nobody, the uploader included, reads it.
    expect((await download(alice, image)).status).toBe(404);
    await alice.send(bob.username, 'pictures', { attachments: [image.upload_id, svg.upload_id] });

    for (const user of [alice, bob]) {
      const got = await download(user, image);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(png(2, 2))).toBe(true);
      expect(Object.fromEntries([...got.headers].filter(([name]) => ['content-type', 'content-disposition', 'content-security-policy', 'x-content-type-options', 'etag', 'accept-ranges'].includes(name)))).toEqual({
        'content-type': 'image/png',
        'content-disposition': 'inline; filename="photo.png"',
        'content-security-policy': 'sandbox',
        'x-content-type-options': 'nosniff',
        etag: `"${image.upload_id}"`,
        'accept-ranges': 'bytes',
      });
    }
    const drawing = await download(bob, svg);
    expect([drawing.status, drawing.headers.get('content-type'), drawing.headers.get('content-disposition')]).toEqual([200, 'application/octet-stream', 'attachment; filename="drawing.svg"']);

    const part = await download(bob, image, { range: 'bytes=0-7' });
    expect([part.status, part.headers.get('content-range'), part.bytes.toString('hex')]).toEqual([206, `bytes 0-7/${image.size}`, '89504e470d0a1a0a']);
    expect((await download(bob, image, { 'if-none-match': `"${image.upload_id}"` })).status).toBe(304);
    expect((await download(bob, image, { range: `bytes=${image.size + 10}-` })).status).toBe(200);

    expect((await download(carol, image)).status).toBe(404);
    expect((await download(bob, { ...image, name: 'other.png' })).status).toBe(404);
    expect((await bob.get(`/uploads/${image.upload_id}/..%2F..%2Fphoto.png`)).status).toBe(404);
    expect((await t.api.get(`/uploads/${image.upload_id}/photo.png`)).status).toBe(401);
  });

  it('refuses bad names, encodings and callers before storing anything', async () => {
    const cases: [string | undefined, Record<string, string>, number][] = [
      [undefined, {}, 400],
      ['../../x', {}, 400],
      ['..', {}, 400],
      ['a\\b', {}, 400],
      ['x'.repeat(256), {}, 400],
      ['fine.txt', { 'content-encoding': 'gzip' }, 415],
    ];
    for (const [name, headers, status] of cases) {
      const answer = await fetch(`${alice.baseUrl}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, ...(name === undefined ? {} : { 'x-filename': encodeURIComponent(name) }), ...headers },
        body: 'some bytes',
      });
      expect({ name, status: answer.status }).toEqual({ name, status });
      expect((await answer.json()).field).toBe(status === 415 ? 'Content-Encoding' : 'X-Filename');
    }
    const badEncoding = await alice.upload('x', 'bytes', { 'x-filename': '%E0%A4%A' });
    expect(badEncoding.status).toBe(400);
    expect((await t.api.upload('x.txt', 'bytes')).status).toBe(401);
  });

  it('removes the files of a deleted message, and keeps nothing of a client that went away halfway', async () => {
    const start = await leftovers(t);
    const file = await alice.uploaded('secret.txt', 'to be deleted');
    const sent = await alice.send(bob.username, 'soon gone', { attachments: [file.upload_id] });
    expect((await leftovers(t)).rows).toBe(start.rows + 1);
    expect((await alice.request('DELETE', `/messages/${sent.id}`)).status).toBe(200);
    expect((await bob.get(`/messages/${sent.id}`)).body).toMatchObject({ deleted: true, attachments: [] });
    expect((await download(bob, file)).status).toBe(404);
    await waitFor(async () => JSON.stringify(await leftovers(t)) === JSON.stringify(start), { what: 'the deleted message\'s file removed' });

    await rawUpload(t, alice, { 'x-filename': 'half.bin', 'content-length': '100000' }, Buffer.alloc(5000), { close: true });
    await waitFor(async () => JSON.stringify(await leftovers(t)) === JSON.stringify(start), { what: 'nothing left of the abandoned upload' });
  });

  it('fuzzed names, bodies and lying lengths give only 4xx or 201 and leave nothing behind but the files accepted', async () => {
    // Compared by id: what earlier tests left being cleared meanwhile must not count against the fuzz.
    const start = await uploadsPresent(t);
    const names = fc.oneof(
      fc.constantFrom('../../x', '..%2F..%2Fx', '/etc/passwd', 'C:\\x', '..', '.', '', ' ', 'a\u0000b', 'a\nb', '\u202e.txt', 'x'.repeat(256), '\ud800'),
      fc.string({ maxLength: 300 }),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(names, fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('exact', 'long', 'chunked'), async (name, bytes, framing) => {
        const body = Buffer.from(bytes);
        const encoded = (() => {
          try {
            return encodeURIComponent(name);
          } catch {
            return '%ED%A0%80';
          }
        })();
        if (framing === 'long') {
          // Says more than it sends, then goes away: no answer is owed, nothing may stay.
          await rawUpload(t, alice, { 'x-filename': encoded, 'content-length': String(body.length + 10) }, body, { close: true });
          return;
        }
        const head: Record<string, string> =
          framing === 'chunked' ? { 'x-filename': encoded, 'transfer-encoding': 'chunked' } : { 'x-filename': encoded, 'content-length': String(body.length) };
        const framed = framing === 'chunked' ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
        const answer = await rawUpload(t, alice, head, body.length === 0 && framing === 'chunked' ? Buffer.from('0\r\n\r\n') : framed);
        expect(answer?.status === 201 || (answer !== undefined && answer.status >= 400 && answer.status < 500)).toBe(true);
        if (answer?.status === 201) accepted++;
      }),
      { seed: 20_261_207, numRuns: 150 },
    );
    const added = async () => {
      const now = await uploadsPresent(t);
      return { rows: [...now.rows].filter((id) => !start.rows.has(id)).length, files: [...now.files].filter((name) => !start.files.has(name)).length };
    };
    await waitFor(async () => (await added()).rows === accepted, { what: `only the ${accepted} accepted uploads stored` }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; found ${JSON.stringify(await added())}\n${t.server.output().slice(-3000)}`);
    });
    if (!usingPostgres()) expect((await added()).files).toBe(accepted);
    expect((await t.api.get('/health')).status).toBe(200);
  });
});

describe('upload limits', () => {
  const t = useTestServer({ env: { MAX_UPLOAD_BYTES: '1000', UPLOAD_QUOTA_BYTES_PER_USER: '2500' } });
  const [alice, bob] = t.users('l_alice', 'l_bob');

  it('refuses a Content-Length over MAX_UPLOAD_BYTES before reading the body, and a longer body while reading it', async () => {
    // Only 10 of the 5000 bytes announced are sent: the answer cannot have waited for the rest.
    const early = await rawUpload(t, alice, { 'x-filename': 'big.bin', 'content-length': '5000' }, Buffer.alloc(10));
    expect(early?.status).toBe(413);
    expect(early?.body).toMatchObject({ code: 'payload_too_large', field: 'body', message: expect.stringMatching(/1000 bytes/) });

    const chunk = (size: number) => Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), Buffer.alloc(size, 1), Buffer.from('\r\n')]);
    const streamed = await rawUpload(t, alice, { 'x-filename': 'big.bin', 'transfer-encoding': 'chunked' }, Buffer.concat([chunk(600), chunk(600), Buffer.from('0\r\n\r\n')]));
    expect(streamed?.status).toBe(413);

    expect((await alice.upload('exact.bin', Buffer.alloc(1000))).status).toBe(201);
    expect((await leftovers(t)).rows).toBe(1);
    if (!usingPostgres()) expect((await leftovers(t)).stored).toBe(1);
  });

  it('answers Expect: 100-continue with 413 for a file too large, and with 100 only when the file will be read', async () => {
    const refused = await rawUpload(t, alice, { 'x-filename': 'big.bin', 'content-length': '5000', expect: '100-continue' }, '');
    expect(refused?.status).toBe(413);
    const connection = await openRawConnection(t.server.port);
    try {
      connection.socket.write(`POST /uploads HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${alice.token}\r\nx-filename: small.txt\r\ncontent-length: 5\r\nexpect: 100-continue\r\n\r\n`);
      await waitFor(() => connection.received().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), { what: '100 Continue' });
      connection.socket.write('hello');
      await waitFor(() => connection.received().includes('HTTP/1.1 201 Created'), { what: 'the upload stored' });
    } finally {
      connection.socket.destroy();
    }
  });

  it('keeps each user within UPLOAD_QUOTA_BYTES_PER_USER, and gives the room back when their message is deleted', async () => {
    const first = await bob.uploaded('one.bin', Buffer.alloc(1000));
    await bob.uploaded('two.bin', Buffer.alloc(1000));
    const over = await bob.upload('three.bin', Buffer.alloc(600));
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(/quota \(500 of 2500 bytes\)/);
    const chunked = await rawUpload(t, bob, { 'x-filename': 'three.bin', 'transfer-encoding': 'chunked' }, `258\r\n${'x'.repeat(600)}\r\n0\r\n\r\n`);
    expect(chunked?.status).toBe(413);
    expect((await bob.upload('small.bin', Buffer.alloc(500))).status).toBe(201);
    // Others are not held to bob's quota.
    expect((await alice.upload('hers.bin', Buffer.alloc(900))).status).toBe(201);

    const sent = await bob.send(alice.username, 'freeing', { attachments: [first.upload_id] });
    expect((await bob.request('DELETE', `/messages/${sent.id}`)).status).toBe(200);
    await waitFor(async () => (await bob.upload('after.bin', Buffer.alloc(900))).status === 201, { what: 'the room of the deleted file back' });
  });

  it('removes uploads never sent within 24 hours, and keeps sent ones', async () => {
    const unsent = await alice.uploaded('forgotten.txt', 'x');
    const sent = await alice.uploaded('kept.txt', 'y');
    await alice.send(bob.username, 'kept', { attachments: [sent.upload_id] });
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await withDatabase(t.server.databaseUrl, (db) => db.updateTable('uploads').set({ created_at: dayAgo }).where('id', 'in', [unsent.upload_id, sent.upload_id]).execute());
    // The clean-up runs shortly after start, then hourly.
    await t.server.stop();
    await t.restart();
    const ids = async () => withDatabase(t.server.databaseUrl, async (db) => (await db.selectFrom('uploads').select('id').execute()).map((row) => row.id));
    await waitFor(async () => !(await ids()).includes(unsent.upload_id), { what: 'the unsent upload removed' });
    expect(await ids()).toContain(sent.upload_id);
    expect((await download(bob, sent)).status).toBe(200);
    if (!usingPostgres()) expect(readdirSync(t.server.env.UPLOAD_DIR!)).not.toContain(unsent.upload_id);
    else expect(await withDatabase(t.server.databaseUrl, async (db) => (await sql<{ n: number }>`select count(*)::int as n from upload_chunks where upload_id = ${unsent.upload_id}`.execute(db)).rows[0]?.n)).toBe(0);
  });
});
