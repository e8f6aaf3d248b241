/**
 * The Store's transaction contract, part of the suite every Store implementation passes: writes through the
 * transaction's repositories stand or fall together, a nested step rolls back alone, and a transaction that has
 * ended cannot be written through by mistake.
 */
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createStore } from '@service/store/openStore';
import type { Store, StoreTransaction } from '@service/store/types';
import { StoreConflictError } from '@service/store/types';
import type { DatabaseFactory } from './storeContract';
import { adminActor, keySpec, sampleConnection } from './storeContract';
import { TestClock } from '@test-support/testClock';

const OTHER_ORG = '00D000000000002EAA';

/** Activation-like work: a new active connection, the org seen, a setting and an audit event. */
async function connectOtherOrg(tx: StoreTransaction): Promise<string> {
  const connection = await tx.connections.activate(sampleConnection({ orgId: OTHER_ORG, orgName: 'Globex' }));
  await tx.orgsSeen.record({
    orgId: OTHER_ORG,
    name: 'Globex',
    instanceUrl: 'https://globex.my.salesforce.com',
    myDomain: 'globex.my.salesforce.com',
    environment: 'production',
  });
  await tx.settings.set('connection.lastNotes', { connectionId: connection.id });
  await tx.audit.append({ actor: adminActor, action: 'connection.org_changed', orgId: OTHER_ORG });
  return connection.id;
}

export function describeTransactionContract(makeDatabase: DatabaseFactory): void {
  describe('transactions', () => {
    let store: Store;

    beforeEach(async () => {
      store = createStore(await makeDatabase(), new SecretBox(parseKeyRing(keySpec('k1'))), new TestClock());
      await store.connections.activate(sampleConnection());
    });

    afterEach(async () => {
      await store.close();
    });

    async function snapshot() {
      return {
        active: (await store.connections.getActive())?.orgName,
        connections: (await store.connections.listHistory()).length,
        orgsSeen: (await store.orgsSeen.list()).map((o) => o.orgId),
        notes: await store.settings.get('connection.lastNotes'),
        audit: (await store.audit.list()).map((e) => e.action),
      };
    }

    it('commits the writes of several repositories together', async () => {
      const id = await store.transaction(connectOtherOrg);
      expect(await snapshot()).toEqual({
        active: 'Globex',
        connections: 2,
        orgsSeen: [OTHER_ORG],
        notes: { connectionId: id },
        audit: ['connection.org_changed'],
      });
    });

    it('keeps none of them when the work throws after the last write', async () => {
      const before = await snapshot();
      await expect(
        store.transaction(async (tx) => {
          await connectOtherOrg(tx);
          throw new Error('crashed before the commit');
        }),
      ).rejects.toThrow('crashed before the commit');
      expect(await snapshot()).toEqual(before);
      expect(before).toMatchObject({ active: 'Acme Production', connections: 1, orgsSeen: [], audit: [] });
    });

    it('rolls back only a nested step that fails, so the rest can still commit', async () => {
      await store.localUsers.create({ username: 'taken', displayName: 'T', role: 'admin', passwordHash: 'h' });
      const outcome = await store.transaction(async (tx) => {
        await tx.settings.set('kept', 1);
        const nested = await tx
          .transaction(async (step) => {
            await step.settings.set('rolled.back', 1);
            await step.localUsers.create({ username: 'TAKEN', displayName: 'T', role: 'admin', passwordHash: 'h' });
          })
          .catch((error: unknown) => error);
        await tx.settings.set('after', 1);
        return nested;
      });
      expect(outcome).toBeInstanceOf(StoreConflictError);
      expect(await store.settings.list()).toEqual({ kept: 1, after: 1 });
    });

    it('refuses statements through a transaction after it ended', async () => {
      let leaked: StoreTransaction | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      await expect(leaked?.settings.set('late', 1)).rejects.toThrow(/transaction has ended/);
      expect(await store.settings.get('late')).toBeUndefined();
    });

    it('keeps each of several transactions started at the same time whole, whether it commits or not', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.settings.set(`run.${i}`, i);
            await tx.audit.append({ actor: adminActor, action: 'connection.updated', details: { i } });
            if (i % 2 === 1) throw new Error(`run ${i} failed`);
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
      ]);
      expect(await store.settings.list()).toEqual({ 'run.0': 0, 'run.2': 2, 'run.4': 4 });
      expect((await store.audit.list()).map((e) => e.details.i).sort()).toEqual([0, 2, 4]);
    });
  });
}
