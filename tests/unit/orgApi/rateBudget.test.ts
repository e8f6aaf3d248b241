import { RateBudget } from '@service/orgApi/rateBudget';
import { TestClock } from '@test-support/testClock';

describe('rate budget', () => {
  it('allows the limit per window, then says how many seconds are left, then allows again', () => {
    const clock = new TestClock();
    const budget = new RateBudget(clock, 3, 60_000);
    expect([budget.take('a'), budget.take('a'), budget.take('a')]).toEqual([null, null, null]);
    expect(budget.take('a')).toBe(60);
    clock.advance(45_500);
    expect(budget.take('a')).toBe(15);
    clock.advance(14_500);
    expect(budget.take('a')).toBeNull();
  });

  it('keeps a separate budget per key', () => {
    const budget = new RateBudget(new TestClock(), 1, 60_000);
    expect(budget.take('a')).toBeNull();
    expect(budget.take('a')).not.toBeNull();
    expect(budget.take('b')).toBeNull();
  });
});
