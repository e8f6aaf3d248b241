/**
 * One emulated Salesforce org: identity (id, My Domain, login host), users and passwords, effective access, the REST
 * operations as the running user (describe, retrieve, create, update, delete, upsert), the SOQL data source,
 * savepoints for allOrNone, the Connect REST credential store, API limits, and the edits the control API makes for
 * tests. Everything is rebuilt from the seed by reset().
 */
import type {
  CallContext,
  Clock,
  CredentialInput,
  CredentialOutput,
  CredentialPrincipalType,
  EffectiveAccess,
  FieldDef,
  LoginEvent,
  ObjectDef,
  SaveResult,
  Savepoint,
  SfRecord,
} from './types';
import type { OrgCore } from './core';
import type { DemoOrg } from './demoCatalog';
import type { Schema } from './schema/schema';
import type { OrgSize } from './schema/generatedObjects';
import type { OrgShape } from './permissions/dependencies';
import type { RuleBook } from './dml/rules';
import type { UsernameRegistry } from './dml/assignmentRules';
import { EffectiveAccessCache } from './access/effectiveAccess';
import { UserView } from './access/userView';
import { ApiLimits } from './limits';
import { CredentialStore } from './credentials';
import { OrgDataSource } from './dataSource';
import { describeGlobal, describeSObject } from './describe';
import { createRuleBook } from './dml/ruleBook';
import { RecordWriter } from './dml/recordWriter';
import { retrieveRecord } from './records';
import { buildOrg, type BuiltOrg } from './seeds/orgFactory';
import { toId18 } from './ids';
import { applyControlEdit, type ControlEdits } from './controlEdits';
import { installPackage, type InstalledVersion, type InstallReport } from './packaging/installPackage';
import type { PackageMetadata } from './packaging/packageMetadata';

/** How to build an org model. */
export interface OrgModelOptions {
  org: DemoOrg;
  size: OrgSize;
  seed: number;
  clock: Clock;
  installedClientAppIds: readonly string[];
  usernameTaken: UsernameRegistry;
  /** How the org answers about permission dependencies (default: rows unlisted, no Forecasts). */
  shape?: OrgShape;
}

/** One emulated org. */
export class OrgModel {
  readonly name: string;
  readonly kind: DemoOrg['kind'];
  readonly isSandbox: boolean;
  readonly myDomain: string;
  readonly instanceName: string;
  readonly loginHost: 'production' | 'sandbox';
  /** Client apps (External Client Apps) installed in this org; others are blocked unless the user may approve them. */
  readonly installedClientAppIds = new Set<string>();
  readonly limits: ApiLimits;
  /** Edits the control API makes for tests (add objects and fields, remove permission rows, deactivate users). */
  readonly control: ControlEdits;

  private built!: BuiltOrg;
  /** The org as it is now: the seeded one, or a sandbox refreshed under a new org id. */
  private current: DemoOrg;
  private cache!: EffectiveAccessCache;
  private credentials!: CredentialStore;
  private readonly rules: RuleBook;
  private readonly passwords = new Map<string, string>();
  private readonly savepoints = new Map<number, { mark: number; counters: Map<string, number> }>();
  private nextSavepoint = 1;
  /** The package version installed here (by the package's name), for upgrades. */
  private readonly installedPackages = new Map<string, InstalledVersion>();
  /** Installs that belong to this org's starting state: reset() installs them again. */
  private readonly baselineInstalls: PackageMetadata[] = [];

  constructor(private readonly options: OrgModelOptions) {
    const { org } = options;
    this.current = org;
    this.name = org.name;
    this.kind = org.kind;
    this.isSandbox = org.isSandbox;
    this.myDomain = org.myDomain;
    this.instanceName = org.instanceName;
    this.loginHost = org.loginHost;
    this.limits = new ApiLimits(org.dailyApiRequestsMax);
    this.rules = createRuleBook(options.usernameTaken);
    this.control = {
      addCustomObject: (spec) => this.edit({ kind: 'addCustomObject', spec }) as ObjectDef,
      addCustomField: (objectName, def, grantProfiles) =>
        this.edit({ kind: 'addCustomField', objectName, def, grantProfiles }) as FieldDef,
      deletePermissionRows: (filter) => this.edit({ kind: 'deletePermissionRows', filter }) as number,
      setUserActive: (userId, active) => {
        this.edit({ kind: 'setUserActive', userId, active });
      },
    };
    this.reset();
  }

  /** The org id (18 characters); a sandbox refresh changes it. */
  get id(): string {
    return this.current.id;
  }

  /**
   * What a sandbox refresh does to the org as its clients see it: a new org is built under a new org id, from the
   * seeded (source) org's metadata and data, so users keep their ids and usernames; everything changed since is gone.
   */
  refreshSandbox(newOrgId: string): void {
    if (!this.isSandbox) throw new Error(`${this.name} is not a sandbox; only sandboxes are refreshed.`);
    this.current = { ...this.options.org, id: newOrgId };
    this.rebuild();
  }

