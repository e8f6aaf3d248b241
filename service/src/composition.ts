/**
 * Builds every feature of the service from the core services in one place: the connection flows, the OAuth callback
 * dispatcher with one handler per purpose, and the feature routers in mounting order. `main.ts`, `scripts/start.ts`
 * and the integration-test harness all start the service through `composeFeatures`, so what runs in tests is what
 * runs in production. Other features add their router (and, for sign-in, their callback handlers) here in one line.
 */
import type { CoreServices, MountedRouter } from './app';
import type { OAuthCallbackHandler } from './http/oauthCallback';
import { oauthCallbackRouter } from './http/oauthCallback';
import type { OAuthPurpose } from './store/types';

/** Options of the composition (tests and the demo start adjust them). */
export interface CompositionOptions {
  /** Where the one-time setup token is printed (default: stdout, never the structured log). */
  announce?: (text: string) => void;
}

/** The composed features: routers to mount, and their background work. */
export interface Features {
  routers: MountedRouter[];
  /** Starts background work once the service listens. */
  start(): Promise<void>;
  /** Stops background work before the store closes. */
  stop(): Promise<void>;
}

/** Builds every feature from the core services. */
export function composeFeatures(core: CoreServices, _options: CompositionOptions = {}): Features {
  const callbackHandlers: Partial<Record<OAuthPurpose, OAuthCallbackHandler>> = {
    // Connection flows: connect, update. Sign-in: sso, reauth.
  };
  const routers: MountedRouter[] = [
    {
      path: '/',
      router: oauthCallbackRouter(callbackHandlers, {
        store: core.store,
        logger: core.logger,
        secureCookies: core.config.secureCookies,
      }),
    },
  ];
  return {
    routers,
    start: async () => undefined,
    stop: async () => undefined,
  };
}
