import { canonicalOrgId, sameOrg } from '../../../service/src/orgApi/orgIds';

describe('org ids', () => {
  it('turns a 15-character org id into the 18-character form Salesforce reports', () => {
    expect(canonicalOrgId('00D5g0000004CSw')).toBe('00D5g0000004CSwEAM');
    expect(canonicalOrgId('00D7Q0000008PTj')).toBe('00D7Q0000008PTjUAM');
    expect(canonicalOrgId('00D8d000000CcUN')).toBe('00D8d000000CcUNEA0');
  });

  it('keeps a correct 18-character id and accepts its suffix in lower case', () => {
    expect(canonicalOrgId('00D5g0000004CSwEAM')).toBe('00D5g0000004CSwEAM');
    expect(canonicalOrgId('00D5g0000004CSweam')).toBe('00D5g0000004CSwEAM');
  });

  it('refuses values that are not org ids', () => {
    for (const value of [
      undefined,
      null,
      '',
      '005000000000001AAA',
      '00D5g0000004CSwEAX',
      '00D5g0000004CSwEAM0',
      '00D5g0000004CS',
      '00D5g0000004CSw;--',
    ]) {
      expect(canonicalOrgId(value)).toBeNull();
    }
  });

  it('treats the 15- and 18-character forms of one org as the same org, and case in the id as significant', () => {
    expect(sameOrg('00D5g0000004CSw', '00D5g0000004CSwEAM')).toBe(true);
    expect(sameOrg('00D5g0000004CSW', '00D5g0000004CSwEAM')).toBe(false);
    expect(sameOrg('00D8d000000CcUNEA0', '00D5g0000004CSwEAM')).toBe(false);
    expect(sameOrg(null, null)).toBe(false);
  });
});
