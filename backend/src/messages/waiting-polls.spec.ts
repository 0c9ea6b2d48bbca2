import { WaitingPoll, WaitingPolls } from './waiting-polls';

function poll(username: string): WaitingPoll & { wakes: number } {
  const p = { username, wakes: 0, wake: () => p.wakes++ };
  return p;
}

describe('WaitingPolls', () => {
  it('wakes only the polls of the audience', () => {
    const polls = new WaitingPolls();
    const [alice1, alice2, bob, carol] = [poll('alice'), poll('alice'), poll('bob'), poll('carol')];
    for (const p of [alice1, alice2, bob, carol]) polls.add(p);
    polls.wake(['alice', 'bob']);
    expect([alice1.wakes, alice2.wakes, bob.wakes, carol.wakes]).toEqual([1, 1, 1, 0]);
    polls.wake('everyone');
    expect([alice1.wakes, alice2.wakes, bob.wakes, carol.wakes]).toEqual([2, 2, 2, 1]);
  });

  it('forgets removed polls and counts the rest', () => {
    const polls = new WaitingPolls();
    const [a, b] = [poll('alice'), poll('alice')];
    polls.add(a);
    polls.add(b);
    polls.remove(a);
    polls.remove(a);
    expect(polls.size).toBe(1);
    polls.wake(['alice']);
    expect([a.wakes, b.wakes]).toEqual([0, 1]);
  });

  it('lets a woken poll remove itself while the wake-up is under way', () => {
    const polls = new WaitingPolls();
    const removing: WaitingPoll = { username: 'alice', wake: () => polls.remove(removing) };
    const other = poll('alice');
    polls.add(removing);
    polls.add(other);
    polls.wake(['alice']);
    expect(other.wakes).toBe(1);
    expect(polls.size).toBe(1);
  });
});
