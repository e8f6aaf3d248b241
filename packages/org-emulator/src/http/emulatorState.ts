/**
 * Everything one running emulator holds besides the org model: client apps, tokens, pending logins, query locators,
 * Bulk API jobs, faults, call statistics, settings and the URLs of its listeners. Handlers receive this object.
 */
import type { HttpOrg, HttpWorld } from './orgPort';
import type { HostRole } from './core/httpTypes';
import { ClientAppRegistry, type ClientApp } from './oauth/clientApps';
import { TokenStore } from './oauth/tokenStore';
import { PendingAuthorizations } from './oauth/pendingAuthorizations';
import { QueryLocatorStore } from './rest/queryLocators';
import { BulkJobStore } from './bulk/bulkJobStore';
import { FaultPlan } from './control/faultPlan';
import { CallStats } from './control/callStats';
import { randomId } from '../org/ids';

/** Settings that tests and the CLI can change. */
export interface EmulatorSettings {
  latencyMs: number;
  /** Session timeout of access tokens when the app sets none (Salesforce's default is 2 hours). */
  sessionTimeoutMs: number;
  /** Newest API version served (the versions list ends here). */
  maxApiVersion: number;
  /**
   * Whether the username-password OAuth flow is allowed ("Allow OAuth Username-Password Flows", off by default in
   * orgs created since Summer '23). When off, every password grant answers invalid_grant.
   */
  usernamePasswordFlow: boolean;
}

/** Base URLs of the listeners. */
export interface EmulatorUrls {
  production: string;
  sandbox: string;
  instances: Map<string, string>;
}

/** The state shared by every handler of one emulator. */
export class EmulatorState {
  readonly apps: ClientAppRegistry;
  readonly tokens: TokenStore;
  readonly pending: PendingAuthorizations;
  readonly locators: QueryLocatorStore;
  readonly bulk: BulkJobStore;
  readonly faults = new FaultPlan();
  readonly stats: CallStats;
  readonly urls: EmulatorUrls = { production: '', sandbox: '', instances: new Map() };
  private readonly instanceRoles = new Map<HttpOrg, Extract<HostRole, { kind: 'instance' }>>();

  constructor(
    readonly world: HttpWorld,
    initialApps: readonly ClientApp[],
    readonly settings: EmulatorSettings,
    private readonly initialSettings: EmulatorSettings = { ...settings },
  ) {
    this.apps = new ClientAppRegistry(initialApps);
    this.tokens = new TokenStore(world.clock);
    this.pending = new PendingAuthorizations(world.clock);
    this.locators = new QueryLocatorStore(world.clock);
    this.bulk = new BulkJobStore();
    this.stats = new CallStats(world.clock);
  }

  /** Serves an org on an instance listener: `role` is the listener's own, so a sandbox refresh can move it. */
  registerInstance(org: HttpOrg, role: Extract<HostRole, { kind: 'instance' }>, url: string): void {
    this.instanceRoles.set(org, role);
    this.urls.instances.set(org.id, url);
  }

  /**
   * Refreshes a sandbox: the org gets a new org id (its My Domain stays), client apps installed in it stay installed,
   * and every token and session issued in the old org stops working. Returns the new org id.
   */
  refreshSandbox(org: HttpOrg): string {
    const previousId = org.id;
    const newId = randomId('00D');
    this.tokens.revokeMatching({ orgId: previousId });
    org.refreshSandbox(newId);
    this.apps.renameOrg(previousId, newId);
    this.syncInstanceIds();
    return newId;
  }

  /** Points each instance listener (and its URL entry) at its org's current id. */
  private syncInstanceIds(): void {
    for (const [org, role] of this.instanceRoles) {
      if (role.orgId === org.id) continue;
      const url = this.urls.instances.get(role.orgId);
      this.urls.instances.delete(role.orgId);
      role.orgId = org.id;
      if (url !== undefined) this.urls.instances.set(org.id, url);
    }
  }

  /** The org a host plays, or undefined for login hosts. */
  orgOfRole(role: HostRole): HttpOrg | undefined {
    return role.kind === 'instance' ? this.world.findOrgById(role.orgId) : undefined;
  }

  /** The login host URL for an org's users (production or sandbox). */
  loginUrlOf(org: HttpOrg): string {
    return org.loginHost === 'sandbox' ? this.urls.sandbox : this.urls.production;
  }

  /** The org's My Domain / instance URL. */
  instanceUrlOf(org: HttpOrg): string {
    const url = this.urls.instances.get(org.id);
    if (!url) throw new Error(`Org ${org.id} has no listener.`);
    return url;
  }

  /** The identity URL of a user, on the login host as Salesforce returns it. */
  identityUrlOf(org: HttpOrg, userId: string): string {
    return `${this.loginUrlOf(org)}/id/${org.id}/${userId}`;
  }

  /** Back to the state after start-up: seeded orgs, initial apps and settings, no tokens, jobs, faults or stats. */
  reset(): void {
    this.world.reset();
    this.syncInstanceIds();
    this.apps.reset();
    this.tokens.clear();
    this.pending.clear();
    this.locators.clear();
    this.bulk.clear();
    this.faults.clear();
    this.stats.clear();
    Object.assign(this.settings, this.initialSettings);
  }
}
