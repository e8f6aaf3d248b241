/**
 * tests/ mirrors service/src/: a test of service/src/<folder> lives in tests/unit/<folder> or
 * tests/integration/<folder>; helpers both kinds share live in tests/support/ (one harness, testService.ts, starts the
 * service on the composition root); tests import through the path aliases, never through ../../ chains; unit tests
 * never import integration helpers. This test and `npm run lint` hold those rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintAt } from '@test-support/eslintProbe';
import { aliases } from '@test-support/pathAliases';
import { REPO_ROOT, repoPath } from '@test-support/repoRoot';

/** Folders of tests/unit that test the repository rather than service/src (layers, the bench's lower bounds, docs, the Salesforce package). */
const REPOSITORY_FOLDERS = ['architecture', 'bench', 'docs', 'package'];

const serviceFolders = readdirSync(repoPath('service/src')).filter((f) =>
  statSync(repoPath('service/src', f)).isDirectory(),
);

function filesUnder(folder: string): string[] {
  return readdirSync(repoPath(folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(folder, f));
}

it('has a tests/unit and tests/integration folder only for a service/src folder (or a repository-level subject)', () => {
  const strays = ['tests/unit', 'tests/integration'].flatMap((kind) =>
    readdirSync(repoPath(kind))
      .filter((f) => statSync(repoPath(kind, f)).isDirectory())
      .filter((f) => !serviceFolders.includes(f) && !(kind === 'tests/unit' && REPOSITORY_FOLDERS.includes(f)))
      .map((f) => `${kind}/${f}`),
  );
  expect(strays).toEqual([]);
});

it('keeps shared helpers in tests/support, not in support folders beside the tests', () => {
  const nested = [...filesUnder('tests/unit'), ...filesUnder('tests/integration')].filter((f) =>
    f.split(path.sep).includes('support'),
  );
  expect(nested).toEqual([]);
});

it('puts each unit test beside the code it tests: it imports from the service folder it sits in', () => {
  const misplaced = filesUnder('tests/unit')
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((file) => {
      const [, , folder = ''] = file.split(path.sep);
      if (REPOSITORY_FOLDERS.includes(folder)) return [];
      const subject = folder.endsWith('.test.ts') ? folder.replace(/\.test\.ts$/, '') : `${folder}/`;
      const source = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      return source.includes(`from '@service/${subject}`)
        ? []
        : [`${file} imports nothing from service/src/${subject}`];
    });
  expect(misplaced).toEqual([]);
});

it('declares the same path aliases to TypeScript and to Jest', () => {
  const tsconfig = JSON.parse(readFileSync(repoPath('tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const fromTs = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target = '']]) => [
      alias.replace(/\*$/, ''),
      target.replace(/^\.\//, '').replace(/\*$/, ''),
    ]),
  );
  expect(fromTs).toEqual(aliases);
});

it('refuses ../../ chains and service paths in tests, integration helpers in unit tests, and aliases outside tests', () => {
  const results = lintAt({
    'tests/integration/auth/chainProbe.test.ts':
      "import { REPO_ROOT } from '../../support/repoRoot';\nvoid REPO_ROOT;\n",
    'tests/integration/auth/serviceProbe.test.ts': "import { errors } from '../service/src/errors';\nvoid errors;\n",
    'tests/unit/auth/worldProbe.test.ts':
      "import { startAuthWorld } from '@test-support/worlds/authWorld';\nvoid startAuthWorld;\n",
    'service/src/auth/aliasProbe.ts':
      "import { REPO_ROOT } from '@test-support/repoRoot';\nexport const x = REPO_ROOT;\n",
    'scripts/aliasProbe.ts': "import { loadConfig } from '@service/config';\nexport const x = loadConfig;\n",
    // Allowed.
    'tests/unit/auth/allowedProbe.test.ts':
      "import { hashPassword } from '@service/auth/passwordHash';\nimport { TestClock } from '@test-support/testClock';\nvoid [hashPassword, TestClock];\n",
  });
  for (const file of Object.keys(results).filter((f) => f.includes('Probe') && !f.includes('allowed'))) {
    expect({ file, rules: results[file] }).toEqual({ file, rules: ['no-restricted-imports'] });
  }
  expect(results['tests/unit/auth/allowedProbe.test.ts']).toEqual([]);
});
