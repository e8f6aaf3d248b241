/** The bench's lower bound: the fewest calls Salesforce's documented per-request limits allow. */
import { lowerBounds, readCalls, writeCalls } from '@scripts/bench/lowerBound';

describe('lower bound of API calls', () => {
  it('reads 25 describes per composite call plus one describeGlobal', () => {
    expect(readCalls({ objects: 2000, editableFields: 0 })).toBe(81);
    expect(readCalls({ objects: 1, editableFields: 0 })).toBe(2);
    expect(readCalls({ objects: 26, editableFields: 0 })).toBe(3);
  });

  it('writes 1,000 records per composite call, or one bulk job of at least 4 calls, whichever is fewer', () => {
    expect(writeCalls(0)).toBe(0);
    expect(writeCalls(1)).toBe(1);
    expect(writeCalls(2000)).toBe(2);
    expect(writeCalls(3001)).toBe(4);
    expect(writeCalls(200_000)).toBe(4);
  });

  it('adds the sets composite to Auto Config, and reads twice for a scan followed by Auto Fix', () => {
    const large = { objects: 2000, editableFields: 200_000 };
    expect(lowerBounds(large, 2000)).toEqual({
      autoConfig: 81 + 1 + 2 + 4,
      repeat: 81,
      verify: 81,
      scanAndFix: 2 * 81 + 2,
    });
  });
});
