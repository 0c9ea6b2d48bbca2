import { backoffDelay } from './backoff';

const policy = { baseMs: 1_000, maxMs: 15_000 };

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(4_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(8_000);
  });

  it('never waits longer than the maximum', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(15_000);
  });

  it('spreads clients apart with jitter', () => {
    const delays = new Set([0.1, 0.4, 0.9].map((r) => backoffDelay(2, policy, () => r)));
    expect(delays.size).toBe(3);
  });
});
