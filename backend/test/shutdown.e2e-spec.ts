import { Agent } from 'node:http';
import { Api, PASSWORD, registerUser, TestUser } from './support/api';
import { KeptAliveAnswer, keptAliveRequest, openRawConnection, parseRawAnswer } from './support/raw-http';
import { waitFor } from './support/server';
import { startTestServer, TestServer } from './support/test-server';

/** The interim answer to `Expect: 100-continue`. */
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/** Shutdown lets requests in progress finish for a grace period (5 s), then closes what is left. */
const EXIT_DEADLINE_MS = 15_000;

/** SIGTERM, then the exit code and how long the process took to exit. */
async function terminate(t: TestServer): Promise<{ code: number | null; elapsedMs: number }> {
  const started = Date.now();
  const exited = t.server.stop();
  let code: number | null | undefined;
  void exited.then((value) => (code = value));
  await waitFor(() => code !== undefined, { timeoutMs: EXIT_DEADLINE_MS, intervalMs: 50, what: 'the server to exit after SIGTERM' });
  return { code: code ?? null, elapsedMs: Date.now() - started };
}

/** Runs `step` on one kept-alive connection, as a client in a loop, until the server closes it and refuses the next one. */
async function keptAliveLoop(step: (agent: Agent, i: number) => Promise<KeptAliveAnswer>, running: () => boolean): Promise<KeptAliveAnswer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const answers: KeptAliveAnswer[] = [];
  for (let i = 0; running(); i++) {
    const answer = await step(agent, i);
    answers.push(answer);
    if (answer.error) break;
  }
  agent.destroy();
  return answers;
}

/** An answer that tells the client the server is going away. */
function saysClosing(answer: KeptAliveAnswer): boolean {
  return answer.error !== undefined || answer.status === 503 || answer.headers?.connection === 'close';
}

/**
 * Requests begun before SIGTERM and finished after it: each `head` (which asks for `Expect:
 * 100-continue`, so the server says when it has read it) is written first, then the signal comes,
 * then each `rest` once the server has stopped accepting connections. A request whose headers the
 * server has not read yet when the signal comes is on a connection that is still idle to it, and
 * idle connections are closed unanswered: the signal waits until the server has every head.
 */
async function acrossTheSignal(t: TestServer, requests: { head: string; rest: string }[]) {
  const connections = await Promise.all(
    requests.map(async ({ head }) => {
      const connection = await openRawConnection(t.server.port);
      connection.socket.write(head);
      return connection;
    }),
  );
  await waitFor(() => connections.every((connection) => connection.received().startsWith(CONTINUE)), { what: 'the server to read every request\'s headers' });

  const exited = terminate(t);
  await waitFor(
    () =>
      openRawConnection(t.server.port).then(
        (probe) => void probe.socket.destroy(),
        () => true,
      ),
    { what: 'the server to stop accepting connections' },
  );
  connections.forEach((connection, index) => connection.socket.write(requests[index]?.rest ?? ''));
  await Promise.all(connections.map((connection) => connection.closed));
  return { answers: connections.map((connection) => parseRawAnswer(connection.received().slice(CONTINUE.length))), exited };
}

