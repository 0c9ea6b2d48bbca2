import { GROUP_WINDOW_MS, pendingNewDays, placeMessages, sameLocalDay } from './message-groups';

/** A local time on 7 December 2026 (the test runs in any time zone). */
const at = (hours: number, minutes: number, day = 7) => new Date(2026, 11, day, hours, minutes).toISOString();
const line = (id: number, sender: string, timestamp: string, kind = 'message') => ({ id, sender, timestamp, kind });

describe('placeMessages', () => {
  it('starts a day above the first message and wherever the local day changes', () => {
    const placed = placeMessages([line(1, 'bob', at(23, 58, 6)), line(2, 'bob', at(0, 1)), line(3, 'bob', at(9, 0))]);
    expect(placed.map((p) => p.newDay)).toEqual([true, true, false]);
  });

  it('groups one sender’s messages sent close together, whatever the case of the name', () => {
    const placed = placeMessages([line(1, 'bob', at(9, 0)), line(2, 'Bob', at(9, 4)), line(3, 'bob', at(9, 8))]);
    expect(placed.map((p) => p.continues)).toEqual([false, true, true]);
  });

  it('starts a new group for another sender, after a pause, across midnight, at the divider and around events', () => {
    const pause = new Date(new Date(at(9, 0)).getTime() + GROUP_WINDOW_MS + 1000).toISOString();
    const placed = placeMessages(
      [
        line(1, 'bob', at(23, 59, 6)),
        line(2, 'bob', at(0, 0)),
        line(3, 'alice', at(0, 1)),
        line(4, 'bob', at(9, 0)),
        line(5, 'bob', pause),
        line(6, 'bob', pause),
        line(7, 'bob', pause, 'event'),
        line(8, 'bob', pause),
      ],
      6,
    );
    expect(placed.map((p) => p.continues)).toEqual([false, false, false, false, false, false, false, false]);
    expect(placed[1]?.newDay).toBe(true);
  });

  it('moves a day’s separator up to its oldest message when older ones of that day are loaded above', () => {
    const newest = [line(3, 'bob', at(9, 0)), line(4, 'alice', at(9, 1))];
    expect(placeMessages(newest).map((p) => p.newDay)).toEqual([true, false]);
    const withOlder = [line(1, 'carol', at(18, 0, 6)), line(2, 'bob', at(8, 0)), ...newest];
    expect(placeMessages(withOlder).map((p) => p.newDay)).toEqual([true, true, false, false]);
  });

  it('places nothing in an empty conversation', () => {
    expect(placeMessages([])).toEqual([]);
  });
});

describe('pendingNewDays', () => {
  const written = (timestamp: string) => ({ created_at: timestamp });

  it('starts today above a message written offline when the last message shown is from yesterday', () => {
    expect(pendingNewDays(at(22, 0, 6), [written(at(9, 0)), written(at(9, 1))])).toEqual([true, false]);
  });

  it('adds no separator when the pending message is written on the day of the last message shown', () => {
    expect(pendingNewDays(at(8, 0), [written(at(9, 0))])).toEqual([false]);
  });

  it('starts a day between pending messages written either side of midnight', () => {
    expect(pendingNewDays(at(23, 0, 6), [written(at(23, 58, 6)), written(at(0, 2))])).toEqual([false, true]);
  });

  it('starts a day above the first pending message when nothing is shown above it', () => {
    expect(pendingNewDays(undefined, [written(at(9, 0)), written(at(9, 5))])).toEqual([true, false]);
  });

  it('places nothing when the outbox is empty', () => {
    expect(pendingNewDays(at(9, 0), [])).toEqual([]);
  });
});

describe('sameLocalDay', () => {
  it('compares calendar days where the browser is, not 24-hour spans', () => {
    expect(sameLocalDay(new Date(2026, 11, 7, 0, 0), new Date(2026, 11, 7, 23, 59))).toBe(true);
    expect(sameLocalDay(new Date(2026, 11, 6, 23, 59), new Date(2026, 11, 7, 0, 0))).toBe(false);
  });
});
