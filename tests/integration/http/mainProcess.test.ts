/** `main.ts` as a process: refuses invalid configuration line by line, serves, and stops cleanly on SIGTERM. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runServiceProcess, waitForStdout } from '@test-support/serviceProcess';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-main-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function startMain(env: NodeJS.ProcessEnv) {
  return runServiceProcess('service/src/main.ts', dataDir, env);
}

it('prints one line per configuration problem and exits with status 1', async () => {
  const run = startMain({ SF_CLIENT_ID: '3MVG9-client', PORT: 'x', TRUST_PROXY: 'true' });
  expect(await run.exited).toBe(1);
  expect(run.stderr().trim().split('\n')).toEqual([
    'GRAX Connect did not start because of invalid configuration:',
    'PORT: must be a whole number',
    'TRUST_PROXY: "true" would trust any X-Forwarded-For a client sends; set the number of proxies in front of GRAX Connect (e.g. 1) or off',
    'SF_CLIENT_SECRET: required when SF_CLIENT_ID is set (outside demo mode)',
    expect.stringMatching(/^GRAX_SECRET_KEYS: required when SF_CLIENT_ID is set/),
  ]);
}, 60_000);

it('serves until SIGTERM, then stops cleanly with status 0', async () => {
  const run = startMain({ PORT: '0' });
  const port = await waitForStdout(run, (stdout) => {
    const match = /"port":(\d+),.*"msg":"GRAX Connect is listening"/.exec(stdout);
    return match?.[1] ? Number(match[1]) : null;
  });
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  expect(run.stdout()).toContain('"msg":"stopped"');
}, 60_000);
