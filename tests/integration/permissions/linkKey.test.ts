/**
 * The link key step of Auto Config: the key goes into the packaged External Credential GRAX_Service (principal Link)
 * through Connect REST when the org holds none, nothing is written on a repeat run, a rotation replaces it, and an org
 * without the package is left alone.
 */
import type { LinkKeyProvider } from '@service/permissions/steps/linkKeyStep';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';

/** A provider like the org API's: a new key when the org holds none, or when a rotation is pending. */
class TestKeys implements LinkKeyProvider {
  issued: string[] = [];
  confirmed: string[] = [];
  rotationPending = false;
  private next = 1;

  async keyToStore(input: {
    orgId: string;
    storedInOrg: boolean;
  }): Promise<{ key: string; confirm(): Promise<void> } | null> {
    if (input.storedInOrg && !this.rotationPending) return null;
    const key = `gxk_test${String(this.next++).padStart(18, '0')}_${'s'.repeat(43)}`;
    this.issued.push(key);
    return {
      key,
      confirm: async () => {
        this.confirmed.push(key);
        this.rotationPending = false;
      },
    };
  }
}

let h: Harness;
let keys: TestKeys;

beforeEach(async () => {
  keys = new TestKeys();
  h = await startHarness({ engine: { linkKeyProvider: keys } });
});
afterEach(async () => {
  await h.close();
});

function storedKey(orgId = ACME.id): string | undefined {
  return h.emulator.world.findOrgById(orgId)?.debugCredentialValue('GRAX_Service', 'Link')?.LinkKey;
}

async function autoConfig(connection = h.connect('integration')): Promise<{ linkKey: string; writes: number }> {
  const job = await runJob(h, (await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR })).jobId);
  expect(job.state).toBe('succeeded');
  return job.result as { linkKey: string; writes: number };
}

it('stores a key when the org holds none, writes nothing on a repeat run, and replaces it on rotation', async () => {
  expect(storedKey()).toBeUndefined();
  const first = await autoConfig();
  expect(first.linkKey).toBe('written');
  expect(storedKey()).toBe(keys.issued[0]);
  expect(keys.confirmed).toEqual([keys.issued[0]]);

  const second = await autoConfig();
  expect(second).toMatchObject({ linkKey: 'unchanged', writes: 0 });
  expect(keys.issued).toHaveLength(1);

  keys.rotationPending = true;
  const third = await autoConfig();
  expect(third).toMatchObject({ linkKey: 'written', writes: 1 });
  expect(storedKey()).toBe(keys.issued[1]);
});

it('leaves an org without the package alone', async () => {
  const globex = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: DEMO_ORGS.globex.id });
  const run = await autoConfig(globex);
  expect(run.linkKey).toBe('packageAbsent');
  expect(keys.issued).toEqual([]);
});
