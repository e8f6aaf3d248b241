/** What the console says at start-up about getting in: true for the first run, connected, and after Reset. */
import { SetupToken } from '@service/connection/setupToken';
import { lockedOutNotice, startupAccess } from '@service/connection/startupAccess';
import type { Store } from '@service/store/types';
import type { Logger } from '@service/logger';
import { memoryStore, newConnection } from '@test-support/memoryStore';

let store: Store;
let logger: Logger;

beforeEach(async () => {
  ({ store, logger } = await memoryStore());
});

function access(configured?: string) {
  const config = { setupToken: configured };
  const setupToken = new SetupToken({ store, config, logger, announce: () => undefined });
  return startupAccess({ setupToken, store, config });
}

it('names the first-run token, generated or from GRAX_SETUP_TOKEN, and prints no recovery notice', async () => {
  expect(await access()).toEqual({ kind: 'first_run', token: 'generated' });
  expect(await access('configured-token-0123456789')).toEqual({ kind: 'first_run', token: 'configured' });
  expect(lockedOutNotice(await access())).toEqual([]);
});

it('says connected while connected, with no setup token', async () => {
  await store.connections.activate(newConnection());
  expect(await access()).toEqual({ kind: 'connected', orgName: 'Acme Production' });
  expect(lockedOutNotice(await access())).toEqual([]);
});

it('after Reset without a local admin, tells the operator which command gets them back in', async () => {
  const connection = await store.connections.activate(newConnection());
  await store.connections.update(connection.id, { state: 'disconnected' });
  const state = await access();
  expect(state).toEqual({ kind: 'not_connected', state: 'disconnected', localAdmin: false });
  const notice = lockedOutNotice(state).join('\n');
  expect(notice).toContain('it was reset');
  expect(notice).toContain('npm run setup-token (built install: node dist/scripts/setup-token.js)');

  await store.localUsers.create({ username: 'breakglass', displayName: 'B', role: 'admin', passwordHash: 'h' });
  expect(await access()).toEqual({ kind: 'not_connected', state: 'disconnected', localAdmin: true });
  expect(lockedOutNotice(await access())).toEqual([]);
});
