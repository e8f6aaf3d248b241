/**
 * Reads who the integration user is and where its permissions come from: its profile, every permission set and
 * permission set group assigned to it (with group components and muting sets), the two GRAX sets (found by API name,
 * or by label when someone renamed them), and the org facts that decide conditional permissions. The active sources
 * (profile, each direct set, each group with its own muting set) are exported as `sources`; effective system
 * permissions follow Salesforce's per-group muting rule (`effectiveUnion`). Expired assignments and session-based sets
 * give nothing in an API session. Costs three composite calls at most.
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import { SalesforceApiError } from '../../salesforce/apiClient';
import { batchRows, optionalBatchRows, readBatch, type QuerySpec } from '../../salesforce/api/compositeReader';
import type { DescribeSObjectResult, SfRecord } from '../../salesforce/api/types';
import { PERMISSION_SETS, SYSTEM_PERMISSION_RULES, type OrgFacts, type SetRole } from '../profile';
import { effectiveUnion, setIdsOf, type AccessSource } from './accessSources';
import { soqlIn, soqlString } from './soql';

/** One permission set, profile-owned set or muting permission set, with its enabled system permissions. */
export interface PermissionSetInfo {
  id: string;
  name: string;
  label: string;
  description: string | null;
  isOwnedByProfile: boolean;
  licenseId: string | null;
  namespacePrefix: string | null;
  hasActivationRequired: boolean;
  isMuting: boolean;
  permissions: Set<string>;
}

/** The integration user. */
export interface IntegrationUser {
  id: string;
  username: string;
  isActive: boolean;
  userType: string | null;
  profileId: string;
  profileName: string | null;
  userLicenseId: string | null;
  userLicenseName: string | null;
  userLicenseKey: string | null;
}

/** One assignment of a set or group to the user. */
export interface AssignmentInfo {
  id: string;
  permissionSetId: string | null;
  permissionSetGroupId: string | null;
  expirationDate: string | null;
}

/** A user license or permission set license, by id. */
export interface LicenseInfo {
  id: string;
  kind: 'user' | 'permissionSet';
  /** UserLicense.Name or PermissionSetLicense.MasterLabel. */
  label: string;
  /** LicenseDefinitionKey or PermissionSetLicense.DeveloperName. */
  key: string | null;
}

/** Why an assignment gives nothing in an API session. */
export interface IgnoredAssignment {
  assignment: AssignmentInfo;
  reason: 'expired' | 'sessionBased';
}

/** Where the user's access comes from, and its effective system permissions. */
export interface UserAccess {
  user: IntegrationUser;
  facts: OrgFacts;
  /** User permissions this org has (PermissionSet `Permissions*` fields, without the prefix). */
  availablePermissions: Set<string>;
  /**
   * The same permissions by field label, lower-case (`'modify all data'` -> `'ModifyAllData'`): the names Salesforce
   * uses in "depends on permission(s)" errors.
   */
  permissionLabels: Map<string, string>;
  /** Every set read, by id. */
  sets: Map<string, PermissionSetInfo>;
  assignments: AssignmentInfo[];
  /**
   * Where access comes from now: the profile, each active direct set, each active group with its components and its
   * muting set. Apply muting per source with `effectiveUnion`, never across sources.
   */
  sources: AccessSource[];
  ignored: IgnoredAssignment[];
  /** The GRAX sets by API name, and sets that carry a GRAX label under another API name. */
  grax: Record<SetRole, PermissionSetInfo | undefined>;
  renamed: Partial<Record<SetRole, PermissionSetInfo>>;
  /** Direct assignment of each GRAX set to the user (active or expired), if any. */
  graxAssignments: Record<SetRole, AssignmentInfo | undefined>;
  /** Whether each GRAX set counts for the user now (assigned directly or through a group, not expired). */
  graxGranted: Record<SetRole, boolean>;
  systemPermissions: Set<string>;
  /** Licenses of the org by id, and the permission set licenses the user holds. */
  licenses: Map<string, LicenseInfo>;
  userPermissionSetLicenses: Set<string>;
}

/** Permissions whose flags are worth reading: the profile's, plus what Auto Config itself needs. */
const INTERESTING = new Set([
  ...SYSTEM_PERMISSION_RULES.map((r) => r.name),
  'ManageProfilesPermissionsets',
  'AssignPermissionSets',
  'ManageNamedCredentials',
  'CustomizeApplication',
]);

const SET_FIELDS = 'Id, Name, Label, Description, IsOwnedByProfile, LicenseId, NamespacePrefix, HasActivationRequired';

