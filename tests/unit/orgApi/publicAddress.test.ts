import { publicAddressProblem } from '../../../service/src/orgApi/publicAddress';

describe('public address check', () => {
  it('accepts a public https address', () => {
    expect(publicAddressProblem('https://grax.acme.example')).toBeNull();
    expect(publicAddressProblem('https://grax.acme.example:8443')).toBeNull();
  });

  it.each([
    'http://localhost:3000',
    'https://localhost',
    'http://127.0.0.1:3000',
    'https://10.1.2.3',
    'https://192.168.0.10',
    'https://172.20.0.5',
    'https://grax.local',
    'https://grax',
    'http://grax.acme.example',
  ])('warns that Salesforce cannot call %s', (url) => {
    expect(publicAddressProblem(url)).toContain('Salesforce needs a public HTTPS address with a trusted certificate');
  });
});
