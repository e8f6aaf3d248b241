/**
 * The org API contract (docs/org-api/) against what each side keeps offline: the LWC's Jest fixtures, the bodies the
 * Apex tests queue (docs/org-api/examples, embedded in GraxOrgApiExamples), and the router's list of resources.
 * The service's own answers are checked in the integration tests (tests/support/worlds/orgApiWorld.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { orgApiRouter, type OrgApiRouterDeps } from '@service/http/orgApiRoutes';
import { orgApiContract, REPO_ROOT, schemaNames } from '@test-support/orgApiContract';

const FIXTURES_DIR = path.join(REPO_ROOT, 'force-app/main/default/lwc/graxSetup/__tests__/data');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'docs/org-api/examples');
const CLASSES_DIR = path.join(REPO_ROOT, 'force-app/main/default/classes');

/** Which schema each LWC fixture stands for, by the start of its file name: every fixture must match one. */
const FIXTURE_SCHEMAS: [prefix: string, schema: string][] = [
  ['setupState', 'apex-setup-state'],
  ['status', 'status.response'],
  ['startedJob', 'apex-started-job'],
  ['connectLink', 'connect-link.response'],
];

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const fixtures = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.json'));
const examples = readdirSync(EXAMPLES_DIR).flatMap((schema) =>
  readdirSync(path.join(EXAMPLES_DIR, schema)).map((file) => ({ schema, file: path.join(EXAMPLES_DIR, schema, file) })),
);

describe('org API contract', () => {
  const contract = orgApiContract();

  it('describes every resource the service routes, and no other', () => {
    const { router } = orgApiRouter({} as OrgApiRouterDeps) as unknown as {
      router: { stack: { route?: { path: string } }[] };
    };
    const routed = new Set(router.stack.flatMap((layer) => (layer.route ? [layer.route.path] : [])));
    const openApi = readJson(path.join(REPO_ROOT, 'docs/org-api/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths).sort()).toEqual([...routed].sort());
  });

  it('names a schema file for every answer in openapi.json', () => {
    const names = schemaNames();
    for (const [method, pathname, status] of [
      ['GET', '/status', 200],
      ['POST', '/verify', 202],
      ['POST', '/scan', 202],
      ['POST', '/autofix', 202],
      ['POST', '/connect-link', 200],
      ['POST', '/connect-link', 409],
      ['GET', '/no-such-resource', 404],
    ] as const) {
      expect(names).toContain(contract.responseSchema(method, pathname, status));
    }
    expect(contract.requestSchema('POST', '/connect-link')).toBe('connect-link.request');
    expect(contract.requestSchema('POST', '/verify')).toBeNull();
  });

  it.each(fixtures)('LWC fixture %s conforms to the schema of what it stands for', (file) => {
    const schema = FIXTURE_SCHEMAS.find(([prefix]) => file.startsWith(prefix))?.[1];
    if (!schema)
      throw new Error(`${file}: name LWC fixtures after what they stand for (${FIXTURE_SCHEMAS.join(', ')})`);
    contract.assertConforms(schema, readJson(path.join(FIXTURES_DIR, file)), `__tests__/data/${file}`);
  });

  it.each(examples.map(({ schema, file }) => [`${schema}/${path.basename(file)}`, schema, file]))(
    'Apex test body %s conforms to its schema',
    (_, schema, file) => {
      expect(schemaNames()).toContain(schema);
      contract.assertConforms(schema, readJson(file), path.relative(REPO_ROOT, file));
    },
  );

  it('keeps every JSON body of the Apex tests in the contract examples, not inline', () => {
    const testClasses = readdirSync(CLASSES_DIR).filter((file) => /_Tests\.cls$/.test(file));
    expect(testClasses.length).toBeGreaterThan(0);
    for (const file of testClasses) {
      const inlineJson = readFileSync(path.join(CLASSES_DIR, file), 'utf8').match(/'\s*(\{\s*"|\[\s*[{"\]])/g) ?? [];
      expect(`${file}: ${inlineJson.length} inline JSON bodies`).toBe(`${file}: 0 inline JSON bodies`);
    }
  });

  describe('refuses bodies that break it', () => {
    const status = readJson(path.join(FIXTURES_DIR, 'statusConnected.json')) as Record<string, unknown>;

    it('a status without a part the page reads', () => {
      const { apiUsage: _apiUsage, ...withoutUsage } = status;
      expect(contract.problems('status.response', withoutUsage)).toEqual([
        "(body) must have required property 'apiUsage'",
      ]);
    });

    it('a status with a field the contract does not name', () => {
      const problems = contract.problems('status.response', { ...status, debug: true });
      expect(problems).toEqual(['(body) must NOT have additional properties (debug)']);
    });

    it('a failed job whose error is a bare string, and a finished job that carries one', () => {
      const job = { id: 'job_1', kind: 'scan', progress: null, startedAt: null, finishedAt: null };
      expect(
        contract.problems('status.response', { ...status, jobs: [{ ...job, state: 'failed', error: 'It broke.' }] }),
      ).toContain('/jobs/0/error must be object');
      const stray = { code: 'X', message: 'It broke.', actions: [] };
      expect(
        contract.problems('status.response', { ...status, jobs: [{ ...job, state: 'succeeded', error: stray }] }),
      ).toContain('/jobs/0/error must be null');
    });

    it('a connect link in the old /web/connect-link/<token> form', () => {
      const problems = contract.problems('connect-link.response', {
        url: 'https://grax.example.com/web/connect-link/cl_abc',
        expiresAt: '2026-11-28T10:10:00.000Z',
      });
      expect(problems.join('\n')).toContain('/url must match pattern');
    });

    it('a JOB_RUNNING error without the job to follow', () => {
      const problems = contract.problems('error.response', {
        error: { code: 'JOB_RUNNING', message: 'Scan is already running.', actions: [] },
      });
      expect(problems).toContain("/error must have required property 'jobId'");
    });
  });
});
