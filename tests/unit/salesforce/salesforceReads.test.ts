/** Identity URL trust and org classification. */
import { isTrustedIdentityUrl } from '@service/salesforce/identity';
import { orgTypeOf } from '@service/salesforce/orgInfo';

const policy = {
  productionLoginUrl: 'https://login.salesforce.com',
  sandboxLoginUrl: 'https://test.salesforce.com',
  extraLoginOrigins: ['http://127.0.0.1:3001'],
};
const ids = '/id/00D5g0000004CSwEAM/0055g0000000146AAA';

describe('isTrustedIdentityUrl', () => {
  it.each([
    `https://login.salesforce.com${ids}`,
    `https://test.salesforce.com${ids}`,
    `https://acme.my.salesforce.com${ids}`,
    `https://acme--uat.sandbox.my.salesforce.com${ids}`,
    `http://127.0.0.1:3001${ids}`,
  ])('accepts %s', (url) => {
    expect(isTrustedIdentityUrl(url, policy)).toBe(true);
  });

  it.each([
    `https://evil.example.com${ids}`,
    `https://login.salesforce.com.evil.example${ids}`,
    `http://login.salesforce.com${ids}`,
    `http://127.0.0.1:3002${ids}`,
    'https://login.salesforce.com/services/data',
    `https://login.salesforce.com${ids}?oauth_token=x`,
    `https://user:pw@login.salesforce.com${ids}`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedIdentityUrl(url, policy)).toBe(false);
  });
});

describe('orgTypeOf', () => {
  it('tells production, Developer Edition, sandbox and scratch orgs apart', () => {
    const base = { isSandbox: false, organizationType: 'Enterprise Edition', trialExpirationDate: null };
    expect(orgTypeOf(base)).toBe('production');
    expect(orgTypeOf({ ...base, organizationType: 'Developer Edition' })).toBe('developer');
    expect(orgTypeOf({ ...base, isSandbox: true })).toBe('sandbox');
    expect(orgTypeOf({ ...base, isSandbox: true, trialExpirationDate: '2026-12-28' })).toBe('scratch');
  });
});
