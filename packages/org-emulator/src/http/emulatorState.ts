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
