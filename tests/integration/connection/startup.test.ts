/**
 * Starting as a process: `main.ts` refuses to start outside demo mode without the client secret or the key ring (one
 * line per problem, exit status 1), and `npm start` (scripts/start.ts) runs the demo: emulator and service really
 * listening, the setup token printed once and never logged, a full connect through it, Ctrl-C stops both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import { runServiceProcess, waitForStdout } from '@test-support/serviceProcess';
import { GraxBrowser } from '@test-support/browser';
import { freePort } from '@test-support/ports';

const KEY = 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-start-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function run(script: string, env: NodeJS.ProcessEnv) {
  return runServiceProcess(script, dataDir, env);
}

describe('main.ts outside demo mode', () => {
  it('refuses to start without SF_CLIENT_SECRET', async () => {
    const main = run('service/src/main.ts', { SF_CLIENT_ID: '3MVG9-client', GRAX_SECRET_KEYS: KEY, PORT: '0' });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim().split('\n')).toEqual([
      'GRAX Connect did not start because of invalid configuration:',
      'SF_CLIENT_SECRET: required when SF_CLIENT_ID is set (outside demo mode)',
    ]);
  }, 60_000);

  it('refuses to start without GRAX_SECRET_KEYS', async () => {
    const main = run('service/src/main.ts', { SF_CLIENT_ID: '3MVG9-client', SF_CLIENT_SECRET: 'secret', PORT: '0' });
    expect(await main.exited).toBe(1);
    const lines = main.stderr().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^GRAX_SECRET_KEYS: required when SF_CLIENT_ID is set \(outside demo mode\)/);
  }, 60_000);
});

describe('npm start (demo mode)', () => {
  it('runs the emulator with the package installed and the service, prints the setup token once, connects, and stops on Ctrl-C', async () => {
    const [port, emulatorPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${port}`;
    const demo = run('scripts/start.ts', {
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_SANDBOX_PORT: String(sandboxPort),
    });
    let token = '';
    try {
      await waitForStdout(demo, (stdout) => (stdout.includes('Press Ctrl-C to stop.') ? true : null));
      const out = demo.stdout();
      expect(out).toContain(`GRAX Connect:        ${publicUrl}/web   (listening on http://127.0.0.1:${port})`);
      expect(out).toContain(`http://127.0.0.1:${emulatorPort} (production), http://127.0.0.1:${sandboxPort} (sandbox)`);
      expect(out).toContain('grax.integration@acme.example / Integration#2026');
      expect(out).toContain(
        'GRAX package:        installed from force-app into Acme Production and Acme Sandbox, as a package install does',
      );
      // The package as installed from force-app: its Apex classes (GraxRules is not in the seed), and GRAX_Setup_Admin
      // as the package lists it (Apex access to GraxSetupController alone) without what an install would drop.
      const issued = (await (
        await fetch(`http://127.0.0.1:${emulatorPort}/__emulator/tokens/issue`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: DEMO_USERS.acmeProduction.ssoAdmin.username }),
        })
      ).json()) as { access_token: string; instance_url: string };
      const query = async (soql: string): Promise<Record<string, unknown>[]> =>
        (
          (await (
            await fetch(`${issued.instance_url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
              headers: { Authorization: `Bearer ${issued.access_token}` },
            })
          ).json()) as { records: Record<string, unknown>[] }
        ).records;
      expect(await query("SELECT Name FROM ApexClass WHERE Name = 'GraxRules'")).toHaveLength(1);
      const [adminSet] = await query("SELECT Id FROM PermissionSet WHERE Name = 'GRAX_Setup_Admin'");
      const classIds = (
        await query(
          `SELECT SetupEntityId FROM SetupEntityAccess WHERE ParentId = '${String(adminSet?.Id)}' AND SetupEntityType = 'ApexClass'`,
        )
      ).map((r) => String(r.SetupEntityId));
      const classes = await query(`SELECT Name FROM ApexClass WHERE Id IN ('${classIds.join("','")}')`);
      expect(classes.map((r) => r.Name)).toEqual(['GraxSetupController']);
      token = /Setup token \(first connection only, works once\): (\S+)/.exec(out)?.[1] ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(out.split(token)).toHaveLength(2);

      const browser = new GraxBrowser(publicUrl, publicUrl);
      const landed = await browser.connect({ setupToken: token }, DEMO_USERS.acmeProduction.integration);
      expect(landed.status).toBe(303);
      expect(landed.location).toBe('/login?connected=1');
      // Connected: a visitor is sent to sign in instead of the connect page.
      expect((await new GraxBrowser(publicUrl, publicUrl).get('/web')).location).toBe('/login');
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await demo.exited).toBe(0);
    const logLines = demo
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.some((line) => line.includes('"msg":"Salesforce connected"'))).toBe(true);
    expect(logLines.filter((line) => line.includes(token))).toEqual([]);
    await expect(fetch(`${publicUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${emulatorPort}/services/data/`)).rejects.toThrow();
  }, 90_000);
});
