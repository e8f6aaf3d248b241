/**
 * The demo-mode key file: when GRAX_SECRET_KEYS is not set in demo mode, a key ring is generated once into
 * `DATA_DIR/secret-keys` (readable by the owner only) and reused on every start, so demo data stays readable.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyRingSpec } from './secretBox';

/** The ring spec from the key file and whether it was created just now. */
export interface KeyFileResult {
  spec: string;
  path: string;
  created: boolean;
}

/** Reads `dataDir/secret-keys`, creating it with a fresh key when it does not exist. */
export function loadOrCreateKeyFile(dataDir: string): KeyFileResult {
  const file = path.join(dataDir, 'secret-keys');
  if (existsSync(file)) {
    return { spec: readFileSync(file, 'utf8').trim(), path: file, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${generateKeyRingSpec()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { spec: readFileSync(file, 'utf8').trim(), path: file, created: true };
}
