/**
 * A throwaway PostgreSQL cluster for tests: initdb + pg_ctl in a temp dir, listening on 127.0.0.1 on a free port with
 * trust authentication. initdb refuses to run as root; then the cluster is created and run as the `postgres` system
 * user (or `nobody`) through runuser. `stop()` shuts it down and deletes the directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from '@test-support/ports';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface PgCluster {
  /** Connection URL of the cluster's `postgres` database. */
  url: string;
  /** The server's bin folder (pg_dump and pg_restore of the same version). */
  binDir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const SUPERUSER = 'grax';

function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. ' +
        'Run bash scripts/ensure-system-deps.sh (or apt-get install postgresql) and run the tests again.',
    );
  }
  return path.join(root, newest, 'bin');
}

function systemUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (result.status === 0) {
      const uid = Number(result.stdout.trim());
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { name, uid, gid };
    }
  }
  throw new Error('initdb cannot run as root and neither a postgres nor a nobody user exists to run it as.');
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}

/** Starts a new cluster; call `stop()` when done. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grax-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const initdbArgs = ['-D', dataDir, `--username=${SUPERUSER}`, '--auth=trust', '--encoding=UTF8', '--no-locale'];

  let runAs: string | null = null;
  const direct = spawnSync(path.join(bin, 'initdb'), initdbArgs, { encoding: 'utf8' });
  if (direct.status !== 0) {
    if (!/cannot be run as root/i.test(direct.stderr)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${direct.stderr}`);
    }
    const user = systemUser();
    rmSync(dataDir, { recursive: true, force: true });
    chownTree(dir, user.uid, user.gid);
    runAs = user.name;
    execFileSync('runuser', ['-u', runAs, '--', path.join(bin, 'initdb'), ...initdbArgs], { stdio: 'pipe' });
  }

  const pgCtl = (args: string[]) => {
    const command = runAs ? 'runuser' : path.join(bin, 'pg_ctl');
    const fullArgs = runAs ? ['-u', runAs, '--', path.join(bin, 'pg_ctl'), ...args] : args;
    return execFileSync(command, fullArgs, { stdio: 'pipe' });
  };
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
  pgCtl(['-D', dataDir, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', 'start']);

  const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  return {
    url,
    binDir: bin,
    async createDatabase(name) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        pgCtl(['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
