/** loadConfig: defaults, demo mode, and one clear line per invalid input. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, withDemoClientApp } from '@service/config';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-config-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to refuse this environment');
}

const realMode = { SF_CLIENT_ID: '3MVG9-client', SF_CLIENT_SECRET: 'secret', GRAX_SECRET_KEYS: KEY };

describe('loadConfig in demo mode (no SF_CLIENT_ID)', () => {
  it('starts with documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      demoMode: true,
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      database: { kind: 'sqlite', path: path.join(dataDir, 'grax.db') },
      salesforce: {
        clientId: undefined,
        productionLoginUrl: 'https://login.salesforce.com',
        sandboxLoginUrl: 'https://test.salesforce.com',
        extraLoginOrigins: [],
        apiVersion: '62.0',
        maxConcurrentRequests: 8,
        clientAppName: 'GRAX Connect',
      },
      scanIntervalMs: 21_600_000,
      jobLeaseMs: 60_000,
      logLevel: 'info',
      session: { idleMs: 1_800_000, absoluteMs: 43_200_000 },
      trustProxy: false,
      secretKeysSource: 'file',
    });
  });

  it("takes the client app's Login History name from SF_CLIENT_APP_NAME (blank means the default)", () => {
    expect(loadConfig({ DATA_DIR: dataDir, SF_CLIENT_APP_NAME: 'Acme GRAX' }).salesforce.clientAppName).toBe(
      'Acme GRAX',
    );
    expect(loadConfig({ DATA_DIR: dataDir, SF_CLIENT_APP_NAME: '  ' }).salesforce.clientAppName).toBe('GRAX Connect');
    expect(problemsOf({ DATA_DIR: dataDir, SF_CLIENT_APP_NAME: 'x'.repeat(300) })).toContain(
      'SF_CLIENT_APP_NAME: is longer than 255 characters',
    );
  });

  it('generates a private key file once, warns about it, and reuses it on the next start', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'secret-keys');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.warnings.join('\n')).toMatch(/GRAX_SECRET_KEYS is not set: .*generated now in .*secret-keys/);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.warnings.join('\n')).toMatch(/generated earlier/);
    expect(second.secretKeys.keys[0]?.key.equals(first.secretKeys.keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^k\d{8}:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('names a damaged key file instead of silently replacing it', () => {
    writeFileSync(path.join(dataDir, 'secret-keys'), 'k1:tooshort\n');
    expect(problemsOf({})).toEqual([
      `GRAX_SECRET_KEYS (demo key file ${path.join(dataDir, 'secret-keys')}): key "k1" is 6 bytes; keys must be exactly 32 bytes (base64 of 32 random bytes)`,
    ]);
  });

  it('accepts the emulator as login host when it is on the extra allow list', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      SF_EXTRA_LOGIN_HOSTS: 'http://127.0.0.1:3001, http://127.0.0.1:3002',
      SF_PRODUCTION_LOGIN_URL: 'http://127.0.0.1:3001',
      SF_SANDBOX_LOGIN_URL: 'http://127.0.0.1:3002/',
    });
    expect(config.salesforce).toMatchObject({
      productionLoginUrl: 'http://127.0.0.1:3001',
      sandboxLoginUrl: 'http://127.0.0.1:3002',
      extraLoginOrigins: ['http://127.0.0.1:3001', 'http://127.0.0.1:3002'],
    });
    expect(config.warnings.some((w) => w.includes('SF_EXTRA_LOGIN_HOSTS'))).toBe(false);
  });
});

describe('withDemoClientApp', () => {
  const app = { clientId: 'demo-client', clientSecret: 'demo-secret' };

  it('fills in the emulator client app and stays in demo mode', () => {
    const config = withDemoClientApp(loadConfig({ DATA_DIR: dataDir }), app);
    expect(config.demoMode).toBe(true);
    expect(config.salesforce).toMatchObject({ clientId: 'demo-client', clientSecret: 'demo-secret' });
  });

  it('never replaces a real client app', () => {
    expect(() => withDemoClientApp(loadConfig({ DATA_DIR: dataDir, ...realMode }), app)).toThrow(/demo mode only/);
  });
});

describe('loadConfig outside demo mode', () => {
  it('requires the client secret and the key ring', () => {
    expect(problemsOf({ SF_CLIENT_ID: '3MVG9-client' })).toEqual([
      'SF_CLIENT_SECRET: required when SF_CLIENT_ID is set (outside demo mode)',
      expect.stringMatching(
        /^GRAX_SECRET_KEYS: required when SF_CLIENT_ID is set \(outside demo mode\); generate a key with /,
      ),
    ]);
  });

  it('uses the given keys and writes no key file', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ...realMode, PUBLIC_URL: 'https://grax.example.com/' });
    expect(config).toMatchObject({ demoMode: false, secretKeysSource: 'env', secureCookies: true });
    expect(config.publicUrl).toBe('https://grax.example.com');
    expect(() => statSync(path.join(dataDir, 'secret-keys'))).toThrow();
  });

  it('warns when the test-only login allow list is used with a real client app', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ...realMode, SF_EXTRA_LOGIN_HOSTS: 'http://127.0.0.1:3001' });
    expect(config.warnings).toEqual([
      'SF_EXTRA_LOGIN_HOSTS allows logins through http://127.0.0.1:3001; use it only for tests.',
    ]);
  });
});

describe('loadConfig refuses invalid input with one line per problem', () => {
  it('reports every invalid variable at once', () => {
    expect(
      problemsOf({
        ...realMode,
        PORT: 'eighty',
        PUBLIC_URL: 'https://grax.example.com/web?x=1',
        DATABASE_URL: 'mysql://db/grax',
        SF_API_VERSION: '50.0',
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'verbose',
        SCAN_INTERVAL_MS: '1000',
        SF_MAX_CONCURRENT_REQUESTS: '0',
        ADMIN_EMAIL: 'not-an-address',
        SMTP_URL: 'http://mail',
        GRAX_SETUP_TOKEN: 'short',
      }),
    ).toEqual([
      'PORT: must be a whole number',
      'PUBLIC_URL: must be an http(s) origin such as https://grax.example.com without a path, query or fragment (got "https://grax.example.com/web?x=1")',
      'DATABASE_URL: must start with sqlite: or postgres://',
      'SF_API_VERSION: must be 62.0 or newer',
      'GRAX_SETUP_TOKEN: must be at least 32 characters (or leave it unset to get a generated one)',
      'SCAN_INTERVAL_MS: must be between 60000 and 2592000000',
      'SF_MAX_CONCURRENT_REQUESTS: must be between 1 and 25',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'TRUST_PROXY: "true" would trust any X-Forwarded-For a client sends; set the number of proxies in front of GRAX Connect (e.g. 1) or off',
      'SMTP_URL: must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465',
      'ADMIN_EMAIL: must be an email address',
    ]);
  });

  it.each([
    ['a word repeated', 'Password1234'.repeat(4), 'repeats a run of 8 characters'],
    ['one character', 'a'.repeat(40), 'has about 0 bits of entropy'],
    ['a 128-bit value in hex, as estimated', 'f3a9c2e47b1d08e6a5c3f29b7d4e1a08', 'has about 1'],
    ['a short alphabet', 'abababababababababababababababababababab', 'has about 40 bits of entropy'],
  ])('refuses a GRAX_SETUP_TOKEN of %s, saying how to make one', (_kind, token, says) => {
    const [line, ...others] = problemsOf({ GRAX_SETUP_TOKEN: token });
    expect(others).toEqual([]);
    expect(line).toContain(`GRAX_SETUP_TOKEN: ${says}`);
    expect(line).toContain('openssl rand -base64 32');
    expect(line).not.toContain(token);
  });

  it('accepts a GRAX_SETUP_TOKEN of 32 random bytes', () => {
    for (const token of [
      randomBytes(32).toString('base64'),
      randomBytes(32).toString('hex'),
      randomBytes(24).toString('base64url'),
    ]) {
      expect(loadConfig({ DATA_DIR: dataDir, GRAX_SETUP_TOKEN: token }).setupToken).toBe(token);
    }
  });

  it('takes several ADMIN_EMAIL addresses separated by commas and names the one that is not an address', () => {
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'ops@acme.example, it@acme.example,ops@acme.example' });
    expect(config.alerts.adminEmails).toEqual(['ops@acme.example', 'it@acme.example']);
    expect(loadConfig({ DATA_DIR: dataDir }).alerts.adminEmails).toEqual([]);
    expect(problemsOf({ ...realMode, ADMIN_EMAIL: 'ops@acme.example, it-team' })).toEqual([
      'ADMIN_EMAIL: must be email addresses separated by commas; not an address: it-team',
    ]);
  });

  it('accepts a hop count for TRUST_PROXY and a newer API version', () => {
    const config = loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: '1', SF_API_VERSION: '64.0' });
    expect(config.trustProxy).toBe(1);
    expect(config.salesforce.apiVersion).toBe('64.0');
  });

  it('refuses login URLs that are not Salesforce login hosts of their environment', () => {
    expect(
      problemsOf({
        SF_PRODUCTION_LOGIN_URL: 'https://login.evil.example.com',
        SF_SANDBOX_LOGIN_URL: 'https://login.salesforce.com',
      }),
    ).toEqual([
      'SF_PRODUCTION_LOGIN_URL: login.evil.example.com is not a Salesforce My Domain. Use the address from Setup > My Domain, such as acme.my.salesforce.com. (or list https://login.evil.example.com in SF_EXTRA_LOGIN_HOSTS for tests)',
      'SF_SANDBOX_LOGIN_URL: login.salesforce.com belongs to a production org: choose Production as the Environment. (or list https://login.salesforce.com in SF_EXTRA_LOGIN_HOSTS for tests)',
    ]);
  });

  it('accepts a My Domain as the production login URL', () => {
    const config = loadConfig({ DATA_DIR: dataDir, SF_PRODUCTION_LOGIN_URL: 'https://acme.my.salesforce.com' });
    expect(config.salesforce.productionLoginUrl).toBe('https://acme.my.salesforce.com');
  });

  it('refuses an unlisted http login host and names each bad allow-list entry', () => {
    expect(
      problemsOf({
        SF_PRODUCTION_LOGIN_URL: 'http://127.0.0.1:3001',
        SF_EXTRA_LOGIN_HOSTS: 'http://127.0.0.1:3002,ftp://x,http://127.0.0.1:3003/path',
      }),
    ).toEqual([
      'SF_EXTRA_LOGIN_HOSTS: entry "ftp://x": must start with http:// or https://',
      'SF_EXTRA_LOGIN_HOSTS: entry "http://127.0.0.1:3003/path": must be an http(s)://host:port origin without a path, query or fragment (got "http://127.0.0.1:3003/path")',
      'SF_PRODUCTION_LOGIN_URL: My Domain must be an https Salesforce address without a port or user name. (or list http://127.0.0.1:3001 in SF_EXTRA_LOGIN_HOSTS for tests)',
    ]);
  });

  it('refuses a malformed key ring without echoing key material', () => {
    const secretLooking = 'QUFBQUFBQUFBQUFBQUFBQQ==';
    const problems = problemsOf({
      ...realMode,
      GRAX_SECRET_KEYS: `k1:${secretLooking},bad,k1:${Buffer.alloc(32).toString('base64')}`,
    });
    expect(problems).toEqual([
      'GRAX_SECRET_KEYS: key "k1" is 16 bytes; keys must be exactly 32 bytes (base64 of 32 random bytes)',
      'GRAX_SECRET_KEYS: key 2 is not of the form keyId:base64key',
    ]);
    expect(problems.join('\n')).not.toContain(secretLooking);
  });

  it('refuses an idle timeout longer than the absolute session lifetime', () => {
    expect(problemsOf({ SESSION_IDLE_MS: '7200000', SESSION_ABSOLUTE_MS: '3600000' })).toEqual([
      'SESSION_IDLE_MS: must not be longer than SESSION_ABSOLUTE_MS',
    ]);
  });

  it('chooses PostgreSQL from DATABASE_URL and treats blank variables as unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://grax@db.internal:5432/grax', PORT: ' ' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://grax@db.internal:5432/grax' });
    expect(config.port).toBe(3000);
  });
});
