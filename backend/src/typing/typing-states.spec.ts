import { TypingStates } from './typing-states';

describe('TypingStates', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('lists who types where, in the order they started', () => {
    const states = new TypingStates(jest.fn());
    expect(states.set('room_1', 'bob', Date.now() + 6000, ['amy'])).toBe(true);
    expect(states.set('room_1', 'carl', Date.now() + 6000, ['amy'])).toBe(true);
    expect(states.set('room_1', 'bob', Date.now() + 6000, ['amy'])).toBe(false);
    expect(states.typists('room_1')).toEqual(['bob', 'carl']);
    expect(states.typists('room_2')).toEqual([]);
    expect(states.set('room_1', 'bob', null, ['amy'])).toBe(true);
    expect(states.set('room_1', 'bob', null, ['amy'])).toBe(false);
    expect(states.typists('room_1')).toEqual(['carl']);
  });

  it('ends a state at its time unless renewed, and tells whom it concerned', () => {
    const ended = jest.fn();
    const states = new TypingStates(ended);
    states.set('dm:amy:bob', 'bob', Date.now() + 6000, ['amy']);
    jest.advanceTimersByTime(4000);
    states.set('dm:amy:bob', 'bob', Date.now() + 6000, ['amy']);
    jest.advanceTimersByTime(5000);
    expect(ended).not.toHaveBeenCalled();
    expect(states.typists('dm:amy:bob')).toEqual(['bob']);
    jest.advanceTimersByTime(1000);
    expect(ended).toHaveBeenCalledWith('dm:amy:bob', 'bob', ['amy']);
    expect(states.typists('dm:amy:bob')).toEqual([]);
  });

  it('tells nobody when a state said to end has ended already', () => {
    const ended = jest.fn();
    const states = new TypingStates(ended);
    states.set('room_1', 'bob', Date.now() + 6000, ['amy']);
    states.set('room_1', 'bob', null, ['amy']);
    jest.advanceTimersByTime(10_000);
    expect(ended).not.toHaveBeenCalled();
  });
});
