/**
 * The External Client App the service signs in through, from the configuration: client id and secret (the demo app
 * in demo mode) and the one callback URL `${PUBLIC_URL}/oauth/callback` registered with it.
 */
import type { Config } from '../config';
import { AppError } from '../errors';
import type { ClientAppConfig } from '../salesforce/oauthClient';

/** Path of the OAuth callback; the app's callback URL is PUBLIC_URL plus this. */
export const CALLBACK_PATH = '/oauth/callback';

/** The callback URL to register in the External Client App. */
export function callbackUrl(config: Pick<Config, 'publicUrl'>): string {
  return `${config.publicUrl}${CALLBACK_PATH}`;
}

/** The client app of this service, or an error a person can act on when none is configured. */
export function clientAppOf(config: Pick<Config, 'publicUrl' | 'salesforce'>): ClientAppConfig {
  const { clientId, clientSecret } = config.salesforce;
  if (!clientId) {
    throw new AppError({
      code: 'CLIENT_APP_NOT_CONFIGURED',
      kind: 'unavailable',
      title: 'Salesforce app not configured',
      message: 'GRAX Connect has no Salesforce External Client App configured, so it cannot connect to an org.',
      actions: ['Ask your GRAX operator to set SF_CLIENT_ID and SF_CLIENT_SECRET, or start the demo with npm start.'],
    });
  }
  return { clientId, clientSecret: clientSecret ?? null, redirectUri: callbackUrl(config) };
}
