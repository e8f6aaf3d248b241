import { canonicalOrgId, salesforceId18, sameSalesforceId } from '@service/domain/salesforceIds';

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
    expect(sameSalesforceId('00D5g0000004CSw', '00D5g0000004CSwEAM')).toBe(true);
    expect(sameSalesforceId('00D5g0000004CSW', '00D5g0000004CSwEAM')).toBe(false);
    expect(sameSalesforceId('00D8d000000CcUNEA0', '00D5g0000004CSwEAM')).toBe(false);
    expect(sameSalesforceId(null, null)).toBe(false);
  });
});

describe('record ids', () => {
  it('treats the 15- and 18-character forms of a user id as the same user', () => {
    expect(salesforceId18('0055g00000AbCdE')).toBe('0055g00000AbCdEAAV');
    expect(sameSalesforceId('0055g00000AbCdE', '0055g00000AbCdEAAV')).toBe(true);
    expect(sameSalesforceId('0055g00000AbCdEAAV', '0055g00000AbCdEaav')).toBe(true);
  });

  it('never matches a missing, malformed or different id', () => {
    expect(sameSalesforceId('0055g00000AbCdE', '0055g00000ABCDE')).toBe(false);
    expect(sameSalesforceId(undefined, undefined)).toBe(false);
    expect(sameSalesforceId('not-an-id', 'not-an-id')).toBe(false);
    expect(sameSalesforceId('0055g00000AbCdEXXX', '0055g00000AbCdE')).toBe(false);
  });
});
