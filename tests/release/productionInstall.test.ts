/**
 * A production install: the built service with production dependencies only (`npm ci --omit=dev --workspaces=false`
 * in a copy, so the org emulator's workspace package is not installed either), started with SF_CLIENT_ID set. It must answer /readyz, which proves that a
 * start against real Salesforce loads neither test code nor a development dependency.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runServiceProcess, waitForStdout, type ServiceProcess } from '@test-support/serviceProcess';
import { REPO_ROOT } from '@test-support/repoRoot';

const repoRoot = REPO_ROOT;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('a production install', () => {
  let workDir: string;
  let service: ServiceProcess | undefined;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'grax-prod-'));
    const copy = path.join(workDir, 'app');
    mkdirSync(path.join(copy, 'packages/org-emulator'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'packages/org-emulator/package.json']) {
      cpSync(path.join(repoRoot, file), path.join(copy, file));
    }
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(copy, 'dist')], {
      cwd: repoRoot,
    });
    execFileSync(process.execPath, ['scripts/copy-build-assets.js', path.join(copy, 'dist')], { cwd: repoRoot });
    // The npm cache filled by the project's own `npm ci` serves every package: no download is needed.
    execFileSync(
      npm,
      ['ci', '--omit=dev', '--workspaces=false', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: copy,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'pipe',
      },
    );
    rmSync(path.join(copy, 'packages'), { recursive: true, force: true });
  }, 600_000);

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it('has no development dependency installed', () => {
    const modules = path.join(workDir, 'app/node_modules');
    for (const devOnly of ['typescript', 'tsx', 'jest', '@grax-connect/org-emulator', '@jetstreamapp/soql-parser-js']) {
      expect({ devOnly, installed: existsSync(path.join(modules, devOnly)) }).toEqual({ devOnly, installed: false });
    }
    expect(existsSync(path.join(modules, 'express'))).toBe(true);
  });

  it('starts the built service against a configured External Client App and reports ready', async () => {
    const app = path.join(workDir, 'app');
    service = runServiceProcess(
      path.join(app, 'dist/service/src/main.js'),
      path.join(workDir, 'data'),
      {
        PORT: '0',
        SF_CLIENT_ID: '3MVG9productionInstallTest',
        SF_CLIENT_SECRET: 'not-a-real-secret',
        GRAX_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        NODE_ENV: 'production',
      },
      { nodeArgs: [], cwd: app },
    );
    const url = await waitForStdout(service, (out) => {
      const port = /"port":(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : null;
    });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(service.stdout()).toContain('"demoMode":false');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
