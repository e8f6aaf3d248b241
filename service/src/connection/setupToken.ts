/**
 * The first-run setup token: until the first connection is made, whoever connects must present it, so a freshly
 * started service cannot be claimed by the first stranger who finds it. It comes from GRAX_SETUP_TOKEN or is generated
 * at start; only its SHA-256 is stored; a generated token is printed once on the console (stdout, never the structured
 * log). It is checked when the connect form is posted and consumed atomically when the callback succeeds, so it
 * works exactly once. A generated token that was never used is replaced at the next start (it was only ever printed).
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Config } from '../config';
import { constantTimeEqual, newId, randomToken, sha256Hex } from '../crypto/random';
import type { Logger } from '../logger';
import type { Store, StoreRepositories } from '../store/types';
import type { SetupTokenUse } from './issuedSetupToken';
import { IssuedSetupTokens } from './issuedSetupToken';

const HASH_KEY = 'setup.tokenHash';

/** What using a token up writes to: the store, or the transaction that stores the connection. */
type SetupTokenStore = Pick<StoreRepositories, 'locks' | 'settings' | 'connections' | 'audit'>;
/**
 * The store's conditional lock acquire is its one atomic "set if absent": the first consumer takes this lock for good
 * (a century), every later attempt fails.
 */
const CONSUMED_LOCK = 'setup.tokenConsumed';
const FOREVER_MS = 100 * 365 * 24 * 60 * 60_000;

/** What the setup token needs. */
export interface SetupTokenDeps {
  store: Pick<Store, 'settings' | 'locks' | 'connections' | 'audit'>;
  config: Pick<Config, 'setupToken'>;
  logger: Logger;
  /** Prints the generated token once (default: stdout). */
  announce: (text: string) => void;
  /** Expires tokens issued by `npm run setup-token` (default: the wall clock). */
  clock?: Clock;
}

/** The first-run setup token. */
export class SetupToken {
  /** Tokens issued later by the server's operator (`npm run setup-token`). */
  readonly issued: IssuedSetupTokens;

  constructor(private readonly deps: SetupTokenDeps) {
    this.issued = new IssuedSetupTokens({ store: deps.store, clock: deps.clock ?? systemClock });
  }

  /** True while no connection was ever made and the token was not used. */
  async required(store: Pick<StoreRepositories, 'locks' | 'connections'> = this.deps.store): Promise<boolean> {
    if ((await store.locks.holder(CONSUMED_LOCK)) !== null) return false;
    return (await store.connections.listHistory(1)).length === 0;
  }

  /**
   * At start-up: while the token is still needed, store the hash of GRAX_SETUP_TOKEN or of a newly generated token,
   * and print a generated one on the console.
   */
  async prepare(): Promise<void> {
    if (!(await this.required())) return;
    const configured = this.deps.config.setupToken;
    const token = configured ?? randomToken(24);
    await this.deps.store.settings.set(HASH_KEY, sha256Hex(token));
    if (configured) {
      this.deps.logger.info('first-run setup token taken from GRAX_SETUP_TOKEN; the first connection needs it');
      return;
    }
    this.deps.logger.info('first-run setup token generated and printed on the console; the first connection needs it');
    this.deps.announce(
      [
        '',
        `GRAX Connect first-run setup token: ${token}`,
        'Enter it on the Connect to Salesforce page to make the first connection. It works once.',
        'Restarting GRAX Connect before the first connection replaces it with a new one.',
        '',
      ].join('\n'),
    );
  }

  /** True while a setup token (the first-run one, or one issued by the operator) would be accepted. */
  async accepted(): Promise<boolean> {
    return (await this.required()) || (await this.issued.pendingUntil()) !== null;
  }

  /** True when `token` is the first-run token or an unexpired issued one (constant-time comparison of hashes). */
  async matches(token: string): Promise<boolean> {
    const stored = await this.deps.store.settings.get(HASH_KEY);
    if (typeof stored === 'string' && constantTimeEqual(stored, sha256Hex(token))) return true;
    return this.issued.matches(token);
  }

  /**
   * Uses the token up; true for exactly one caller. Before the first connection this ends the first run (any issued
   * token with it); afterwards it uses up the operator's issued token. Pass the transaction that stores the
   * connection, so that a failure there leaves the token usable.
   */
  async consume(use: SetupTokenUse = 'connect', store: SetupTokenStore = this.deps.store): Promise<boolean> {
    if (!(await this.required(store))) return this.issued.consume(use, store);
    // A fresh owner per attempt: the lock lets its own owner take it again.
    const consumed = await store.locks.acquire(CONSUMED_LOCK, newId('setup'), FOREVER_MS);
    if (consumed) {
      await store.settings.delete(HASH_KEY);
      await this.issued.discard(store);
    }
    return consumed;
  }
}

/** Prints to stdout directly: the token must never pass through the structured (shipped) log. */
export function announceOnStdout(text: string): void {
  process.stdout.write(`${text}\n`);
}
