/**
 * The shell blocks of docs/operations.md, by name, so that tests run the commands exactly as the guide prints them.
 * A block is named by the comment above it: `<!-- exercised by <test file>: <name> -->`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoPath } from './repoRoot';

/** One fenced block of the guide and the test the guide says runs it. */
export interface GuideBlock {
  name: string;
  testFile: string;
  language: string;
  code: string;
}

/** Every fenced block of docs/operations.md, with its marker (null fields when the marker is missing). */
export function guideBlocks(text = readFileSync(repoPath('docs/operations.md'), 'utf8')): (GuideBlock | string)[] {
  const blocks: (GuideBlock | string)[] = [];
  const fence = /(?:<!-- exercised by (\S+): ([a-z0-9-]+) -->\s*\n\s*\n?)?```(\w*)\n([\s\S]*?)```/g;
  for (const match of text.matchAll(fence)) {
    const [, testFile, name, language = '', code = ''] = match;
    if (!testFile || !name)
      blocks.push(`a \`\`\`${language} block with no "exercised by" comment: ${code.split('\n')[0]}`);
    else blocks.push({ name, testFile, language, code });
  }
  return blocks;
}

/** The code of the named block. */
export function guideBlock(name: string): string {
  const block = guideBlocks().find((b): b is GuideBlock => typeof b !== 'string' && b.name === name);
  if (!block) throw new Error(`docs/operations.md has no block named ${name}`);
  return block.code;
}

/** Runs the named shell block with bash (-e: the first failing command fails it) and returns its stdout. */
export function runGuideBlock(name: string, options: { env: NodeJS.ProcessEnv; cwd?: string }): string {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', guideBlock(name)], {
    cwd: options.cwd ?? repoPath(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}
