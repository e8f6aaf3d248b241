/** The repository's root folder, for tests that read its files or run its scripts. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}
