/**
 * What the HTTP layer needs from the org model, in one place. The org model (`src/org/`) implements these shapes;
 * keeping the HTTP side's expectations here means a change on either side shows up as one type error, not many.
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
  SoqlDataSource,
} from '../org/types';
import type { CustomFieldInput, PermissionRowFilter } from '../org/controlEdits';
import type { CustomObjectSpec } from '../org/schema/customObjects';
import type { InstallReport } from '../org/packaging/installPackage';
import type { PackageMetadata } from '../org/packaging/packageMetadata';

/** One org as the HTTP layer uses it. */
export interface HttpOrg {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly isSandbox: boolean;
  readonly myDomain: string;
  readonly instanceName: string;
  readonly loginHost: 'production' | 'sandbox';
  readonly installedClientAppIds: ReadonlySet<string>;
  readonly limits: { dailyApiRequests: { max: number; used: number } };
  readonly schema: {
    objectForId(id: string): ObjectDef | undefined;
    getObject(name: string): ObjectDef | undefined;
    getField(objectName: string, fieldName: string): FieldDef | undefined;
  };
  findUserByUsername(username: string): SfRecord | undefined;
  getUser(id: string): SfRecord | undefined;
  checkPassword(userId: string, password: string): boolean;
  isApiOnlyUser(userId: string): boolean;
  effectiveAccess(userId: string): EffectiveAccess;
  dataSource(ctx: CallContext): SoqlDataSource;
  describeGlobal(ctx: CallContext): unknown;
  describeSObject(ctx: CallContext, name: string): unknown;
  retrieve(ctx: CallContext, type: string, id: string, fields?: string[]): unknown;
  create(ctx: CallContext, type: string, body: Record<string, unknown>): SaveResult;
  update(ctx: CallContext, type: string, id: string, body: Record<string, unknown>): SaveResult;
  remove(ctx: CallContext, type: string, id: string): SaveResult;
  upsert(ctx: CallContext, type: string, extIdField: string, value: string, body: Record<string, unknown>): SaveResult;
  savepoint(): Savepoint;
  rollback(savepoint: Savepoint): void;
  release?(savepoint: Savepoint): void;
  getCredential(
    ctx: CallContext,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): CredentialOutput;
  putCredential(ctx: CallContext, body: CredentialInput, mode: 'create' | 'update' | 'patch'): CredentialOutput;
  deleteCredential(
    ctx: CallContext,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): void;
  recordLogin(userId: string, event: LoginEvent): void;
  addCustomObject(spec: CustomObjectSpec & { grantProfiles?: string[] }): ObjectDef;
  addCustomField(objectName: string, def: CustomFieldInput, grantProfiles?: string[]): FieldDef;
  deletePermissionRows(filter: PermissionRowFilter): number;
  setUserActive(userId: string, active: boolean): void;
  installPackage(metadata: PackageMetadata, options?: { baseline?: boolean }): InstallReport;
  refreshSandbox(newOrgId: string): void;
}

/** The world of orgs as the HTTP layer uses it. */
export interface HttpWorld {
  readonly orgs: readonly HttpOrg[];
  readonly clock: Clock;
  findOrgById(id: string): HttpOrg | undefined;
  findOrgByUsername(username: string): { org: HttpOrg; user: SfRecord } | undefined;
  reset(): void;
}
