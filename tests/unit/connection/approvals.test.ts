/** Salesforce's five approvals per user and app, as GRAX counts its own. */
import { checkApprovals } from '@service/connection/approvals';
import type { Store } from '@service/store/types';
import type { TestClock } from '@test-support/testClock';
import { memoryStore, newConnection } from '@test-support/memoryStore';

let store: Store;
let clock: TestClock;

beforeEach(async () => {
  ({ store, clock } = await memoryStore());
});

async function approvals(count: number, userId = '0055g0000000146AAA'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    clock.advance(1000);
    ids.push((await store.connections.activate(newConnection({ userId, refreshToken: `5Aep-${userId}-${i}` }))).id);
  }
  return ids;
}

it('counts the new approval with the live ones of the same user', async () => {
  await approvals(3);
  await approvals(2, '0055g0000000147AAA');
  const check = await checkApprovals(store.connections, '00D5g0000004CSwEAM', '0055g0000000146AAA');
  expect(check).toEqual({ live: 4, revokedBySalesforce: [] });
});

it('ignores approvals GRAX already revoked', async () => {
  const [first] = await approvals(5);
  await store.connections.update(first ?? '', { refreshToken: null });
  expect((await checkApprovals(store.connections, '00D5g0000004CSwEAM', '0055g0000000146AAA')).live).toBe(5);
});

it('names the oldest approvals a sixth one pushes out', async () => {
  const ids = await approvals(6);
  const check = await checkApprovals(store.connections, '00D5g0000004CSwEAM', '0055g0000000146AAA');
  expect(check.live).toBe(5);
  expect(check.revokedBySalesforce.map((c) => c.id)).toEqual(ids.slice(0, 2));
});
