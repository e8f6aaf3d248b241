/**
 * Turns a Salesforce DX package directory into the Metadata API folder a package version is built from, with
 * `sf project convert source` (offline, no org needed). The org emulator installs from that folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The `sf` of the project's node_modules (nearest first), else the one on the PATH. */
function sfBinary(projectDir: string): string {
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', 'sf');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return 'sf';
  }
}

/**
 * Converts `rootDir` (a package directory, relative to `projectDir`, e.g. force-app) into `outputDir` (a new temporary
 * folder when not given); returns the folder. Throws with sf's own message when the conversion fails.
 */
export async function convertSource(options: {
  projectDir: string;
  rootDir: string;
  outputDir?: string;
}): Promise<string> {
  const outputDir = options.outputDir ?? path.join(mkdtempSync(path.join(tmpdir(), 'emulator-package-')), 'mdapi');
  const home = mkdtempSync(path.join(tmpdir(), 'emulator-sf-home-'));
  const sf = sfBinary(options.projectDir);
  try {
    await run(
      sf,
      ['project', 'convert', 'source', '--root-dir', options.rootDir, '--output-dir', outputDir, '--json'],
      {
        cwd: options.projectDir,
        env: {
          ...process.env,
          HOME: home,
          PATH: `${path.dirname(sf)}${path.delimiter}${process.env.PATH ?? ''}`,
          SF_DISABLE_TELEMETRY: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_DISABLE_AUTOUPDATE: 'true',
          SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
        },
        timeout: 180_000,
      },
    );
  } catch (error) {
    const { stdout, message } = error as { stdout?: string; message: string };
    let detail = message;
    try {
      detail = (JSON.parse(stdout ?? '') as { message?: string }).message ?? message;
    } catch {
      // sf did not answer JSON: keep the process error.
    }
    throw new Error(`sf project convert source --root-dir ${options.rootDir} failed: ${detail}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return outputDir;
}

/** The package directory of a Salesforce DX project (the entry of sfdx-project.json that names a package). */
export function packagedDirectory(projectDir: string): { path: string; packageName: string } {
  const file = path.join(projectDir, 'sfdx-project.json');
  if (!existsSync(file)) throw new Error(`${projectDir} has no sfdx-project.json: run this from the project's folder.`);
  const project = JSON.parse(readFileSync(file, 'utf8')) as {
    packageDirectories?: { path: string; package?: string }[];
  };
  const packaged = project.packageDirectories?.find((d) => typeof d.package === 'string');
  if (!packaged?.package) throw new Error(`No entry of ${file} packageDirectories names a package.`);
  return { path: packaged.path, packageName: packaged.package };
}

/** Converts a project's package directory; returns the Metadata API folder and the package's name. */
export async function convertPackage(projectDir: string): Promise<{ metadataDir: string; packageName: string }> {
  const packaged = packagedDirectory(projectDir);
  const metadataDir = await convertSource({ projectDir, rootDir: packaged.path });
  return { metadataDir, packageName: packaged.packageName };
}
