import { resolveLoginHost, type LoginHostPolicy } from '@service/salesforce/loginHosts';

const policy: LoginHostPolicy = {
  productionLoginUrl: 'https://login.salesforce.com',
  sandboxLoginUrl: 'https://test.salesforce.com',
  extraLoginOrigins: ['http://127.0.0.1:3001'],
};

function loginUrl(environment: string, myDomain?: string): string {
  const result = resolveLoginHost({ environment, myDomain }, policy);
  if (!result.ok) throw new Error(`refused: ${result.problem.field}: ${result.problem.message}`);
  return result.value.loginUrl;
}

function problem(environment: unknown, myDomain?: unknown) {
  const result = resolveLoginHost({ environment, myDomain }, policy);
  if (result.ok) throw new Error(`accepted ${String(myDomain)} as ${result.value.loginUrl}`);
  return result.problem;
}

describe('resolveLoginHost', () => {
  it('uses the generic login hosts when no My Domain is given', () => {
    expect(loginUrl('production')).toBe('https://login.salesforce.com');
    expect(loginUrl('sandbox', '  ')).toBe('https://test.salesforce.com');
  });

  it.each([
    ['production', 'acme', 'https://acme.my.salesforce.com'],
    ['production', 'ACME.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['production', 'https://acme.my.salesforce.com/', 'https://acme.my.salesforce.com'],
    [
      'production',
      'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
      'https://acme.my.salesforce.com',
    ],
    ['sandbox', 'acme--uat', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['sandbox', 'acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com'],
    [
      'sandbox',
      'https://acme--uat.sandbox.lightning.force.com/lightning/page/home',
      'https://acme--uat.sandbox.my.salesforce.com',
    ],
    ['production', 'acme-dev-ed.develop.my.salesforce.com', 'https://acme-dev-ed.develop.my.salesforce.com'],
    ['production', 'https://acme-dev-ed.develop.lightning.force.com/', 'https://acme-dev-ed.develop.my.salesforce.com'],
    ['sandbox', 'power-fun-1234.scratch.my.salesforce.com', 'https://power-fun-1234.scratch.my.salesforce.com'],
    ['sandbox', 'power-fun-1234.scratch.lightning.force.com', 'https://power-fun-1234.scratch.my.salesforce.com'],
    ['production', 'acme.my.salesforce.mil', 'https://acme.my.salesforce.mil'],
    ['sandbox', 'test.salesforce.com', 'https://test.salesforce.com'],
  ])('maps %s + %s to %s', (environment, myDomain, expected) => {
    expect(loginUrl(environment, myDomain)).toBe(expected);
  });

  it('accepts an extra origin from the test allow list exactly', () => {
    expect(loginUrl('production', 'http://127.0.0.1:3001')).toBe('http://127.0.0.1:3001');
    expect(problem('production', 'http://127.0.0.1:3009').field).toBe('myDomain');
  });

  it.each([
    'https://evil.example.com',
    'https://login.salesforce.com.evil.example',
    'login.salesforce.com.evil.example',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,hi',
    'https://acme.my.salesforce.com.evil.example',
    'https://evil.example/acme.my.salesforce.com',
    'https://user:pw@acme.my.salesforce.com',
    'https://acme.my.salesforce.com:8443',
    'http://acme.my.salesforce.com',
    'https://acme.force.com',
    'https://acme.my.site.com',
    'https://evil.lightning.force.com.example',
    'acme my domain',
  ])('refuses %s as My Domain', (myDomain) => {
    const p = problem('production', myDomain);
    expect(p.field).toBe('myDomain');
    expect(p.message).toMatch(/My Domain|Salesforce/);
  });

  it('refuses a 3,000-character My Domain', () => {
    expect(problem('production', 'x'.repeat(3000)).message).toContain('too long');
  });

  it('refuses an unknown environment, naming the Environment field', () => {
    expect(problem('staging')).toEqual({
      field: 'environment',
      message: 'Choose Production or Sandbox as the Environment.',
    });
    expect(problem(undefined).field).toBe('environment');
  });

  it('says which environment a My Domain belongs to when it does not match', () => {
    expect(problem('production', 'acme--uat').message).toBe(
      'acme--uat.sandbox.my.salesforce.com belongs to a sandbox org: choose Sandbox as the Environment.',
    );
    expect(problem('sandbox', 'acme.my.salesforce.com').message).toContain('choose Production');
  });

  it('asks for the sandbox part when a bare production name is given for a sandbox', () => {
    expect(problem('sandbox', 'acme').message).toContain('acme--uat');
  });

  it('refuses a My Domain that is not text', () => {
    expect(problem('production', ['acme']).field).toBe('myDomain');
  });
});
