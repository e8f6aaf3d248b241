// The release scripts without a Salesforce login: scripts/scratch-org-test.sh and scripts/package-version.sh must say
// that no Dev Hub is authorised and exit 0, so a pipeline without one passes, and package-version.sh must say how to
// create the package when the Dev Hub does not know it yet. Each run gets an empty HOME, so no login of the machine
// running the tests can leak in.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@test-support/packageFiles';

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('release scripts without a Dev Hub', () => {
  let home: string;

  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'grax-release-'));
  });

  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  /** Runs a script from scripts/ with an empty HOME; extraEnv adds variables (GRAX_DEV_HUB is removed otherwise). */
  function runScript(script: string, extraEnv: Record<string, string> = {}): Promise<ScriptRun> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      ...extraEnv,
    };
    if (!('GRAX_DEV_HUB' in extraEnv)) delete env.GRAX_DEV_HUB;
    return new Promise((resolve) => {
      execFile(
        'bash',
        [path.join('scripts', script)],
        { cwd: REPO_ROOT, env, timeout: 120_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  it('scratch-org-test.sh skips with how to authorise a Dev Hub, and succeeds', async () => {
    const run = await runScript('scratch-org-test.sh');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Skipping the scratch-org test: no Dev Hub is authorised.');
    expect(run.stdout).toContain('sf org login web --set-default-dev-hub');
    expect(run.stdout).not.toContain('Creating scratch org');
  });

  it('package-version.sh skips with how to authorise a Dev Hub, and succeeds', async () => {
    const run = await runScript('package-version.sh');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Skipping the package version: no Dev Hub is authorised.');
    expect(run.stdout).not.toContain('Creating a version');
  });

  it('package-version.sh says how to create the package when sfdx-project.json has no alias for it yet', async () => {
    const run = await runScript('package-version.sh', { GRAX_DEV_HUB: 'grax-devhub' });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sfdx-project.json has no package alias "GRAX Connect"');
    expect(run.stdout).toContain(
      'sf package create --name "GRAX Connect" --package-type Unlocked --path force-app --no-namespace --target-dev-hub grax-devhub',
    );
  });
});
