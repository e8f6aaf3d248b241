/** ConnectionTokens: stored token first, one refresh for concurrent callers, rotation, reauthorization, replaced rows. */
import { ConnectionTokens } from '@service/connection/tokens';
import type { TokenDeps } from '@service/connection/tokens';
import type { TokenResponse } from '@service/salesforce/oauthClient';
import { OAuthError } from '@service/salesforce/oauthClient';
import type { Store } from '@service/store/types';
import { memoryStore, newConnection } from '@test-support/memoryStore';

const app = { clientId: 'client', clientSecret: 'secret', redirectUri: 'https://grax.example.com/oauth/callback' };

function tokenResponse(accessToken: string, refreshToken: string | null = null): TokenResponse {
  return {
    accessToken,
    refreshToken,
    instanceUrl: 'https://acme.my.salesforce.com',
    idUrl: 'https://login.salesforce.com/id/00D5g0000004CSwEAM/0055g0000000146AAA',
    orgId: '00D5g0000004CSwEAM',
    userId: '0055g0000000146AAA',
    scope: 'api refresh_token id',
    issuedAt: new Date('2026-11-28T11:00:00Z'),
  };
}

let store: Store;
let deps: TokenDeps;
let refresh: jest.Mock;

beforeEach(async () => {
  const memory = await memoryStore();
  store = memory.store;
  refresh = jest.fn();
  deps = {
    connections: store.connections,
    audit: store.audit,
    logger: memory.logger,
    clock: memory.clock,
    clientApp: () => app,
    inflight: new Map(),
    recent: new Map(),
    refresh,
  };
});

it('hands out the stored access token without calling Salesforce', async () => {
  const connection = await store.connections.activate(newConnection());
  await expect(new ConnectionTokens(deps, connection.id).accessToken()).resolves.toBe('00D5g0000004CSw!access-1');
  expect(refresh).not.toHaveBeenCalled();
});

it('refreshes once for concurrent callers and stores the new access token', async () => {
  const connection = await store.connections.activate(newConnection());
  let release: (value: TokenResponse) => void = () => undefined;
  refresh.mockReturnValue(new Promise<TokenResponse>((resolve) => (release = resolve)));
  const tokens = new ConnectionTokens(deps, connection.id);
  const calls = Promise.all([tokens.refresh(), tokens.refresh(), new ConnectionTokens(deps, connection.id).refresh()]);
  release(tokenResponse('00D5g0000004CSw!access-2'));
  expect(await calls).toEqual(Array(3).fill('00D5g0000004CSw!access-2'));
  expect(refresh).toHaveBeenCalledTimes(1);
  expect(refresh).toHaveBeenCalledWith('https://login.salesforce.com', app, '5Aep-refresh-1');
  expect(await store.connections.get(connection.id)).toMatchObject({
    accessToken: '00D5g0000004CSw!access-2',
    refreshToken: '5Aep-refresh-1',
  });
});

it('stores a rotated refresh token', async () => {
  const connection = await store.connections.activate(newConnection());
  refresh.mockResolvedValue(tokenResponse('00D5g0000004CSw!access-2', '5Aep-refresh-2'));
  await new ConnectionTokens(deps, connection.id).refresh();
  expect((await store.connections.get(connection.id))?.refreshToken).toBe('5Aep-refresh-2');
});

it('marks the connection reauthorization_required when Salesforce refuses the refresh token', async () => {
  const connection = await store.connections.activate(newConnection());
  refresh.mockRejectedValue(new OAuthError('salesforce', 'invalid_grant', 'expired access/refresh token'));
  await expect(new ConnectionTokens(deps, connection.id).refresh()).rejects.toMatchObject({
    code: 'RECONNECT_REQUIRED',
  });
  expect(await store.connections.get(connection.id)).toMatchObject({
    state: 'reauthorization_required',
    accessToken: null,
    lastError: { code: 'REFRESH_REFUSED' },
  });
  const audit = await store.audit.list({ action: 'connection.reauthorization_required' });
  expect(audit).toHaveLength(1);
  // Later callers are told at once, without another refresh.
  await expect(new ConnectionTokens(deps, connection.id).accessToken()).rejects.toMatchObject({
    code: 'RECONNECT_REQUIRED',
  });
  expect(refresh).toHaveBeenCalledTimes(1);
});

it('leaves the connection alone when Salesforce cannot be reached', async () => {
  const connection = await store.connections.activate(newConnection());
  refresh.mockRejectedValue(new OAuthError('network', 'network_error', 'ECONNREFUSED'));
  await expect(new ConnectionTokens(deps, connection.id).refresh()).rejects.toMatchObject({
    code: 'SALESFORCE_UNREACHABLE',
  });
  expect((await store.connections.get(connection.id))?.state).toBe('connected');
  expect(await store.audit.list()).toEqual([]);
});

it('hands out nothing for a connection that was replaced', async () => {
  const old = await store.connections.activate(newConnection());
  await store.connections.activate(newConnection({ userId: '0055g0000000147AAA' }));
  await expect(new ConnectionTokens(deps, old.id).accessToken()).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  await expect(new ConnectionTokens(deps, old.id).refresh()).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  expect(refresh).not.toHaveBeenCalled();
});
