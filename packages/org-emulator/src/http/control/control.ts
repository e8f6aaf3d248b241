/**
 * The emulator's control handle: everything the `/__emulator/` HTTP API offers, as methods for tests that run the
 * emulator in process. Nothing here is a Salesforce behaviour; it moves time, injects faults, spends allowance,
 * edits data and reads statistics so that tests can reach the situations Salesforce produces.
 */
import type { FieldDef, ObjectDef, SfRecord } from '../../org/types';
import type { CustomFieldInput, PermissionRowFilter } from '../../org/controlEdits';
import type { CustomObjectSpec } from '../../org/schema/customObjects';
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { ClientApp } from '../oauth/clientApps';
import { grantScopes } from '../oauth/clientApps';
import { tokenBody, type TokenResponse } from '../oauth/token';
import type { TokenFilter } from '../oauth/tokenStore';
import { readPackageMetadata } from '../../org/packaging/packageMetadata';
import type { InstallReport } from '../../org/packaging/installPackage';
import type { StatsSnapshot } from './callStats';
import type { ActiveFault, FaultSpec } from './faultPlan';

/** Which tokens a control call affects: by org, user (id or username), app, or all. */
export interface TokenTarget {
  orgId?: string;
  userId?: string;
  username?: string;
  clientId?: string;
  all?: boolean;
}

/** Which user a data edit affects. */
export interface UserTarget {
  orgId?: string;
  userId?: string;
  username?: string;
}

/** A custom object to add: its spec, its fields, and the profiles that get access (System Administrator by default). */
export type CustomObjectInput = Omit<CustomObjectSpec, 'fields'> & {
  fields?: CustomFieldInput[];
  grantProfiles?: string[];
};

/** The error control calls throw for bad input; the HTTP API answers it with 400. */
export class ControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlError';
  }
}

/** The in-process equivalent of the control API. */
export class EmulatorControl {
  constructor(private readonly state: EmulatorState) {}

  private org(orgId: string | undefined): HttpOrg {
    const org = orgId ? this.state.world.findOrgById(orgId) : undefined;
    if (!org) {
      const known = this.state.world.orgs.map((o) => `${o.id} (${o.name})`).join(', ');
      throw new ControlError(`Unknown orgId '${orgId ?? ''}'. Known orgs: ${known}.`);
    }
    return org;
  }

  private user(target: UserTarget): { org: HttpOrg; user: SfRecord } {
    if (target.username) {
      const found = this.state.world.findOrgByUsername(target.username);
      if (!found) throw new ControlError(`Unknown username '${target.username}'.`);
      return found;
    }
    const org = this.org(target.orgId);
    const user = target.userId ? org.getUser(target.userId) : undefined;
    if (!user) throw new ControlError(`Give a username, or an orgId and a userId of that org.`);
    return { org, user };
  }

  private tokenFilter(target: TokenTarget): TokenFilter {
    if (target.all) return { all: true };
    const filter: TokenFilter = { orgId: target.orgId, userId: target.userId, clientId: target.clientId };
    if (target.username) {
      const { org, user } = this.user({ username: target.username });
      filter.orgId = org.id;
      filter.userId = user.Id;
    }
    if (!filter.orgId && !filter.userId && !filter.clientId) {
      throw new ControlError('Say which tokens: orgId, userId, username, clientId, or all: true.');
    }
    return filter;
  }

  /** Back to the seeded state: orgs, client apps, settings; no tokens, locators, jobs, faults or statistics. */
  reset(): void {
    this.state.reset();
  }

  /** Adds a fault for the next matching calls. */
  addFault(spec: FaultSpec): ActiveFault {
    try {
      return this.state.faults.add(spec);
    } catch (error) {
      throw new ControlError(`Invalid fault: ${(error as Error).message}`);
    }
  }

