/**
 * Permission dependencies: "enabling X requires Y". One graph serves two callers: the Tooling object
 * PermissionDependency (rows the product reads instead of hard-coding) and the DML rules that refuse a permission set
 * whose enabled permissions miss a requirement (FIELD_INTEGRITY_EXCEPTION "Permission X depends on permission(s): Y").
 *
 * Row format follows what real orgs return: PermissionType/RequiredPermissionType are 'User Permission' or
 * 'Object Permission'; object permissions are written `<Object><<verb>>`, e.g. `Account<read>`.
 */
import type { ObjectDef } from '../types';
import type { Schema } from '../schema/schema';
import { findSystemPermission } from './systemPermissions';

/** The two permission kinds PermissionDependency reports. */
export type PermissionKind = 'User Permission' | 'Object Permission';

/** One edge: `permission` requires `requiredPermission`. */
export interface DependencyEdge {
  permission: string;
  permissionType: PermissionKind;
  requiredPermission: string;
  requiredPermissionType: PermissionKind;
}

/** Object permission verbs as PermissionDependency names them. */
export type ObjectVerb =
  'read' | 'create' | 'update' | 'delete' | 'viewAllRecords' | 'modifyAllRecords' | 'viewAllFields';

/** The ObjectPermissions field of each verb. */
export const OBJECT_VERB_FIELDS: Readonly<Record<ObjectVerb, string>> = {
  read: 'PermissionsRead',
  create: 'PermissionsCreate',
  update: 'PermissionsEdit',
  delete: 'PermissionsDelete',
  viewAllRecords: 'PermissionsViewAllRecords',
  modifyAllRecords: 'PermissionsModifyAllRecords',
  viewAllFields: 'PermissionsViewAllFields',
};

/** Verbs in the order Salesforce lists them. */
export const OBJECT_VERBS = Object.keys(OBJECT_VERB_FIELDS) as ObjectVerb[];

const VERB_LABELS: Readonly<Record<ObjectVerb, string>> = {
  read: 'Read',
  create: 'Create',
  update: 'Edit',
  delete: 'Delete',
  viewAllRecords: 'Read All',
  modifyAllRecords: 'Modify All',
  viewAllFields: 'View All Fields',
};

/** Create/Edit/ViewAll/ViewAllFields need Read; Delete needs Read+Edit; ModifyAll needs Read+Edit+Delete+ViewAll. */
const VERB_REQUIREMENTS: ReadonlyArray<readonly [ObjectVerb, readonly ObjectVerb[]]> = [
  ['create', ['read']],
  ['update', ['read']],
  ['delete', ['read', 'update']],
  ['viewAllRecords', ['read']],
  ['modifyAllRecords', ['read', 'update', 'delete', 'viewAllRecords']],
  ['viewAllFields', ['read']],
];

/** A detail object's Read (and Read All) need the same on its master. */
const MASTER_VERBS: readonly ObjectVerb[] = ['read', 'viewAllRecords'];

/**
 * How an org answers about dependencies: whether Tooling PermissionDependency lists Modify All Data's and View All
 * Data's requirements (the Tooling reference says it does; a probe of a real org found no rows, so by default it does
 * not, while saves still enforce them), and whether Forecasts is enabled (Modify All Data and View All Data then also
 * need the forecast permissions).
 */
export interface OrgShape {
  dependencyRows: 'unlisted' | 'listed';
  forecasts: boolean;
}

/** The harder, observed case: no rows for Modify All Data or View All Data, no Forecasts. */
export const DEFAULT_ORG_SHAPE: OrgShape = { dependencyRows: 'unlisted', forecasts: false };

/** What an org's dependency rules read: its schema and its shape. */
export interface DependencyOrg {
  schema: Schema;
  shape: OrgShape;
}

type UserRequirement = { permission: string; requires: readonly string[]; unlisted?: boolean };

/**
 * What Modify All Data requires when saved through the API: the user permissions of Help article 000321298 that the
 * emulator models (its object permissions and Convert Leads are left out, see docs/emulator-fidelity.md).
 */
