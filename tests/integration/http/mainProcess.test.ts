/** `main.ts` as a process: refuses invalid configuration line by line, serves, and stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-main-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function startMain(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'service/src/main.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

it('prints one line per configuration problem and exits with status 1', async () => {
  const run = startMain({ SF_CLIENT_ID: '3MVG9-client', PORT: 'x', TRUST_PROXY: 'true' });
  expect(await run.exited).toBe(1);
  expect(run.output().stderr.trim().split('\n')).toEqual([
    'GRAX Connect did not start because of invalid configuration:',
    'PORT: must be a whole number',
    'TRUST_PROXY: "true" would trust any X-Forwarded-For a client sends; set the number of proxies in front of GRAX Connect (e.g. 1) or off',
    'SF_CLIENT_SECRET: required when SF_CLIENT_ID is set (outside demo mode)',
    expect.stringMatching(/^GRAX_SECRET_KEYS: required when SF_CLIENT_ID is set/),
  ]);
}, 60_000);

it('serves until SIGTERM, then stops cleanly with status 0', async () => {
  const run = startMain({ PORT: '0' });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"port":(\d+),.*"msg":"GRAX Connect is listening"/.exec(run.output().stdout);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void run.exited.then(() => {
      clearInterval(timer);
      reject(new Error(`main exited early: ${run.output().stderr}`));
    });
  });
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  expect(run.output().stdout).toContain('"msg":"stopped"');
}, 60_000);
