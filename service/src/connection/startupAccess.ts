/**
 * How people get in, as the console says it at start-up: before the first connection with the first-run setup token
 * (printed, or GRAX_SETUP_TOKEN); while connected by signing in; while not connected (after Reset, or when Salesforce
 * no longer accepts the authorization) with a local admin if one is active, else with a token from
 * `npm run setup-token`. Only true things: the state is read from the store, never assumed.
 */
import type { Config } from '../config';
import type { Store } from '../store/types';
import { SETUP_TOKEN_COMMAND } from './connectErrors';
import type { SetupToken } from './setupToken';

/** Who can get in right now, and how. */
export type StartupAccess =
  | { kind: 'first_run'; token: 'generated' | 'configured' }
  | { kind: 'connected'; orgName: string }
  | { kind: 'not_connected'; state: 'disconnected' | 'reauthorization_required'; localAdmin: boolean };

/** Reads the access state after the setup token was prepared. */
export async function startupAccess(deps: {
  setupToken: Pick<SetupToken, 'required'>;
  store: Pick<Store, 'connections' | 'localUsers'>;
  config: Pick<Config, 'setupToken'>;
}): Promise<StartupAccess> {
  if (await deps.setupToken.required()) {
    return { kind: 'first_run', token: deps.config.setupToken ? 'configured' : 'generated' };
  }
  const active = await deps.store.connections.getActive();
  if (active?.state === 'connected') return { kind: 'connected', orgName: active.orgName };
  return {
    kind: 'not_connected',
    state: active?.state === 'reauthorization_required' ? 'reauthorization_required' : 'disconnected',
    localAdmin: (await deps.store.localUsers.countActiveAdmins()) > 0,
  };
}

/** The console lines for a state in which nobody may be able to get in (empty when people can). */
export function lockedOutNotice(access: StartupAccess): string[] {
  if (access.kind !== 'not_connected' || access.localAdmin) return [];
  return [
    '',
    access.state === 'disconnected'
      ? 'GRAX Connect is disconnected from Salesforce (it was reset) and no local admin is active.'
      : 'GRAX Connect needs to be reconnected to Salesforce and no local admin is active.',
    `To get back in, run ${SETUP_TOKEN_COMMAND} (built install: node dist/scripts/setup-token.js) on this server,`,
    'with the same configuration: it prints a one-time setup token (valid for an hour) that connects GRAX again or',
    'creates the first local admin.',
    '',
  ];
}
