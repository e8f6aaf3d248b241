/**
 * A production install, run as docs/operations.md prints it: `npm run build`, the build and the lock file copied to an
 * install folder, `npm ci --omit=dev --workspaces=false` there (so neither development dependencies nor the org
 * emulator's workspace package are installed), then the built service started with SF_CLIENT_ID set. It must answer
 * the guide's health checks, which proves that a start against real Salesforce loads neither test code nor a
 * development dependency; the built key-rotation and setup-token commands run against what it stored.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guideBlock, runGuideBlock } from '@test-support/operationsGuide';
import { freePort } from '@test-support/ports';
import { runProcess, waitForStdout, type ServiceProcess } from '@test-support/serviceProcess';

describe('a production install, as docs/operations.md prints it', () => {
  let workDir: string;
  let appDir: string;
  let service: ServiceProcess | undefined;
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  /** The configuration of a real-mode install: its data folder, an External Client App and the key ring. */
  const realMode = () => ({
    DATA_DIR: path.join(workDir, 'data'),
    SF_CLIENT_ID: '3MVG9productionInstallTest',
    SF_CLIENT_SECRET: 'not-a-real-secret',
    GRAX_SECRET_KEYS: keys,
    NODE_ENV: 'production',
  });

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'grax-prod-'));
    appDir = path.join(workDir, 'app');
    // The npm cache filled by the project's own `npm ci` serves every package: no download is needed.
    runGuideBlock('build-and-install', {
      env: {
        APP_DIR: appDir,
        NODE_ENV: 'production',
        npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? '/root', '.npm'),
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_loglevel: 'error',
      },
    });
  }, 600_000);

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it('has no development dependency installed', () => {
    const modules = path.join(appDir, 'node_modules');
    for (const devOnly of ['typescript', 'tsx', 'jest', '@grax-connect/org-emulator', '@jetstreamapp/soql-parser-js']) {
      expect({ devOnly, installed: existsSync(path.join(modules, devOnly)) }).toEqual({ devOnly, installed: false });
    }
    expect(existsSync(path.join(modules, 'express'))).toBe(true);
  });

  it('starts the built service against a configured External Client App and answers the health checks', async () => {
    const port = String(await freePort());
    const env = { ...realMode(), PATH: process.env.PATH, APP_DIR: appDir, HOST: '127.0.0.1', PORT: port };
    // `exec` so that the signal reaches node itself, as a process manager's does.
    service = runProcess('bash', ['-c', `exec ${guideBlock('start')}`], { cwd: workDir, env });
    await waitForStdout(service, (out) => (out.includes('"port":') ? true : null));

    const health = runGuideBlock('health', { env: { PORT: port } });
    expect(health.replace(/\s+/g, '')).toBe('{"status":"ok"}{"status":"ready"}');
    expect(service.stdout()).toContain('"demoMode":false');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('runs the built key-rotation command on what the service stored', () => {
    const out = runGuideBlock('reencrypt', {
      cwd: appDir,
      env: realMode(),
    });
    expect(out).toMatch(/Re-encrypted 0 of \d+ stored secrets with key "k1"\./);
  });

  it('issues a setup token with the built command, never connected as the install is', () => {
    const out = runGuideBlock('setup-token', {
      cwd: appDir,
      env: realMode(),
    });
    expect(out).toMatch(/GRAX Connect setup token: [A-Za-z0-9_-]{32}\n/);
    expect(out).toContain('/web/connect, enter the token');
  });
});