describe('shutdown', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    if (t.server.process.exitCode === null) await t.server.kill();
    await t.close();
  });

  it('stops a client that polls and sends in a loop on kept-alive connections, exits 0 and keeps every 201', async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob'), registerUser(t.api, 'carol')]);
    const port = t.server.port;
    let looping = true;

    const loop = (step: (agent: Agent, i: number) => Promise<KeptAliveAnswer>) => keptAliveLoop(step, () => looping);
    const sent = new Map<KeptAliveAnswer, string>();
    const send = (sender: TestUser, tag: string, chunked: boolean) => async (agent: Agent, i: number) => {
      const message = `${tag}${i}`;
      const answer = await keptAliveRequest(agent, port, 'POST', '/send', { token: sender.token, body: { recipient: bob.username, message }, chunked });
      sent.set(answer, message);
      return answer;
    };
    let bobLastId = 0;
    const pollAsBob = () => {
      let lastId = 0;
      return async (agent: Agent) => {
        const answer = await keptAliveRequest(agent, port, 'GET', `/messages?last_id=${lastId}&timeout=20`, { token: bob.token });
        if (answer.status === 200) lastId = bobLastId = answer.body.last_id;
        return answer;
      };
    };
    // Nothing is sent to carol: her poll is waiting when the signal comes.
    const pollAsCarol = (agent: Agent) => keptAliveRequest(agent, port, 'GET', '/messages?last_id=0&timeout=20', { token: carol.token });

    // Several of each, so that some request is in progress on some connection when the signal
    // comes. Sends with a length go through the fast path, chunked ones through the controller.
    const running: Record<string, Promise<KeptAliveAnswer[]>> = { carolPoll: loop(pollAsCarol) };
    for (let n = 0; n < 2; n++) {
      running[`fastSends${n}`] = loop(send(alice, `fast${n}-`, false));
      running[`controllerSends${n}`] = loop(send(alice, `slow${n}-`, true));
      running[`bobPolls${n}`] = loop(pollAsBob());
    }

    await waitFor(async () => bobLastId > 0 && (await carol.waitingPolls()) >= 1 && (await bob.messages(0, '&limit=1000')).messages.length >= 20, {
      what: '20 messages sent and polled, and a poll waiting',
    });
    const { code, elapsedMs } = await terminate(t);
    looping = false;
    const loops: Record<string, KeptAliveAnswer[]> = {};
    for (const [name, answers] of Object.entries(running)) loops[name] = await answers;

    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(EXIT_DEADLINE_MS);
    // Every connection was closed after its last answer: none had to wait for the grace period.
    expect(t.server.output()).not.toContain('Connections still open');

    // The clients that loop did so over kept-alive connections (carol's one poll waited throughout).
    for (const [name, answers] of Object.entries(loops).filter(([name]) => name !== 'carolPoll')) {
      expect({ name, reusedConnections: answers.some((answer) => answer.reusedConnection) }).toEqual({ name, reusedConnections: true });
    }
    for (const [name, answers] of Object.entries(loops)) {
      // Once the server has said it is closing, nothing more is accepted or served.
      const firstClosing = answers.findIndex(saysClosing);
      expect({ name, firstClosing: firstClosing >= 0 }).toEqual({ name, firstClosing: true });
      const later = answers.slice(firstClosing + 1).filter((answer) => !answer.error && answer.status !== 503);
      expect({ name, servedAfterClosing: later }).toEqual({ name, servedAfterClosing: [] });
    }

    const sends = Object.entries(loops).flatMap(([name, answers]) => (name.includes('Sends') ? answers : []));
    const refused = sends.filter((answer) => answer.status === 503);
    for (const answer of refused) {
      expect(answer.body).toMatchObject({ statusCode: 503, code: 'unavailable' });
      expect(Number(answer.headers?.['retry-after'])).toBeGreaterThan(0);
    }
    expect(sends.every((answer) => answer.error || [201, 503].includes(answer.status!))).toBe(true);

    await t.restart();
    const stored = (await new Api(t.server.url, bob.token).messages(0, '&limit=1000')).messages;
    const acknowledged = sends.filter((answer) => answer.status === 201).map((answer) => answer.body.id);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(stored.map((message) => message.id)).toEqual(expect.arrayContaining(acknowledged));
    const storedBodies = new Set(stored.map((message) => message.message));
    expect(refused.map((answer) => sent.get(answer)).filter((message) => storedBodies.has(message!))).toEqual([]);
  });

  it('refuses sends that arrive while closing with 503 and Retry-After, on the fast path and through the controller', async () => {
    const [alice, bob] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob')]);
    const body = (message: string) => JSON.stringify({ recipient: bob.username, message });
    const head = `POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${alice.token}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n`;
    const slow = body('late controller');
    const { answers, exited } = await acrossTheSignal(t, [
      { head: `${head}Content-Length: ${Buffer.byteLength(body('late fast'))}\r\n\r\n`, rest: body('late fast') },
      { head: `${head}Transfer-Encoding: chunked\r\n\r\n`, rest: `${Buffer.byteLength(slow).toString(16)}\r\n${slow}\r\n0\r\n\r\n` },
    ]);

    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 503, body: { statusCode: 503, code: 'unavailable' } });
      expect(answer.headers.connection).toBe('close');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    const { code } = await exited;
    expect(code).toBe(0);
    expect(t.server.output()).not.toContain('Connections still open');

    await t.restart();
    expect((await new Api(t.server.url, bob.token).messages(0)).messages).toEqual([]);
  });

  it('answers typing reports while closing, with the connection closed: one begun before the signal, and a client that reports in a loop', async () => {
    const [alice, bob] = await Promise.all([registerUser(t.api, 'alice'), registerUser(t.api, 'bob')]);
    let looping = true;
    let answered = 0;
    // Typing and stopped in turn, so that each report is passed on rather than taken as a renewal.
    const looped = keptAliveLoop(async (agent, i) => {
      const answer = await keptAliveRequest(agent, t.server.port, 'POST', '/typing', { token: alice.token, body: { conversation: bob.username, typing: i % 2 === 0 } });
      if (answer.status === 200) answered++;
      return answer;
    }, () => looping);
    await waitFor(() => answered >= 10, { what: 'ten typing reports answered' });

    const typing = JSON.stringify({ conversation: alice.username, typing: true });
    const head = `POST /typing HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${bob.token}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n`;
    const { answers, exited } = await acrossTheSignal(t, [{ head: `${head}Content-Length: ${Buffer.byteLength(typing)}\r\n\r\n`, rest: typing }]);
    looping = false;
    const loopAnswers = await looped;
    const { code, elapsedMs } = await exited;

    // Begun before the signal: answered, nothing of it stored to lose, and told the connection ends.
    expect(answers).toEqual([expect.objectContaining({ status: 200, body: { ok: true }, headers: expect.objectContaining({ connection: 'close' }) })]);
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(EXIT_DEADLINE_MS);
    expect(t.server.output()).not.toContain('Connections still open');

    // The looping client was answered until the server said it was closing, then served nothing more; never a 5xx.
    const firstClosing = loopAnswers.findIndex(saysClosing);
    expect(firstClosing).toBeGreaterThanOrEqual(0);
    expect(loopAnswers.slice(firstClosing + 1).filter((answer) => !answer.error && answer.status !== 503)).toEqual([]);
    expect(loopAnswers.filter((answer) => !answer.error && answer.status !== 200 && answer.status !== 503)).toEqual([]);
  });

  it('exits promptly while clients hold connections with half a request, or idle', async () => {
    const port = t.server.port;
    const halfHeaders = await openRawConnection(port);
    halfHeaders.socket.write('POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le');
    const halfBody = await openRawConnection(port);
    halfBody.socket.write('POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
    const idle = await openRawConnection(port);
    idle.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await waitFor(() => idle.received().includes('"status":"ok"'), { what: 'the idle connection to be answered' });
    const user = await registerUser(t.api);
    const waiting = user.messages(0, '&timeout=20');
    await waitFor(async () => (await user.waitingPolls()) === 1, { what: 'the poll to wait' });

    const { code, elapsedMs } = await terminate(t);

    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(EXIT_DEADLINE_MS);
    expect(await waiting).toEqual({ messages: [], last_id: 0 });
    await Promise.all([halfHeaders.closed, halfBody.closed, idle.closed]);

    // The database was closed cleanly: everything is there after a restart.
    await t.restart();
    expect((await t.api.post('/login', { username: user.username, password: PASSWORD })).status).toBe(200);
  });
});