function permissionFieldsOf(describe: DescribeSObjectResult | SalesforceApiError | undefined): Set<string> {
  if (!describe || describe instanceof SalesforceApiError) return new Set();
  return new Set(
    describe.fields
      .filter((f) => f.type === 'boolean' && f.name.startsWith('Permissions'))
      .map((f) => f.name.slice('Permissions'.length)),
  );
}

function permissionLabelsOf(describe: DescribeSObjectResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of describe.fields) {
    if (f.type === 'boolean' && f.name.startsWith('Permissions') && f.label)
      out.set(f.label.toLowerCase(), f.name.slice('Permissions'.length));
  }
  return out;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toSet(record: SfRecord, fields: readonly string[], isMuting: boolean): PermissionSetInfo {
  return {
    id: String(record.Id),
    name: str(record.Name) ?? str(record.DeveloperName) ?? '',
    label: str(record.Label) ?? str(record.MasterLabel) ?? '',
    description: str(record.Description),
    isOwnedByProfile: record.IsOwnedByProfile === true,
    licenseId: str(record.LicenseId),
    namespacePrefix: str(record.NamespacePrefix),
    hasActivationRequired: record.HasActivationRequired === true,
    isMuting,
    permissions: new Set(fields.filter((f) => record[`Permissions${f}`] === true)),
  };
}

function toUser(record: SfRecord | undefined, userId: string): IntegrationUser {
  if (!record)
    throw new SalesforceApiError(404, 'NOT_FOUND', `The integration user ${userId} was not found in the org.`);
  const profile = (record.Profile ?? null) as SfRecord | null;
  const license = (profile?.UserLicense ?? null) as SfRecord | null;
  return {
    id: String(record.Id),
    username: str(record.Username) ?? '',
    isActive: record.IsActive === true,
    userType: str(record.UserType),
    profileId: String(record.ProfileId),
    profileName: str(profile?.Name),
    userLicenseId: str(profile?.UserLicenseId),
    userLicenseName: str(license?.Name),
    userLicenseKey: str(license?.LicenseDefinitionKey),
  };
}

/**
 * Reads the user's access sources and computes its effective system permissions. `extraDescribes` ride along in the
 * first composite call for free (describes do not count towards its five queries); they are handed to `onDescribe`.
 */
