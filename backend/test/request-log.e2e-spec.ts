import { registerUser } from './support/api';
import { startTestServer, TestServer } from './support/test-server';

interface RequestLine {
  level: number;
  msg: string;
  method: string;
  url: string;
  status: number;
  responseTime: number;
}

describe('the request log', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => t.close());

  it('writes one lean line per request on both paths, without tokens, all of them by a clean stop', async () => {
    const [alice, bob] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob')]);
    await alice.send(bob.username, 'logged');
    expect((await bob.get('/messages?last_id=0')).status).toBe(200);
    expect((await bob.get('/conversations?token=s3cret')).status).toBe(200);
    const badToken = await t.api.as('garbled').post('/send', { recipient: alice.username, message: 'x' });
    expect(badToken.status).toBe(401);

    expect(await t.server.stop()).toBe(0);
    const output = t.server.output();
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as RequestLine)
      .filter((line) => line.msg === 'request');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 30, method: 'POST', url: '/send', status: 201 }),
        expect.objectContaining({ method: 'GET', url: '/messages?last_id=0', status: 200 }),
        expect.objectContaining({ method: 'GET', url: '/conversations?token=[redacted]', status: 200 }),
        expect.objectContaining({ method: 'POST', url: '/send', status: 401 }),
        expect.objectContaining({ method: 'POST', url: '/register', status: 201 }),
      ]),
    );
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['hostname', 'level', 'method', 'msg', 'pid', 'responseTime', 'status', 'time', 'url']);
    }
    expect(output).not.toContain(alice.token!);
    expect(output).not.toContain('s3cret');
  });

  it('writes readable lines with LOG_FORMAT=pretty', async () => {
    const readable = await startTestServer({ env: { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' } });
    try {
      await registerUser(readable.api, 'pretty');
      expect(await readable.server.stop()).toBe(0);
    } finally {
      await readable.close();
    }
    const lines = readable.server.output().split('\n').filter((line) => line.includes('request'));
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request$/.test(line))).toBe(true);
    expect(readable.server.output()).toMatch(/^ {4}url: "\/register"$/m);
    expect(readable.server.output().split('\n').some((line) => line.startsWith('{"level"'))).toBe(false);
  });
});
