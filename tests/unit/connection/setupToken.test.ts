/** The first-run setup token: printed once, stored hashed, checked, consumed exactly once, replaced at restart. */
import { SetupToken } from '@service/connection/setupToken';
import { sha256Hex } from '@service/crypto/random';
import type { Store } from '@service/store/types';
import type { Logger } from '@service/logger';
import type { TestClock } from '@test-support/testClock';
import { memoryStore, newConnection } from '@test-support/memoryStore';

let store: Store;
let logger: Logger;
let clock: TestClock;
let printed: string[];

beforeEach(async () => {
  ({ store, logger, clock } = await memoryStore());
  printed = [];
});

function setupToken(configured?: string): SetupToken {
  return new SetupToken({ store, config: { setupToken: configured }, logger, clock, announce: (t) => printed.push(t) });
}

function tokenIn(text: string | undefined): string {
  return /setup token: (\S+)/.exec(text ?? '')?.[1] ?? '';
}

it('generates a token, prints it once and keeps only its hash', async () => {
  const setup = setupToken();
  await setup.prepare();
  expect(printed).toHaveLength(1);
  const token = tokenIn(printed[0]);
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(await store.settings.get('setup.tokenHash')).toBe(sha256Hex(token));
  expect(JSON.stringify(await store.settings.list())).not.toContain(token);
  expect(await setup.matches(token)).toBe(true);
  expect(await setup.matches(`${token}x`)).toBe(false);
});

it('replaces an unused generated token at the next start', async () => {
  await setupToken().prepare();
  await setupToken().prepare();
  const [first, second] = printed.map(tokenIn);
  expect(first).not.toBe(second);
  expect(await setupToken().matches(first ?? '')).toBe(false);
  expect(await setupToken().matches(second ?? '')).toBe(true);
});

it('takes GRAX_SETUP_TOKEN without printing it', async () => {
  const setup = setupToken('configured-token-0123456789');
  await setup.prepare();
  expect(printed).toEqual([]);
  expect(await setup.matches('configured-token-0123456789')).toBe(true);
});

it('is consumed exactly once, even by concurrent callers', async () => {
  const setup = setupToken();
  await setup.prepare();
  const results = await Promise.all([setup.consume(), setup.consume(), setupToken().consume()]);
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await setup.required()).toBe(false);
  expect(await setup.matches(tokenIn(printed[0]))).toBe(false);
});

it('is not needed, and not printed, once a connection was ever made', async () => {
  await store.connections.activate(newConnection());
  const setup = setupToken();
  await setup.prepare();
  expect(await setup.required()).toBe(false);
  expect(printed).toEqual([]);
});

describe('a token issued by npm run setup-token', () => {
  beforeEach(async () => {
    await store.connections.activate(newConnection());
  });

  it('is accepted until it expires an hour later, and only its hash is stored', async () => {
    const setup = setupToken();
    expect(await setup.accepted()).toBe(false);
    const { token, expiresAt } = await setup.issued.issue();
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(60 * 60_000);
    expect(JSON.stringify(await store.settings.list())).not.toContain(token);
    expect(await setup.accepted()).toBe(true);
    expect(await setup.matches(token)).toBe(true);
    clock.advance(60 * 60_000);
    expect(await setup.matches(token)).toBe(false);
    expect(await setup.accepted()).toBe(false);
    expect(await setup.consume()).toBe(false);
  });

  it('is used up by exactly one of concurrent callers, and the use is audited', async () => {
    const setup = setupToken();
    const { token } = await setup.issued.issue();
    const results = await Promise.all([setup.consume('connect'), setup.consume('connect'), setupToken().consume()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await setup.matches(token)).toBe(false);
    const actions = (await store.audit.list()).map((event) => event.action);
    expect(actions.filter((action) => action === 'setup.token_used')).toHaveLength(1);
    expect(actions).toContain('setup.token_issued');
  });

  it('is replaced by the next one issued', async () => {
    const setup = setupToken();
    const first = await setup.issued.issue();
    const second = await setup.issued.issue();
    expect(await setup.matches(first.token)).toBe(false);
    expect(await setup.matches(second.token)).toBe(true);
  });
});