export async function readUserAccess(
  client: SalesforceClient,
  userId: string,
  now: Date,
  extra: {
    describes: string[];
    onDescribe: (name: string, result: DescribeSObjectResult | SalesforceApiError) => void;
    /** More permission flags to read on each set (e.g. what Salesforce required in earlier runs). */
    permissions?: readonly string[];
  } = {
    describes: [],
    onDescribe: () => undefined,
  },
): Promise<UserAccess> {
  const first = await readBatch(client, {
    describes: ['PermissionSet', 'MutingPermissionSet', ...extra.describes],
    queries: [
      {
        key: 'user',
        soql:
          'SELECT Id, Username, IsActive, UserType, ProfileId, Profile.Name, Profile.UserLicenseId, ' +
          `Profile.UserLicense.Name, Profile.UserLicense.LicenseDefinitionKey FROM User WHERE Id = ${soqlString(userId)}`,
      },
      {
        key: 'assignments',
        soql:
          'SELECT Id, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignment ' +
          `WHERE AssigneeId = ${soqlString(userId)}`,
      },
    ],
  });
  for (const name of extra.describes) {
    const result = first.describes.get(name);
    if (result) extra.onDescribe(name, result);
  }
  const setDescribe = first.describes.get('PermissionSet');
  if (setDescribe instanceof SalesforceApiError) throw setDescribe;
  const available = permissionFieldsOf(setDescribe);
  const permissionLabels = setDescribe ? permissionLabelsOf(setDescribe) : new Map<string, string>();
  const mutingFields = [...permissionFieldsOf(first.describes.get('MutingPermissionSet'))].filter((f) =>
    INTERESTING.has(f),
  );
  const wantedFlags = new Set([...INTERESTING, ...(extra.permissions ?? [])]);
  const fields = [...available].filter((f) => wantedFlags.has(f));
  const select = [SET_FIELDS, ...fields.map((f) => `Permissions${f}`)].join(', ');
  const user = toUser(batchRows(first, 'user')[0], userId);
  const assignments = batchRows(first, 'assignments').map<AssignmentInfo>((r) => ({
    id: String(r.Id),
    permissionSetId: str(r.PermissionSetId),
    permissionSetGroupId: str(r.PermissionSetGroupId),
    expirationDate: str(r.ExpirationDate),
  }));
  const groupIds = [...new Set(assignments.flatMap((a) => (a.permissionSetGroupId ? [a.permissionSetGroupId] : [])))];
  const directIds = assignments.flatMap((a) =>
    a.permissionSetId && !a.permissionSetGroupId ? [a.permissionSetId] : [],
  );
  const names = [PERMISSION_SETS.template.name, PERMISSION_SETS.access.name];
  const labels = [PERMISSION_SETS.template.label, PERMISSION_SETS.access.label];
  const setFilter = [
    `(IsOwnedByProfile = true AND ProfileId = ${soqlString(user.profileId)})`,
    `Name IN ${soqlIn(names)}`,
    `Label IN ${soqlIn(labels)}`,
    ...(directIds.length > 0 ? [`Id IN ${soqlIn(directIds)}`] : []),
  ].join(' OR ');
  const second: QuerySpec[] = [
    { key: 'sets', soql: `SELECT ${select} FROM PermissionSet WHERE ${setFilter}` },
    { key: 'userLicenses', soql: 'SELECT Id, Name, LicenseDefinitionKey FROM UserLicense' },
    { key: 'psLicenses', soql: 'SELECT Id, MasterLabel, DeveloperName FROM PermissionSetLicense' },
    {
      key: 'psLicenseAssignments',
      soql: `SELECT PermissionSetLicenseId FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(userId)}`,
    },
  ];
  if (groupIds.length > 0) {
    second.push(
      {
        key: 'groups',
        soql: `SELECT Id, HasActivationRequired FROM PermissionSetGroup WHERE Id IN ${soqlIn(groupIds)}`,
      },
      {
        key: 'components',
        soql: `SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent WHERE PermissionSetGroupId IN ${soqlIn(groupIds)}`,
      },
    );
  }
  const secondResult = await readBatch(client, { queries: second });
  const sets = new Map<string, PermissionSetInfo>();
  for (const r of batchRows(secondResult, 'sets')) sets.set(String(r.Id), toSet(r, fields, false));
  const sessionGroups = new Set(
    batchRows(secondResult, 'groups').flatMap((r) => (r.HasActivationRequired === true ? [String(r.Id)] : [])),
  );
  const components = batchRows(secondResult, 'components').map((r) => ({
    groupId: String(r.PermissionSetGroupId),
    setId: String(r.PermissionSetId),
  }));
  await readMissingSets(client, components, sets, select, mutingFields, fields);
  const licenses = new Map<string, LicenseInfo>();
  // The license objects cannot be read in some orgs: their rows are optional.
  for (const r of optionalBatchRows(secondResult, 'userLicenses')) {
    licenses.set(String(r.Id), {
      id: String(r.Id),
      kind: 'user',
      label: str(r.Name) ?? '',
      key: str(r.LicenseDefinitionKey),
    });
  }
  for (const r of optionalBatchRows(secondResult, 'psLicenses')) {
    licenses.set(String(r.Id), {
      id: String(r.Id),
      kind: 'permissionSet',
      label: str(r.MasterLabel) ?? '',
      key: str(r.DeveloperName),
    });
  }
  const userPermissionSetLicenses = new Set(
    optionalBatchRows(secondResult, 'psLicenseAssignments').map((r) => String(r.PermissionSetLicenseId)),
  );
  return {
    ...assemble({ user, available, permissionLabels, sets, assignments, components, sessionGroups, now, fields }),
    licenses,
    userPermissionSetLicenses,
  };
}

async function readMissingSets(
  client: SalesforceClient,
  components: { setId: string }[],
  sets: Map<string, PermissionSetInfo>,
  select: string,
  mutingFields: string[],
  fields: string[],
): Promise<void> {
  const missing = components.map((c) => c.setId).filter((id) => !sets.has(id));
  // Muting permission sets have their own key prefix (0QM) and object.
  const muting = missing.filter((id) => id.startsWith('0QM'));
  const regular = missing.filter((id) => !id.startsWith('0QM'));
  const queries: QuerySpec[] = [];
  if (regular.length > 0)
    queries.push({ key: 'componentSets', soql: `SELECT ${select} FROM PermissionSet WHERE Id IN ${soqlIn(regular)}` });
  if (muting.length > 0) {
    const mutingSelect = ['Id, DeveloperName, MasterLabel', ...mutingFields.map((f) => `Permissions${f}`)].join(', ');
    queries.push({
      key: 'mutingSets',
      soql: `SELECT ${mutingSelect} FROM MutingPermissionSet WHERE Id IN ${soqlIn(muting)}`,
    });
  }
  if (queries.length === 0) return;
  const result = await readBatch(client, { queries });
  for (const r of batchRows(result, 'componentSets')) sets.set(String(r.Id), toSet(r, fields, false));
  for (const r of batchRows(result, 'mutingSets')) sets.set(String(r.Id), toSet(r, mutingFields, true));
}