  /** Back to the seeded state (the seeded org id too): schema, records, passwords, installed apps, limits, no savepoints. */
  reset(): void {
    this.current = this.options.org;
    this.rebuild();
  }

  private rebuild(): void {
    this.built = buildOrg(this.current, this.options.size, this.options.seed, this.options.clock, this.options.shape);
    this.cache = new EffectiveAccessCache(this.built.core);
    this.credentials = new CredentialStore(this.built.core);
    this.passwords.clear();
    for (const { userId, password } of this.built.users.values()) this.passwords.set(userId, password);
    this.installedClientAppIds.clear();
    for (const id of this.options.installedClientAppIds) this.installedClientAppIds.add(id);
    this.limits.resetUsage();
    this.savepoints.clear();
    this.installedPackages.clear();
    for (const metadata of this.baselineInstalls) this.installPackage(metadata);
  }

  /**
   * Installs a package version (or upgrades the installed one) as Salesforce does: see packaging/installPackage.ts.
   * With `baseline`, the install is part of the org's starting state and reset() repeats it.
   */
  installPackage(metadata: PackageMetadata, options: { baseline?: boolean } = {}): InstallReport {
    const key = metadata.packageName.toLowerCase();
    const { report, installed } = installPackage(this.core, metadata, this.installedPackages.get(key));
    this.installedPackages.set(key, installed);
    if (options.baseline) this.baselineInstalls.push(metadata);
    this.cache.clear();
    return report;
  }

  /** The org's schema (objects and fields, case-insensitive lookups). */
  get schema(): Schema {
    return this.built.core.schema;
  }

  /** The org's internals, for the emulator's own tests and the control API. */
  get core(): OrgCore {
    return this.built.core;
  }

  /** The seeded user of a persona (see demoCatalog), or undefined. */
  seededUserId(persona: string): string | undefined {
    return this.built.users.get(persona)?.userId;
  }

  // Users

  /** A user by username (any case). */
  findUserByUsername(username: string): SfRecord | undefined {
    return this.core.store.lookupRows('User', 'username', username.toLowerCase())[0];
  }

  /** A user by id (15 or 18 characters). */
  getUser(id: string): SfRecord | undefined {
    const id18 = toId18(id);
    return id18 ? this.core.get('User', id18) : undefined;
  }

  /** Every user of the org. */
  listUsers(): SfRecord[] {
    return [...this.core.store.rows('User')];
  }

  /** Whether the password is the user's. */
  checkPassword(userId: string, password: string): boolean {
    const id18 = toId18(userId);
    return id18 !== undefined && this.passwords.get(id18) === password;
  }

  /** Sets a user's password (tests and the control API). */
  setPassword(userId: string, password: string): void {
    const user = this.getUser(userId);
    if (!user) throw new Error(`No user ${userId} in ${this.name}.`);
    this.passwords.set(user.Id, password);
  }

  /** Whether the user has API Only User (cannot log in interactively). */
  isApiOnlyUser(userId: string): boolean {
    return this.effectiveAccess(userId).systemPermissions.has('ApiUserOnly');
  }

  /** The user's effective access (cached; recomputed after any setup write or when an assignment expires). */
  effectiveAccess(userId: string): EffectiveAccess {
    const id18 = toId18(userId);
    if (!id18 || !this.core.get('User', id18)) throw new Error(`No user ${userId} in ${this.name}.`);
    return this.cache.get(id18);
  }

  /** Records a login attempt in LoginHistory (and LastLoginDate on success). */
  recordLogin(userId: string, event: LoginEvent): void {
    const user = this.getUser(userId);
    if (!user) throw new Error(`No user ${userId} in ${this.name}.`);
    const at = this.core.nowIso();
    this.core.insert(
      'LoginHistory',
      {
        UserId: user.Id,
        LoginTime: at,
        LoginType: event.loginType,
        SourceIp: event.sourceIp,
        LoginUrl: event.loginUrl ?? `${this.myDomain}.my.salesforce.com`,
        Browser: 'Unknown',
        Platform: 'Unknown',
        Status: event.status,
        Application: event.application,
        ApiType: null,
        ApiVersion: null,
        CountryIso: null,
      },
      null,
      at,
    );
    if (event.status === 'Success') this.core.update('User', user.Id, { LastLoginDate: at }, user.Id);
  }

  // REST operations, as the running user of ctx

  /** The SOQL engine's view of the org for this call (with indexed rowsWhere and the org clock). */
  dataSource(ctx: CallContext): OrgDataSource {
    return new OrgDataSource(this.core, this.accessOf(ctx), ctx);
  }

  /** GET /sobjects: `{encoding, maxBatchSize, sobjects}`. */
  describeGlobal(ctx: CallContext): Record<string, unknown> {
    return describeGlobal(this.view(ctx));
  }

  /** GET /sobjects/{name}/describe (NOT_FOUND for objects the user cannot see). */
  describeSObject(ctx: CallContext, name: string): Record<string, unknown> {
    return describeSObject(this.view(ctx), name);
  }

  /** GET /sobjects/{type}/{id}. */
  retrieve(ctx: CallContext, type: string, id: string, fields?: string[]): Record<string, unknown> {
    return retrieveRecord(this.view(ctx), type, id, fields);
  }