const MODIFY_ALL_DATA_REQUIRES = [
  'ViewAllData',
  'ViewSetup',
  'EditEvent',
  'EditTask',
  'ImportLeads',
  'ManageCategories',
  'ManagePublicListViews',
  'RunReports',
  'TransferAnyEntity',
  'TransferAnyLead',
  'UseTeamReassignWizards',
];

/** What orgs with Forecasts add (forcedotcom/cli issue 2205). */
const FORECAST_REQUIRES: Readonly<Record<string, readonly string[]>> = {
  ModifyAllData: ['ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts'],
  ViewAllData: ['ViewAllForecasts'],
};

/**
 * User permission dependencies. Sources in docs/emulator-fidelity.md; entries marked there as UNCONFIRMED follow the
 * Setup UI's auto-enable behaviour as reported by practitioners. `unlisted` rules are enforced on save but missing
 * from PermissionDependency unless the org shape lists them.
 */
function userRequirements(shape: OrgShape): UserRequirement[] {
  const forecasts = (permission: string): readonly string[] =>
    shape.forecasts ? (FORECAST_REQUIRES[permission] ?? []) : [];
  return [
    {
      permission: 'ModifyAllData',
      requires: [...MODIFY_ALL_DATA_REQUIRES, ...forecasts('ModifyAllData')],
      unlisted: true,
    },
    ...(shape.forecasts ? [{ permission: 'ViewAllData', requires: forecasts('ViewAllData'), unlisted: true }] : []),
    { permission: 'AuthorApex', requires: ['ModifyAllData', 'ViewSetup'] },
    { permission: 'CustomizeApplication', requires: ['ViewSetup'] },
    {
      permission: 'ManageUsers',
      requires: [
        'AssignPermissionSets',
        'ManageInternalUsers',
        'ManageIpAddresses',
        'ManageLoginAccessPolicies',
        'ManagePasswordPolicies',
        'ManageProfilesPermissionsets',
        'ManageRoles',
        'ManageSharing',
        'ResetPasswords',
        'ViewAllUsers',
        'ViewRoles',
        'ViewSetup',
      ],
    },
    { permission: 'QueryAllFiles', requires: ['ViewAllData'] },
    { permission: 'ApiUserOnly', requires: ['ApiEnabled'] },
    {
      permission: 'ConvertLeads',
      requires: ['Account<create>', 'Contact<create>', 'Opportunity<create>', 'Lead<update>'],
    },
  ];
}

/** The user permissions `permission` requires directly in an org of this shape (listed or not). */
export function userPermissionRequirements(permission: string, shape: OrgShape = DEFAULT_ORG_SHAPE): readonly string[] {
  return userRequirements(shape).find((r) => r.permission === permission)?.requires ?? [];
}

/** The PermissionDependency name of an object permission, e.g. `Account<read>`. */
export function objectPermissionName(objectName: string, verb: ObjectVerb): string {
  return `${objectName}<${verb}>`;
}

function parseObjectPermission(name: string): { object: string; verb: ObjectVerb } | undefined {
  const m = /^(.+)<(\w+)>$/.exec(name);
  if (!m || !m[1] || !m[2] || !(m[2] in OBJECT_VERB_FIELDS)) return undefined;
  return { object: m[1], verb: m[2] as ObjectVerb };
}

/** Whether an object can carry ObjectPermissions rows (and so appears in object dependency rows). */
export type ObjectPermissionable = (obj: ObjectDef) => boolean;

/** Every dependency edge of an org: user permissions, then each permissionable object's verbs and master rules. */
export function* dependencyEdges(org: DependencyOrg, permissionable: ObjectPermissionable): Generator<DependencyEdge> {
  const { schema, shape } = org;
  for (const rule of userRequirements(shape)) {
    if (rule.unlisted && shape.dependencyRows === 'unlisted') continue;
    for (const required of rule.requires) {
      const isObject = required.includes('<');
      if (isObject && !schema.getObject(parseObjectPermission(required)?.object ?? '')) continue;
      yield {
        permission: rule.permission,
        permissionType: 'User Permission',
        requiredPermission: required,
        requiredPermissionType: isObject ? 'Object Permission' : 'User Permission',
      };
    }
  }
  for (const obj of schema.listObjects()) {
    if (!permissionable(obj)) continue;
    for (const [verb, requires] of VERB_REQUIREMENTS) {
      for (const required of requires) yield objectEdge(obj.name, verb, obj.name, required);
    }
    const master = obj.masterObject ? schema.getObject(obj.masterObject) : undefined;
    if (master) for (const verb of MASTER_VERBS) yield objectEdge(obj.name, verb, master.name, verb);
  }
}

