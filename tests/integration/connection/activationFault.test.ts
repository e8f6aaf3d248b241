/**
 * Activating a connection writes the connection, the org seen, the permission job, the notes and the audit event in
 * one store transaction with using up the first-run setup token. A fault injected at each of those writes (a crash between them) leaves nothing
 * half-written: no active connection without its audit event and job, and the new approval is revoked at Salesforce.
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { Store, StoreTransaction } from '@service/store/types';
import type { ConnectionWorld } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const integration = DEMO_USERS.acmeProduction.integration;

/** The transaction's repositories, with `target` (e.g. `audit.append`) throwing instead of writing. */
function withFault(tx: StoreTransaction, target: string): StoreTransaction {
  const [repoName, method] = target.split('.') as [keyof StoreTransaction, string];
  return new Proxy(tx, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (property === 'transaction') {
        return <T>(work: (inner: StoreTransaction) => Promise<T>) =>
          object.transaction((inner) => work(withFault(inner, target)));
      }
      if (property === repoName) {
        return { ...(value as object), [method]: () => Promise.reject(new Error(`fault injected at ${target}`)) };
      }
      return value;
    },
  });
}

function injectFault(store: Store, target: string): void {
  const original = store.transaction.bind(store);
  jest
    .spyOn(store, 'transaction')
    .mockImplementation((work) => original((tx) => work(withFault(tx as StoreTransaction, target))));
}

async function revokeCalls(world: ConnectionWorld): Promise<number> {
  const { calls } = await world.emulator.control.stats();
  return Object.entries(calls)
    .filter(([route]) => route.endsWith('/services/oauth2/revoke'))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function whatIsStored(store: Store) {
  return {
    active: await store.connections.getActive(),
    connections: (await store.connections.listHistory()).length,
    orgsSeen: (await store.orgsSeen.list()).length,
    jobs: (await store.jobs.list()).map((j) => j.kind),
    notes: await store.settings.get('connection.lastNotes'),
    setupTokenUsed: (await store.locks.holder('setup.tokenConsumed')) !== null,
    connectedEvents: (await store.audit.list({ action: 'connection.connected' })).length,
  };
}

describe('connection activation under faults', () => {
  let world: ConnectionWorld;

  beforeEach(async () => {
    world = await startConnectionWorld();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await world.stop();
  });

  it.each(['locks.acquire', 'connections.activate', 'orgsSeen.record', 'settings.set', 'audit.append'])(
    'stores nothing and revokes the new approval when it fails at %s',
    async (target) => {
      injectFault(world.service.store, target);
      const revokedBefore = await revokeCalls(world);
      const browser = world.browser();
      const answer = await browser.connect({ setupToken: world.setupToken }, integration);
      expect(answer.status).toBeGreaterThanOrEqual(500);

      expect(await whatIsStored(world.service.store)).toEqual({
        active: null,
        connections: 0,
        orgsSeen: 0,
        jobs: [],
        notes: undefined,
        setupTokenUsed: false,
        connectedEvents: 0,
      });
      // GRAX gave the approval of this sign-in back to Salesforce (the one revocation it made).
      expect((await revokeCalls(world)) - revokedBefore).toBe(1);

      // Nothing half-written stands in the way: the next attempt connects normally.
      jest.restoreAllMocks();
      const retry = await world.browser().connect({ setupToken: world.setupToken }, integration);
      expect(retry.status).toBe(303);
      const stored = await whatIsStored(world.service.store);
      expect(stored).toMatchObject({
        connections: 1,
        orgsSeen: 1,
        jobs: ['autoconfig'],
        setupTokenUsed: true,
        connectedEvents: 1,
      });
      expect(stored.active?.orgId).toBe(DEMO_ORGS.acmeProduction.id);
    },
  );

  it('connects without the job when only queueing the job fails, and says how to start it', async () => {
    injectFault(world.service.store, 'jobs.enqueue');
    const browser = world.browser();
    const answer = await browser.connect({ setupToken: world.setupToken }, integration);
    expect(answer.status).toBe(303);
    const stored = await whatIsStored(world.service.store);
    expect(stored).toMatchObject({ connections: 1, orgsSeen: 1, jobs: [], connectedEvents: 1 });
    expect(stored.active?.orgId).toBe(DEMO_ORGS.acmeProduction.id);
    expect(JSON.stringify(stored.notes)).toContain('job_not_started');
    const audit = await world.service.store.audit.list({ action: 'connection.connected' });
    expect(audit[0]?.details).toMatchObject({ jobId: null, notes: ['job_not_started'] });
    expect(textOf(world.logText())).toContain('could not start the permission job after connecting');
  });
});
