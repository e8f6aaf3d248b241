/**
 * External Client Apps (the successor of connected apps) known to the emulator: their OAuth policies and the orgs
 * they are installed in. An app that is not installed in an org is blocked for users without "Approve Uninstalled
 * Connected Apps" (Salesforce's September 2025 restriction).
 */

/** The OAuth settings and policies of one External Client App. */
export interface ClientApp {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page and recorded as LoginHistory.Application. */
  name: string;
  /** Callback URLs; redirect_uri must match one exactly. */
  callbackUrls: string[];
  /** "Require secret for Web Server Flow". */
  requireSecret: boolean;
  /** "Enable Refresh Token Rotation": each refresh returns a new refresh token and ends the old one's sessions. */
  refreshTokenRotation: boolean;
  /** Users approve the app on a consent page the first time (Permitted Users: all users may self-authorize). */
  consentRequired: boolean;
  /** Orgs the app is installed in. */
  installedOrgIds: string[];
  /** Selected OAuth scopes; requests for other scopes are not granted. */
  scopes?: string[];
  /** Session timeout of the access tokens this app receives (default: the emulator's). */
  sessionTimeoutMs?: number;
  /** "Require Proof Key for Code Exchange (PKCE)": authorize requests without a code_challenge are refused. */
  requirePkce?: boolean;
}

/** Scopes an app has when its definition does not list them. */
export const DEFAULT_APP_SCOPES = ['api', 'refresh_token', 'offline_access', 'id', 'profile', 'email', 'openid', 'web'];

/** The registry of client apps, restorable to its initial set on reset. */
export class ClientAppRegistry {
  private readonly apps = new Map<string, ClientApp>();

  constructor(private readonly initial: readonly ClientApp[]) {
    this.reset();
  }

  /** Registers (or replaces) an app. */
  register(app: ClientApp): ClientApp {
    const copy = { ...app, callbackUrls: [...app.callbackUrls], installedOrgIds: [...app.installedOrgIds] };
    this.apps.set(app.clientId, copy);
    return copy;
  }

  /** The app with this client id, or undefined. */
  get(clientId: string | null | undefined): ClientApp | undefined {
    return clientId ? this.apps.get(clientId) : undefined;
  }

  /** Every registered app. */
  list(): ClientApp[] {
    return [...this.apps.values()];
  }

  /** An org got a new id (sandbox refresh): apps installed there stay installed under the new id. */
  renameOrg(previousId: string, newId: string): void {
    for (const app of this.apps.values()) {
      if (app.installedOrgIds.includes(previousId)) app.installedOrgIds.push(newId);
    }
  }

  /** Back to the apps given at start-up. */
  reset(): void {
    this.apps.clear();
    for (const app of this.initial) this.register(app);
  }
}

/** True when the app is installed in the org (listed by the app or by the org). */
export function isAppInstalled(
  app: ClientApp,
  org: { id: string; installedClientAppIds: ReadonlySet<string> },
): boolean {
  return app.installedOrgIds.includes(org.id) || org.installedClientAppIds.has(app.clientId);
}

/** The scopes granted for a request: those asked for that the app allows, or all of the app's when none are asked. */
export function grantScopes(app: ClientApp, requested: string | null): string[] {
  const allowed = app.scopes ?? DEFAULT_APP_SCOPES;
  if (!requested || requested.trim() === '') return [...allowed];
  const asked = requested.split(/[\s+]+/).filter((s) => s !== '');
  return [...new Set(asked.filter((s) => allowed.includes(s)))];
}

/** True when the scopes allow REST API calls. */
export function allowsApi(scopes: readonly string[]): boolean {
  return scopes.includes('api') || scopes.includes('full');
}

/** True when the scopes allow the identity URL and userinfo. */
export function allowsIdentity(scopes: readonly string[]): boolean {
  return ['id', 'profile', 'email', 'openid', 'address', 'phone', 'full'].some((s) => scopes.includes(s));
}

/** True when the scopes ask for a refresh token. */
export function allowsRefresh(scopes: readonly string[]): boolean {
  return scopes.includes('refresh_token') || scopes.includes('offline_access');
}
