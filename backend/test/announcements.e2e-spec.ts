import { readFileSync, writeFileSync } from 'node:fs';
import { waitFor } from './support/server';
import { TestServerFixture, useTestServer } from './support/use-test-server';

describe('server announcements', () => {
  const t = useTestServer({ env: { ADMIN_USERS: 'boss_admin' } });
  const admin = t.user('boss_admin', { exactName: true });
  const user = t.user('reader');

  it('serves no announcement while the file is missing', async () => {
    const response = await t.api.get('/announcement');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ announcement: '', updated_at: null });
  });

  it('lets an admin post one: it is served, written to the file and delivered to every user once', async () => {
    const before = (await user.messages(0, '&limit=1000')).last_id;
    const posted = await admin.post('/announcement', { text: 'Maintenance tonight at 22:00' });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ announcement: 'Maintenance tonight at 22:00', updated_at: expect.any(String) });
    expect((await t.api.get('/announcement')).body.announcement).toBe('Maintenance tonight at 22:00');

    const delivered = (await user.messages(before)).messages;
    expect(delivered).toEqual([
      expect.objectContaining({ kind: 'announcement', sender: 'server', recipient: '*', message: 'Maintenance tonight at 22:00' }),
    ]);
    expect(readFileSync(announcementFile(t), 'utf8').trim()).toBe('Maintenance tonight at 22:00');
  });

  it('refuses announcements from users who are not admins', async () => {
    const response = await user.post('/announcement', { text: 'I am the captain now' });
    expect(response.status).toBe(403);
    expect((await t.api.get('/announcement')).body.announcement).not.toBe('I am the captain now');
    expect((await admin.post('/announcement', { text: 5 })).body.field).toBe('text');
  });

  it('answers every one of several posts made at the same moment, and keeps one of them', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => `Simultaneous ${i}`);
    const answers = await Promise.all(texts.map((text) => admin.post('/announcement', { text })));
    expect(answers.map((answer) => answer.status)).toEqual(texts.map(() => 201));
    expect(texts).toContain((await t.api.get('/announcement')).body.announcement);
  });

  it('re-reads the file when an operator edits it, and delivers the new text', async () => {
    const before = (await user.messages(0, '&limit=1000')).last_id;
    writeFileSync(announcementFile(t), 'Edited by hand\n');
    await waitFor(async () => (await t.api.get('/announcement')).body.announcement === 'Edited by hand', {
      timeoutMs: 10_000,
      what: 'the edited announcement',
    });
    const delivered = await waitFor(async () => {
      const { messages } = await user.messages(before);
      return messages.length > 0 && messages;
    });
    expect(delivered.map((m) => m.message)).toEqual(['Edited by hand']);
  });
});

function announcementFile(t: TestServerFixture): string {
  return t.server.env.ANNOUNCEMENT_FILE!;
}
