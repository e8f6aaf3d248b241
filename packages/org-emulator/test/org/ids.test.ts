import { IdFactory, checksumSuffix, randomId, toId15, toId18 } from '../../src/org/ids';

describe('record ids', () => {
  it('appends the case-checksum suffix Salesforce documents for a 15-character id', () => {
    expect(checksumSuffix('001D000000IqhSL')).toBe('IAZ');
    expect(toId18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
  });

  it('accepts an 18-character id in any letter case and restores the original case from the suffix', () => {
    expect(toId18('001d000000iqhsliaz')).toBe('001D000000IqhSLIAZ');
    expect(toId18('001D000000IQHSLIAZ')).toBe('001D000000IqhSLIAZ');
  });

  it('refuses values that are not ids', () => {
    expect(toId18('001D000000IqhS')).toBeUndefined();
    expect(toId18('001D000000IqhSL-AZ')).toBeUndefined();
    expect(toId18('001D000000IqhSL9AZ')).toBeUndefined();
    expect(toId18(42)).toBeUndefined();
  });

  it('makes random 18-character ids with the given prefix and a matching case-checksum suffix', () => {
    const id = randomId('7505');
    expect(id).toMatch(/^7505[0-9A-Za-z]{14}$/);
    expect(toId18(toId15(id))).toBe(id);
    expect(randomId('7505')).not.toBe(id);
  });

  it('issues valid, distinct ids with the key prefix and instance, the same ones for the same start', () => {
    const a = new IdFactory('5g', 4096);
    const b = new IdFactory('5g', 4096);
    const first = a.next('0PS');
    expect(first).toMatch(/^0PS5g0[0-9A-Za-z]{12}$/);
    expect(toId18(toId15(first))).toBe(first);
    expect(a.next('0PS')).not.toBe(first);
    expect(b.next('0PS')).toBe(first);
  });

  it('returns to earlier counters after restore(), so rolled-back ids are issued again', () => {
    const ids = new IdFactory('5g', 1);
    const snapshot = ids.snapshot();
    const id = ids.next('001');
    ids.restore(snapshot);
    expect(ids.next('001')).toBe(id);
  });
});
