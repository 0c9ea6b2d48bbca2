import type { Conversation } from '@chatroom/shared';
import { waitFor } from '../../../backend/test/support/server';
import { TestUser, uniqueName } from '../../test/support/api';
import { restartableServer } from '../../test/support/own-server';
import { useWorkerHarness } from '../../test/support/worker-harness';
import { omniboxAnswer, omniboxTarget } from './omnibox';

const conversation = (id: string, name = id, type: Conversation['type'] = 'dm') => ({ id, name, type }) as Conversation;
const list = [
  conversation('bob'),
  conversation('room_1', 'Weekend trip', 'room'),
  conversation('room_2', 'Team', 'room'),
  conversation('room_3', 'Team', 'room'),
  conversation('bobby'),
];

describe('omniboxTarget', () => {
  it('sends to the conversation whose exact name or id (any case) starts the text', () => {
    expect(omniboxTarget('BOB lunch at 1?', list)).toEqual({ conversation: list[0], message: 'lunch at 1?' });
    expect(omniboxTarget('weekend trip  bring boots ', list)).toEqual({ conversation: list[1], message: 'bring boots' });
    expect(omniboxTarget('room_3 hello', list)).toEqual({ conversation: list[3], message: 'hello' });
  });

  it('never guesses: a name only begun, a name two conversations share, or no message names nothing', () => {
    expect(omniboxTarget('bo lunch', list)).toEqual({ problem: expect.stringContaining('choose one below') });
    expect(omniboxTarget('Weekend lunch', list)).toEqual({ problem: expect.stringContaining('choose one below') });
    expect(omniboxTarget('team standup', list)).toEqual({ problem: 'More than one conversation is called “Team”: choose one below.' });
    expect(omniboxTarget('bob  ', list)).toEqual({ problem: 'Write the message after “bob”.' });
  });
});

describe('omniboxAnswer', () => {
  it('suggests the conversations the first words begin, in the list order, each naming its conversation exactly', () => {
    expect(omniboxAnswer('bo lunch at 1?', list)).toEqual({
      enter: expect.stringContaining('choose one below'),
      suggestions: [
        { content: 'bob lunch at 1?', description: 'Send to bob: lunch at 1?' },
        { content: 'bobby lunch at 1?', description: 'Send to bobby: lunch at 1?' },
      ],
    });
    expect(omniboxAnswer('week', list).suggestions).toEqual([{ content: 'Weekend trip ', description: 'Write to Weekend trip…' }]);
    // Rooms that share a name are chosen by id.
    expect(omniboxAnswer('team standup', list).suggestions.map((s) => s.content)).toEqual(['room_2 standup', 'room_3 standup']);
  });

  it('says what Enter does when the text names a conversation exactly', () => {
    expect(omniboxAnswer('bob lunch at 1?', list).enter).toBe('Send to bob: lunch at 1?');
  });

  it('each suggestion, entered as it stands, goes to its own conversation', () => {
    for (const text of ['bo hi', 'team hi', 'weekend trip hi', 'room hi']) {
      for (const suggestion of omniboxAnswer(text, list).suggestions) {
        const target = omniboxTarget(suggestion.content, list);
        expect('conversation' in target && `Send to ${target.conversation.name}: ${target.message}`).toBe(suggestion.description);
      }
    }
  });
});

describe('Omnibox in the worker', () => {
  const harness = useWorkerHarness();

  it('sends what Enter confirms exactly once, and while offline says it will send it, then does', async () => {
    const own = await restartableServer();
    try {
      const friend = await TestUser.register(own.url, uniqueName('friend'));
      const notes: { title: string; body: string }[] = [];
      const { worker, seen, username } = await harness.signedIn(own.url, { confirm: (note) => void notes.push(note) });
      await worker.request('send', { recipient: friend.username, message: 'hi' });
      await waitFor(() => seen.snapshot?.conversations.some((c) => c.id === friend.username), { what: 'the conversation in the list' });

      expect((await worker.omniboxInput(`${friend.username.slice(0, 4)} lunch at 1?`)).suggestions[0]?.content).toBe(`${friend.username} lunch at 1?`);
      await worker.omniboxEnter(`${friend.username.slice(0, 4)} lunch at 1?`);
      expect(notes.pop()).toEqual({ title: 'Not sent', body: expect.stringContaining('choose one below') });

      await worker.omniboxEnter(`${friend.username} lunch at 1?`);
      expect(notes.pop()).toEqual({ title: `Sent to ${friend.username}`, body: 'lunch at 1?' });

      await own.stop();
      await worker.omniboxEnter(`${friend.username} still on?`);
      expect(notes.pop()).toEqual({ title: `Will send to ${friend.username}`, body: expect.stringContaining('still on?') });
      await own.start();
      await waitFor(() => seen.snapshot?.outbox.length === 0, { timeoutMs: 10_000, what: 'the outbox sent' });

      const texts = (await friend.history(username)).messages.map((m) => m.message);
      expect(texts.filter((t) => t === 'lunch at 1?')).toHaveLength(1);
      expect(texts.filter((t) => t === 'still on?')).toHaveLength(1);
    } finally {
      await own.remove();
    }
  });
});
