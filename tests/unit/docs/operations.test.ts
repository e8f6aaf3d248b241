/**
 * docs/operations.md promises that every command it prints is run by a test: each fenced block names its test and a
 * block name, and that test must use the name (it runs the block through tests/support/operationsGuide.ts). The
 * systemd example is checked here: it starts what the build produces and only sets variables the service reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { guideBlock, guideBlocks, type GuideBlock } from '@test-support/operationsGuide';
import { repoPath } from '@test-support/repoRoot';

const blocks = guideBlocks();

it('names, above every block, a test that runs it', () => {
  const problems = blocks.flatMap((block) => {
    if (typeof block === 'string') return [block];
    const test = repoPath(block.testFile);
    if (!existsSync(test)) return [`${block.name}: ${block.testFile} does not exist`];
    return readFileSync(test, 'utf8').includes(`'${block.name}'`)
      ? []
      : [`${block.name}: ${block.testFile} never runs it`];
  });
  expect(problems).toEqual([]);
  expect(blocks.filter((b): b is GuideBlock => typeof b !== 'string').length).toBeGreaterThanOrEqual(8);
});

it('finds a block without a test', () => {
  const text = 'Intro.\n\n```sh\nrm -rf /\n```\n\n<!-- exercised by tests/x.test.ts: ok -->\n\n```sh\ntrue\n```\n';
  expect(guideBlocks(text)).toEqual([
    'a ```sh block with no "exercised by" comment: rm -rf /',
    { name: 'ok', testFile: 'tests/x.test.ts', language: 'sh', code: 'true\n' },
  ]);
});

describe('the systemd unit', () => {
  const unit = guideBlock('systemd-unit');
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('starts the built entry point with node, from the install folder', () => {
    expect(setting('ExecStart')).toBe('/usr/bin/node /opt/grax-connect/dist/service/src/main.js');
    expect(setting('WorkingDirectory')).toBe('/opt/grax-connect');
    // The path under dist/ is where tsconfig.build.json puts service/src/main.ts.
    const build = JSON.parse(readFileSync(repoPath('tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
      include: string[];
    };
    expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(build.include).toContain('service/src/**/*.ts');
  });

  it('stops with SIGTERM and waits longer than the service finishes requests', () => {
    expect(setting('KillSignal')).toBe('SIGTERM');
    const shutdownDefaultMs = 10_000;
    expect(Number(setting('TimeoutStopSec')) * 1000).toBeGreaterThan(shutdownDefaultMs);
  });

  it('sets only variables the service reads, and keeps them in a file', () => {
    expect(setting('EnvironmentFile')).toBe('/etc/grax-connect/env');
    const config = readFileSync(repoPath('service/src/config.ts'), 'utf8');
    const names = [...guideBlock('systemd-env').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !config.includes(`'${name}'`))).toEqual([]);
  });
});
