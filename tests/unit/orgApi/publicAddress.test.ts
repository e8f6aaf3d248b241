import { publicAddressProblem } from '@service/orgApi/publicAddress';

describe('public address check', () => {
  it('accepts a public https address', () => {
    expect(publicAddressProblem('https://grax.acme.example')).toBeNull();
    expect(publicAddressProblem('https://grax.acme.example:8443')).toBeNull();
    expect(publicAddressProblem('https://grax.acme.example/')).toBeNull();
  });

  it.each([
    'http://localhost:3000',
    'https://localhost',
    'http://127.0.0.1:3000',
    'https://10.1.2.3',
    'https://192.168.0.10',
    'https://172.20.0.5',
    'https://[::1]:3000',
    'https://grax.local',
    'https://grax-service.invalid',
    'https://grax',
    'http://grax.acme.example',
    'https://grax.acme.example:80',
    'https://grax.acme.example/?tenant=1',
    'not a url',
  ])('warns that Salesforce cannot call %s', (url) => {
    expect(publicAddressProblem(url)).toContain('Salesforce needs a public HTTPS address with a trusted certificate');
  });

  it('names the address Salesforce cannot reach and why, in terms of PUBLIC_URL', () => {
    expect(publicAddressProblem('http://localhost:3000')).toContain(
      'PUBLIC_URL is http://localhost:3000, an address on this machine or a private network',
    );
    expect(publicAddressProblem('http://grax.acme.example')).toContain('(http), which Salesforce does not call');
    expect(publicAddressProblem('https://grax.acme.example:80')).toContain('not 80');
  });

  it('never repeats a password written into PUBLIC_URL', () => {
    const problem = publicAddressProblem('https://admin:s3cret@grax.acme.example');
    expect(problem).toContain('carries a user name, ? or #');
    expect(problem).not.toContain('s3cret');
  });
});
