/**
 * A client of the control API (`/__emulator/...`) for tests and tools that run the emulator in another process, e.g.
 * `npm start`'s demo or `npm run emulator`. Each method is one HTTP call and mirrors the in-process EmulatorControl;
 * an answer other than 2xx throws a ControlClientError carrying the emulator's own message.
 */
import type { InstallReport } from './org/packaging/installPackage';
import type { FaultSpec } from './http/control/faultPlan';
import type { StatsSnapshot } from './http/control/callStats';
import type { ClientApp } from './http/oauth/clientApps';
import type { TokenResponse } from './http/oauth/token';
import type { CustomObjectInput, TokenTarget, UserTarget } from './http/control/control';
import type { CustomFieldInput, PermissionRowFilter } from './org/controlEdits';

/** An org as the control API lists it. */
export interface ControlledOrg {
  id: string;
  name: string;
  kind: string;
  instanceUrl: string;
  loginUrl: string;
}

/** The control API refused a call (4xx) or failed (5xx). */
export class ControlClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlClientError';
  }
}

/** Talks to a running emulator's control API, e.g. `new ControlClient('http://127.0.0.1:3001/__emulator')`. */
export class ControlClient {
  private readonly base: string;

  constructor(controlUrl: string) {
    this.base = controlUrl.replace(/\/+$/, '');
  }

  /** Puts every org back to its seeded state and clears faults, tokens and statistics. */
  reset(): Promise<void> {
    return this.call('POST', '/reset').then(() => undefined);
  }

  /** The running orgs with their My Domain and login URLs. */
  orgs(): Promise<ControlledOrg[]> {
    return this.call('GET', '/orgs');
  }

  /** Refreshes a sandbox: it gets a new org id and every token issued in it stops working; returns the new id. */
  refreshSandbox(orgId: string): Promise<string> {
    return this.call<{ orgId: string }>('POST', '/orgs/refresh-sandbox', { orgId }).then((r) => r.orgId);
  }

  /** Adds a fault; returns its id. */
  addFault(spec: FaultSpec): Promise<{ id: number; remaining: number }> {
    return this.call('POST', '/faults', spec);
  }

  /** Removes every fault. */
  clearFaults(): Promise<void> {
    return this.call('DELETE', '/faults').then(() => undefined);
  }

  /** Latency added to every Salesforce route. */
  setLatency(ms: number): Promise<void> {
    return this.call('POST', '/latency', { ms }).then(() => undefined);
  }

  /** Expires the matching access tokens; returns how many. */
  expireTokens(target: TokenTarget): Promise<number> {
    return this.call<{ count: number }>('POST', '/tokens/expire', target).then((r) => r.count);
  }

  /** Revokes the matching access and refresh tokens; returns how many. */
  revokeTokens(target: TokenTarget): Promise<number> {
    return this.call<{ count: number }>('POST', '/tokens/revoke', target).then((r) => r.count);
  }

  /** Issues a token for a user without the browser flow, as a test shortcut. */
  issueToken(options: { username: string; clientId?: string; scopes?: string[] }): Promise<TokenResponse> {
    return this.call('POST', '/tokens/issue', options);
  }

  /** Spends an org's daily API allowance until `remaining` calls are left. */
  spendAllowance(orgId: string, remaining: number): Promise<void> {
    return this.call('POST', '/allowance/spend', { orgId, remaining }).then(() => undefined);
  }

  /** Moves the emulator's clock forward. */
  advanceClock(ms: number): Promise<void> {
    return this.call('POST', '/clock/advance', { ms }).then(() => undefined);
  }

  /** Calls by route and by org, counted as Salesforce counts them. */
  stats(): Promise<StatsSnapshot> {
    return this.call('GET', '/stats');
  }

  /** Registers (or replaces) an External Client App. */
  registerClientApp(app: ClientApp): Promise<void> {
    return this.call('POST', '/client-apps', app).then(() => undefined);
  }

  /** Adds a custom object to an org. */
  addCustomObject(
    orgId: string,
    spec: CustomObjectInput,
  ): Promise<{ name: string; keyPrefix: string; fields: string[] }> {
    return this.call('POST', '/data/custom-object', { orgId, ...spec });
  }

  /** Adds custom fields to an object (`count` generated ones, or the `fields` given). */
  addCustomFields(
    orgId: string,
    objectName: string,
    input: { count?: number; fields?: CustomFieldInput[]; grantProfiles?: string[] },
  ): Promise<{ name: string; type: string }[]> {
    return this.call('POST', '/data/custom-fields', { orgId, objectName, ...input });
  }

  /** Deletes permission rows behind the service's back (drift); returns how many. */
  deletePermissionRows(orgId: string, filter: PermissionRowFilter): Promise<number> {
    return this.call<{ deleted: number }>('POST', '/data/permission-rows/delete', { orgId, ...filter }).then(
      (r) => r.deleted,
    );
  }

  /** Activates or deactivates a user. */
  setUserActive(target: UserTarget, active: boolean): Promise<void> {
    return this.call('POST', '/data/user-active', { ...target, active }).then(() => undefined);
  }

  /** Installs a package version (the Metadata API folder of its package directory) into orgs; one report per org. */
  installPackage(input: { orgIds: string[]; metadataDir: string; packageName?: string }): Promise<InstallReport[]> {
    return this.call<InstallReport[]>('POST', '/package/install', input);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const message = (parsed as { error?: unknown }).error;
      throw new ControlClientError(
        response.status,
        `${method} ${path}: ${typeof message === 'string' ? message : `HTTP ${response.status}`}`,
      );
    }
    return parsed as T;
  }
}