function assemble(input: {
  user: IntegrationUser;
  available: Set<string>;
  permissionLabels: Map<string, string>;
  sets: Map<string, PermissionSetInfo>;
  assignments: AssignmentInfo[];
  components: { groupId: string; setId: string }[];
  sessionGroups: Set<string>;
  now: Date;
  fields: string[];
}): Omit<UserAccess, 'licenses' | 'userPermissionSetLicenses'> {
  const { sets, assignments } = input;
  const { sources, ignored } = resolveAccessSources(input);
  const granting = new Set(setIdsOf(sources, 'granting'));
  const systemPermissions = effectiveUnion(sources, (id) => sets.get(id)?.permissions ?? []);
  const byName = (role: SetRole): PermissionSetInfo | undefined =>
    [...sets.values()].find((s) => !s.isMuting && s.name === PERMISSION_SETS[role].name && !s.namespacePrefix);
  const byLabel = (role: SetRole): PermissionSetInfo | undefined =>
    [...sets.values()].find(
      (s) =>
        !s.isMuting &&
        !s.isOwnedByProfile &&
        s.label === PERMISSION_SETS[role].label &&
        s.name !== PERMISSION_SETS[role].name,
    );
  const grax = { template: byName('template'), access: byName('access') };
  const renamed: Partial<Record<SetRole, PermissionSetInfo>> = {};
  for (const role of ['template', 'access'] as const) {
    const other = byLabel(role);
    if (!grax[role] && other) renamed[role] = other;
  }
  const direct = (set: PermissionSetInfo | undefined): AssignmentInfo | undefined =>
    set ? assignments.find((a) => a.permissionSetId === set.id && !a.permissionSetGroupId) : undefined;
  return {
    user: input.user,
    facts: { auditFieldsEnabled: input.available.has('CreateAuditFields') },
    availablePermissions: input.available,
    permissionLabels: input.permissionLabels,
    sets,
    assignments,
    sources,
    ignored,
    grax,
    renamed,
    graxAssignments: { template: direct(grax.template), access: direct(grax.access) },
    graxGranted: {
      template: grax.template !== undefined && granting.has(grax.template.id),
      access: grax.access !== undefined && granting.has(grax.access.id),
    },
    systemPermissions,
  };
}

/**
 * The access sources that count now: the profile's set, each active direct set, each active group (components and
 * muting set). Expired assignments and session-based sets or groups become `ignored` instead.
 */
export function resolveAccessSources(input: {
  sets: Map<string, PermissionSetInfo>;
  assignments: AssignmentInfo[];
  components: { groupId: string; setId: string }[];
  sessionGroups: Set<string>;
  now: Date;
}): { sources: AccessSource[]; ignored: IgnoredAssignment[] } {
  const { sets, assignments, components, sessionGroups, now } = input;
  const sources: AccessSource[] = [];
  const ignored: IgnoredAssignment[] = [];
  for (const set of sets.values()) {
    if (set.isOwnedByProfile) sources.push({ kind: 'profile', id: set.id, granting: [set.id], muting: [] });
  }
  for (const a of assignments) {
    if (a.expirationDate && new Date(a.expirationDate).getTime() <= now.getTime()) {
      ignored.push({ assignment: a, reason: 'expired' });
      continue;
    }
    const groupId = a.permissionSetGroupId;
    if (groupId) {
      if (sessionGroups.has(groupId)) {
        ignored.push({ assignment: a, reason: 'sessionBased' });
        continue;
      }
      const members = components.filter((c) => c.groupId === groupId).map((c) => c.setId);
      sources.push({
        kind: 'group',
        id: groupId,
        granting: members.filter((id) => sets.get(id)?.isMuting !== true),
        muting: members.filter((id) => sets.get(id)?.isMuting === true),
      });
      continue;
    }
    const set = a.permissionSetId ? sets.get(a.permissionSetId) : undefined;
    if (!set) continue;
    if (set.hasActivationRequired) ignored.push({ assignment: a, reason: 'sessionBased' });
    else sources.push({ kind: 'permissionSet', id: set.id, granting: [set.id], muting: [] });
  }
  return { sources, ignored };
}