  /** POST /sobjects/{type}. */
  create(ctx: CallContext, type: string, body: Record<string, unknown>): SaveResult {
    return this.writer(ctx).create(type, body);
  }

  /** PATCH /sobjects/{type}/{id}. */
  update(ctx: CallContext, type: string, id: string, body: Record<string, unknown>): SaveResult {
    return this.writer(ctx).update(type, id, body);
  }

  /** DELETE /sobjects/{type}/{id}. */
  remove(ctx: CallContext, type: string, id: string): SaveResult {
    return this.writer(ctx).remove(type, id);
  }

  /** PATCH /sobjects/{type}/{extIdField}/{value}: `created` tells insert from update. */
  upsert(ctx: CallContext, type: string, extIdField: string, value: string, body: Record<string, unknown>): SaveResult {
    return this.writer(ctx).upsert(type, extIdField, value, body);
  }

  // Transactions

  /** Marks the current state; rollback() returns to it. Cheap: only later writes are journaled. */
  savepoint(): Savepoint {
    const id = this.nextSavepoint++;
    this.savepoints.set(id, { mark: this.core.store.savepoint(), counters: this.core.ids.snapshot() });
    return { id };
  }

  /** Restores every record, id counter and cache to the savepoint (later savepoints are closed too). */
  rollback(savepoint: Savepoint): void {
    const entry = this.savepoints.get(savepoint.id);
    if (!entry) throw new Error('This savepoint was already rolled back or released.');
    this.core.store.rollback(entry.mark);
    this.core.ids.restore(entry.counters);
    this.core.accessVersion++;
    this.cache.clear();
    for (const id of [...this.savepoints.keys()]) if (id >= savepoint.id) this.savepoints.delete(id);
  }

  /** Keeps the writes since the savepoint and stops journaling for it (call when a transaction commits). */
  release(savepoint: Savepoint): void {
    const entry = this.savepoints.get(savepoint.id);
    if (!entry) return;
    this.core.store.release(entry.mark);
    for (const id of [...this.savepoints.keys()]) if (id >= savepoint.id) this.savepoints.delete(id);
  }

  // Connect REST credentials

  /** GET /named-credentials/credential. */
  getCredential(
    ctx: CallContext,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): CredentialOutput {
    return this.credentials.get(this.accessOf(ctx), externalCredential, principalName, principalType);
  }

  /** POST (create), PUT (update) or PATCH (patch) /named-credentials/credential. */
  putCredential(ctx: CallContext, body: CredentialInput, mode: 'create' | 'update' | 'patch'): CredentialOutput {
    return this.credentials.put(ctx, this.accessOf(ctx), body, mode);
  }

  /** DELETE /named-credentials/credential. */
  deleteCredential(
    ctx: CallContext,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): void {
    this.credentials.delete(this.accessOf(ctx), externalCredential, principalName, principalType);
  }

  /** The stored credential values in clear (tests only; Salesforce never returns them). */
  debugCredentialValue(
    externalCredential: string,
    principalName: string,
    principalType: CredentialPrincipalType = 'NamedPrincipal',
  ): Record<string, string> | undefined {
    return this.credentials.debugValue(externalCredential, principalName, principalType);
  }

  // Control API edits (also reachable through `control`)

  /** Adds a custom object; System Administrator gets full access to it, as when an admin creates one in Setup. */
  addCustomObject(spec: Parameters<ControlEdits['addCustomObject']>[0]): ObjectDef {
    return this.control.addCustomObject(spec);
  }

  /** Adds a custom field; only the named profiles (default System Administrator) get access to it. */
  addCustomField(
    objectName: string,
    def: Parameters<ControlEdits['addCustomField']>[1],
    grantProfiles?: string[],
  ): FieldDef {
    return this.control.addCustomField(objectName, def, grantProfiles);
  }

  /** Deletes ObjectPermissions/FieldPermissions/SetupEntityAccess/PermissionSetAssignment rows (no rules apply). */
  deletePermissionRows(filter: Parameters<ControlEdits['deletePermissionRows']>[0]): number {
    return this.control.deletePermissionRows(filter);
  }

  /** Activates or deactivates a user. */
  setUserActive(userId: string, active: boolean): void {
    this.control.setUserActive(userId, active);
  }

  private edit(edit: Parameters<typeof applyControlEdit>[1]): unknown {
    const result = applyControlEdit(this.core, edit);
    this.cache.clear();
    return result;
  }

  private accessOf(ctx: CallContext): EffectiveAccess {
    if (toId18(ctx.orgId) !== this.id)
      throw new Error(`This call is for org ${ctx.orgId}, not ${this.id} (${this.name}).`);
    return this.effectiveAccess(ctx.userId);
  }

  private view(ctx: CallContext): UserView {
    const access = this.accessOf(ctx);
    return new UserView(this.core, access, { ...ctx, userId: access.userId });
  }

  private writer(ctx: CallContext): RecordWriter {
    return new RecordWriter(this.view(ctx), this.rules);
  }
}
