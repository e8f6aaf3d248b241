/**
 * The client apps every emulator starts with: the demo External Client App documented in the org model's demo
 * catalog (installed in both Acme orgs, not in Globex).
 */
import { DEMO_CLIENT_APP } from '../org/demoCatalog';
import type { ClientApp } from './oauth/clientApps';

/** The demo External Client App as the OAuth layer registers it. */
export function demoClientApps(): ClientApp[] {
  return [
    {
      clientId: DEMO_CLIENT_APP.clientId,
      clientSecret: DEMO_CLIENT_APP.clientSecret,
      name: DEMO_CLIENT_APP.name,
      callbackUrls: [...DEMO_CLIENT_APP.callbackUrls],
      requireSecret: DEMO_CLIENT_APP.requireSecret,
      refreshTokenRotation: DEMO_CLIENT_APP.refreshTokenRotation,
      consentRequired: false,
      installedOrgIds: [...DEMO_CLIENT_APP.installedInOrgIds],
      scopes: [...DEMO_CLIENT_APP.scopes],
    },
  ];
}