  /** Faults still waiting. */
  listFaults(): ActiveFault[] {
    return this.state.faults.list();
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Sets the latency added to every Salesforce route. */
  setLatency(ms: number): void {
    this.state.settings.latencyMs = ms;
  }

  /** Ends matching sessions as a session timeout would (refresh tokens keep working). Returns how many. */
  expireTokens(target: TokenTarget): number {
    return this.state.tokens.expireSessions(this.tokenFilter(target));
  }

  /** Revokes matching refresh tokens and sessions. Returns how many. */
  revokeTokens(target: TokenTarget): number {
    return this.state.tokens.revokeMatching(this.tokenFilter(target));
  }

  /** Issues tokens for a user without a browser login (test set-up), as the token endpoint would answer. */
  issueToken(options: { username: string; clientId?: string; scopes?: string[] }): TokenResponse {
    const { org, user } = this.user({ username: options.username });
    const app = options.clientId ? this.state.apps.get(options.clientId) : this.state.apps.list()[0];
    if (!app) throw new ControlError(`Unknown clientId '${options.clientId ?? ''}'. Register the app first.`);
    const scopes = options.scopes ?? grantScopes(app, null);
    const grant = { orgId: org.id, userId: user.Id, clientId: app.clientId, scopes };
    const refresh =
      scopes.includes('refresh_token') || scopes.includes('offline_access')
        ? this.state.tokens.issueRefreshToken(grant)
        : undefined;
    return tokenBody(this.state, app, org, grant, refresh);
  }

  /** Sets how many API requests an org has left today. */
  spendAllowance(orgId: string, remaining: number): void {
    const allowance = this.org(orgId).limits.dailyApiRequests;
    allowance.used = Math.max(0, allowance.max - remaining);
  }

  /** Moves the world clock forward. */
  advanceClock(ms: number): void {
    this.state.world.clock.advance(ms);
  }

  /** Calls by route since the last reset, and API usage per org. */
  stats(): StatsSnapshot {
    const apiUsage = Object.fromEntries(
      this.state.world.orgs.map((o) => [
        o.id,
        { used: o.limits.dailyApiRequests.used, max: o.limits.dailyApiRequests.max },
      ]),
    );
    return this.state.stats.snapshot(apiUsage);
  }

  /** Registers (or replaces) an External Client App. */
  registerClientApp(app: ClientApp): void {
    this.state.apps.register(app);
  }

  /** Adds a custom object (and its fields) to an org. */
  addCustomObject(orgId: string, input: CustomObjectInput): ObjectDef {
    const org = this.org(orgId);
    const { fields = [], grantProfiles, ...spec } = input;
    const object = org.addCustomObject({ ...spec, grantProfiles });
    for (const field of fields) org.addCustomField(object.name, field, grantProfiles);
    return object;
  }

  /** Adds custom fields to an object: the given definitions, or `count` generated text fields. */
  addCustomFields(
    orgId: string,
    objectName: string,
    options: { count?: number; fields?: CustomFieldInput[]; grantProfiles?: string[] },
  ): FieldDef[] {
    const org = this.org(orgId);
    const object = org.schema.getObject(objectName);
    if (!object) throw new ControlError(`Org ${orgId} has no object '${objectName}'.`);
    const specs: CustomFieldInput[] = options.fields ? [...options.fields] : [];
    const existing = new Set(object.fields.map((f) => f.name.toLowerCase()));
    for (let n = 1; !options.fields && specs.length < (options.count ?? 1); n++) {
      const name = `Emulator_Added_${n}__c`;
      if (!existing.has(name.toLowerCase())) {
        specs.push({ name, label: `Emulator Added ${n}`, type: 'string', length: 255 });
      }
    }
    return specs.map((spec) => org.addCustomField(object.name, spec, options.grantProfiles));
  }

  /** Deletes ObjectPermissions / FieldPermissions rows matching a filter. Returns how many. */
  deletePermissionRows(orgId: string, filter: PermissionRowFilter): number {
    return this.org(orgId).deletePermissionRows(filter);
  }

  /**
   * Activates or deactivates a user. An inactive user's sessions stop working at once (INVALID_SESSION_ID) and
   * refreshing answers invalid_grant "inactive user".
   */
  setUserActive(target: UserTarget, active: boolean): void {
    const { org, user } = this.user(target);
    org.setUserActive(user.Id, active);
  }

  /**
   * Installs a package version into orgs (or upgrades the version installed there), as Salesforce does:
   * `metadataDir` is the Metadata API folder `sf project convert source` writes for the package directory. Packaged
   * permission sets keep only what the packaging rules keep; the report lists what was dropped. A reset goes back to
   * the orgs as started, without this install (installs made by startEmulator's `installPackage` are repeated).
   */
  installPackage(input: { orgIds: string[]; metadataDir: string; packageName?: string }): InstallReport[] {
    if (input.orgIds.length === 0) throw new ControlError('Say which orgs: orgIds with at least one org id.');
    const orgs = input.orgIds.map((id) => this.org(id));
    let metadata;
    try {
      metadata = readPackageMetadata(input.metadataDir, input.packageName);
    } catch (error) {
      throw new ControlError((error as Error).message);
    }
    return orgs.map((org) => org.installPackage(metadata));
  }

  /**
   * Refreshes a sandbox as Salesforce does: a new org id, the data and metadata of its source again, and every token
   * issued in the old org stops working. Returns the new org id.
   */
  refreshSandbox(orgId: string): { orgId: string } {
    const org = this.org(orgId);
    if (!org.isSandbox)
      throw new ControlError(`${org.name} (${org.id}) is not a sandbox; only sandboxes are refreshed.`);
    return { orgId: this.state.refreshSandbox(org) };
  }

  /** The orgs with their URLs (for tests and the CLI). */
  orgs(): { id: string; name: string; kind: string; instanceUrl: string; loginUrl: string }[] {
    return this.state.world.orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      instanceUrl: this.state.instanceUrlOf(o),
      loginUrl: this.state.loginUrlOf(o),
    }));
  }
}
