import { WaitingPoll, WaitingPolls } from './waiting-polls';

function poll(username: string, tokenHash = 'session'): WaitingPoll & { wakes: number; ended: boolean; nudges: number } {
  const p = { username, tokenHash, wakes: 0, ended: false, nudges: 0, wake: () => p.wakes++, signedOut: () => (p.ended = true), nudge: () => p.nudges++ };
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
    const removing: WaitingPoll = { username: 'alice', tokenHash: 'session', wake: () => polls.remove(removing), signedOut: () => undefined, nudge: () => undefined };
    const other = poll('alice');
    polls.add(removing);
    polls.add(other);
    polls.wake(['alice']);
    expect(other.wakes).toBe(1);
    expect(polls.size).toBe(1);
  });

  it('ends only the polls of the session signed out', () => {
    const polls = new WaitingPolls();
    const [laptop, phone, bob] = [poll('alice', 'laptop'), poll('alice', 'phone'), poll('bob', 'laptop')];
    for (const p of [laptop, phone, bob]) polls.add(p);
    polls.signOut('alice', 'laptop');
    expect([laptop.ended, phone.ended, bob.ended]).toEqual([true, false, false]);
  });

  it('nudges every poll of the users named, and no one else', () => {
    const polls = new WaitingPolls();
    const [laptop, phone, bob] = [poll('alice', 'laptop'), poll('alice', 'phone'), poll('bob')];
    for (const p of [laptop, phone, bob]) polls.add(p);
    polls.nudge(['alice', 'nobody']);
    expect([laptop.nudges, phone.nudges, bob.nudges]).toEqual([1, 1, 0]);
    expect([laptop.wakes, phone.wakes, bob.wakes]).toEqual([0, 0, 0]);
  });
});
