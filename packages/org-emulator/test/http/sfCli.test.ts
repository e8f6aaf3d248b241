/**
 * The Salesforce CLI, unmodified, against the emulator: `sf org login access-token`, `sf org display`, `sf data query`
 * and `sf org assign permset`, with HOME and the CLI's state in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RunningEmulator } from '../../src/index';
import { DEMO_ORGS, DEMO_USERS, startTestEmulator } from './support/emulator';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../../../node_modules/.bin');

let emulator: RunningEmulator;
let home: string;
let env: NodeJS.ProcessEnv;
let instanceUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  home = mkdtempSync(join(tmpdir(), 'sf-cli-emulator-'));
  const admin = emulator.control.issueToken({ username: DEMO_USERS.acmeProduction.ssoAdmin.username });
  instanceUrl = admin.instance_url;
  env = {
    PATH: `${BIN}:${process.env['PATH'] ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_ACCESS_TOKEN: admin.access_token,
  };
});
afterAll(async () => {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
});

async function sf(...args: string[]): Promise<{ status: number; result: Record<string, unknown> }> {
  const { stdout } = await run(join(BIN, 'sf'), [...args, '--json'], { env, cwd: home, timeout: 90_000 });
  return JSON.parse(stdout) as { status: number; result: Record<string, unknown> };
}

describe('the Salesforce CLI', () => {
  it('logs in with an access token, displays the org, queries and assigns a permission set', async () => {
    const { stdout } = await run(
      join(BIN, 'sf'),
      ['org', 'login', 'access-token', '--instance-url', instanceUrl, '--alias', 'emu', '--no-prompt'],
      { env, cwd: home, timeout: 90_000 },
    );
    expect(stdout).toContain(`Successfully authorized ${DEMO_USERS.acmeProduction.ssoAdmin.username}`);

    const display = await sf('org', 'display', '-o', 'emu');
    expect(display.status).toBe(0);
    expect(display.result).toMatchObject({ id: DEMO_ORGS.acmeProduction.id, connectedStatus: 'Connected' });

    const query = await sf('data', 'query', '-q', 'SELECT Id, Name FROM Organization', '-o', 'emu');
    expect(query.result).toMatchObject({
      totalSize: 1,
      records: [{ Id: DEMO_ORGS.acmeProduction.id, Name: 'Acme Production' }],
    });

    const assign = await sf('org', 'assign', 'permset', '-n', 'GRAX_Viewer', '-o', 'emu');
    expect(assign.result).toEqual({
      successes: [{ name: DEMO_USERS.acmeProduction.ssoAdmin.username, value: 'GRAX_Viewer' }],
      failures: [],
    });
    const calls = emulator.control.stats().calls;
    expect(calls['GET /services/oauth2/userinfo']).toBe(1);
    expect(calls['POST /services/data/v{version}/sobjects/:type']).toBe(1);
  }, 180_000);
});