function objectEdge(
  object: string,
  verb: ObjectVerb,
  requiredObject: string,
  requiredVerb: ObjectVerb,
): DependencyEdge {
  return {
    permission: objectPermissionName(object, verb),
    permissionType: 'Object Permission',
    requiredPermission: objectPermissionName(requiredObject, requiredVerb),
    requiredPermissionType: 'Object Permission',
  };
}

/** What one permission set enables: user permission names and, per object (any case), its object verbs. */
export interface EnabledPermissions {
  user: ReadonlySet<string>;
  objects: ReadonlyMap<string, ReadonlySet<ObjectVerb>>;
}

/** One unmet requirement. */
export interface Violation {
  permission: string;
  requiredPermission: string;
}

function isEnabled(enabled: EnabledPermissions, name: string): boolean {
  const objectPermission = parseObjectPermission(name);
  if (!objectPermission) return enabled.user.has(name);
  return enabled.objects.get(objectPermission.object.toLowerCase())?.has(objectPermission.verb) ?? false;
}

/** Unmet requirements of a permission set's enabled permissions (direct edges only, as Salesforce reports them). */
export function findViolations(org: DependencyOrg, enabled: EnabledPermissions): Violation[] {
  const { schema } = org;
  const out: Violation[] = [];
  for (const rule of userRequirements(org.shape)) {
    if (!enabled.user.has(rule.permission)) continue;
    for (const required of rule.requires) {
      const objectPermission = parseObjectPermission(required);
      if (objectPermission && !schema.getObject(objectPermission.object)) continue;
      if (!isEnabled(enabled, required)) out.push({ permission: rule.permission, requiredPermission: required });
    }
  }
  for (const [objectLower, verbs] of enabled.objects) {
    const obj = schema.getObject(objectLower);
    if (!obj) continue;
    for (const [verb, requires] of VERB_REQUIREMENTS) {
      if (!verbs.has(verb)) continue;
      for (const required of requires) {
        if (!verbs.has(required)) {
          out.push({
            permission: objectPermissionName(obj.name, verb),
            requiredPermission: objectPermissionName(obj.name, required),
          });
        }
      }
    }
    const master = obj.masterObject ? schema.getObject(obj.masterObject) : undefined;
    if (!master) continue;
    for (const verb of MASTER_VERBS) {
      const required = objectPermissionName(master.name, verb);
      if (verbs.has(verb) && !isEnabled(enabled, required)) {
        out.push({ permission: objectPermissionName(obj.name, verb), requiredPermission: required });
      }
    }
  }
  return out;
}

/** The label Salesforce uses for a permission in messages: "Modify All Data", "Read Account". */
export function permissionLabel(name: string): string {
  const objectPermission = parseObjectPermission(name);
  if (objectPermission) return `${VERB_LABELS[objectPermission.verb]} ${objectPermission.object}`;
  return findSystemPermission(name)?.label ?? name;
}

/** "Permission X depends on permission(s): Y, Z; Permission ..." for the violations, grouped by permission. */
export function formatViolations(violations: readonly Violation[]): string {
  const grouped = new Map<string, string[]>();
  for (const v of violations) {
    const list = grouped.get(v.permission) ?? [];
    list.push(permissionLabel(v.requiredPermission));
    grouped.set(v.permission, list);
  }
  return [...grouped]
    .map(
      ([permission, required]) =>
        `Permission ${permissionLabel(permission)} depends on permission(s): ${required.join(', ')}`,
    )
    .join('; ');
}

/** Violations present in `after` that were not already present in `before` (so a write only answers for itself). */
export function newViolations(before: readonly Violation[], after: readonly Violation[]): Violation[] {
  const known = new Set(before.map((v) => `${v.permission}>${v.requiredPermission}`));
  return after.filter((v) => !known.has(`${v.permission}>${v.requiredPermission}`));
}
