/**
 * The GRAX permission profile: the single source of truth for what the integration user needs, per feature. The
 * deployable template (`npm run generate:permissionset`), Auto Config, Auto Fix, Verify, monitoring and the docs all
 * read this file; nothing else lists permissions. Dependent permissions are not listed here: they come from the org's
 * Tooling `PermissionDependency` rows at run time (see dependencies.ts).
 */

/** What the admin chose GRAX to do in this org. */
export type Feature = 'backup' | 'archive' | 'restore' | 'monitoring';

/** Every feature, in the order the web app lists them. */
export const FEATURES: readonly Feature[] = ['backup', 'archive', 'restore', 'monitoring'];

/** Names an admin reads. */
export const FEATURE_LABELS: Readonly<Record<Feature, string>> = {
  backup: 'Backup',
  archive: 'Archive',
  restore: 'Restore',
  monitoring: 'Monitoring and Auto Fix',
};

/** Features Auto Config configures when the caller does not choose. */
export const DEFAULT_FEATURES: readonly Feature[] = FEATURES;

/**
 * required: the feature fails without it; recommended: the feature works but misses data or leaves a manual step;
 * optional: extra capability the admin may grant (never in the template, never an error when missing).
 */
export type Requirement = 'required' | 'recommended' | 'optional';

/** Org settings that decide whether a permission exists at all. */
export type OrgCondition = 'auditFieldsEnabled';

/** Facts about the org that conditions are evaluated against. */
export interface OrgFacts {
  /** "Enable Set Audit Fields upon Record Creation and Update Records with Inactive Owners" is on in the org. */
  auditFieldsEnabled: boolean;
}

/** One system (user) permission of the profile. */
export interface SystemPermissionRule {
  /** API name without the `Permissions` prefix, e.g. 'ViewAllData'. */
  name: string;
  /** Label as Setup shows it. */
  label: string;
  features: readonly Feature[];
  level: Requirement;
  /** Only when the org enables it; such permissions cannot be in the deployable template. */
  condition?: OrgCondition;
  /** Why GRAX needs it, in one line an admin can read. */
  reason: string;
}

/** The system permissions GRAX asks for. */
export const SYSTEM_PERMISSION_RULES: readonly SystemPermissionRule[] = [
  {
    name: 'ApiEnabled',
    label: 'API Enabled',
    features: FEATURES,
    level: 'required',
    reason: 'GRAX reads and writes your data only through the Salesforce APIs.',
  },
  {
    name: 'ViewAllData',
    label: 'View All Data',
    features: ['backup', 'archive', 'restore'],
    level: 'required',
    reason: 'Backups must include every record, whoever owns it and however it is shared.',
  },
  {
    name: 'ModifyAllData',
    label: 'Modify All Data',
    features: ['archive', 'restore'],
    level: 'required',
    reason: 'Restore writes records back and archive removes them, whoever owns them and however they are shared.',
  },
  {
    name: 'QueryAllFiles',
    label: 'Query All Files',
    features: ['backup', 'archive'],
    level: 'required',
    reason:
      'View All Data does not cover files: without this, backups miss files not shared with the integration user.',
  },
  {
    name: 'ViewEncryptedData',
    label: 'View Encrypted Data',
    features: ['backup'],
    level: 'recommended',
    reason: 'Without it, encrypted fields are backed up masked and cannot be restored to their real values.',
  },
  {
    name: 'ViewSetup',
    label: 'View Setup and Configuration',
    features: ['backup', 'monitoring'],
    level: 'required',
    reason: 'Needed to read field permissions, permission sets and org limits (monitoring, Verify, API usage).',
  },
  {
    name: 'ManageProfilesPermissionsets',
    label: 'Manage Profiles and Permission Sets',
    features: ['monitoring'],
    level: 'required',
    reason: 'Auto Fix adds missing object and field access to the GRAX Integration User - Org Access permission set.',
  },
  {
    name: 'AssignPermissionSets',
    label: 'Assign Permission Sets',
    features: ['monitoring'],
    level: 'required',
    reason: 'Auto Fix assigns the GRAX permission sets again when someone removed them from the integration user.',
  },
  {
    name: 'ManageNamedCredentials',
    label: 'Manage Named Credentials',
    features: ['monitoring'],
    level: 'recommended',
    reason:
      'Lets GRAX store and rotate the org link key in the GRAX_Service External Credential without a manual step.',
  },
  {
    name: 'UpdateWithInactiveOwner',
    label: 'Update Records with Inactive Owners',
    features: ['restore'],
    level: 'recommended',
    condition: 'auditFieldsEnabled',
    reason: 'Restore can put back records owned by users who have since been deactivated.',
  },
  {
    name: 'CreateAuditFields',
    label: 'Set Audit Fields upon Record Creation',
    features: ['restore'],
    level: 'recommended',
    condition: 'auditFieldsEnabled',
    reason: 'Restored records keep their original Created By and Created Date instead of showing the restore.',
  },
  {
    name: 'ManageUsers',
    label: 'Manage Users',
    features: ['monitoring'],
    level: 'optional',
    reason: 'Only for storage metrics per user; grants broad user administration, so grant it only if you use them.',
  },
];

/** Object permission verbs, named as ObjectPermissions fields without the `Permissions` prefix. */
export type ObjectVerb =
  'Read' | 'Create' | 'Edit' | 'Delete' | 'ViewAllRecords' | 'ModifyAllRecords' | 'ViewAllFields';

/** Every verb, in Setup's order. */
export const OBJECT_VERBS: readonly ObjectVerb[] = [
  'Read',
  'Create',
  'Edit',
  'Delete',
  'ViewAllRecords',
  'ModifyAllRecords',
  'ViewAllFields',
];

/** Labels Setup uses for object verbs. */
export const OBJECT_VERB_LABELS: Readonly<Record<ObjectVerb, string>> = {
  Read: 'Read',
  Create: 'Create',
  Edit: 'Edit',
  Delete: 'Delete',
  ViewAllRecords: 'View All Records',
  ModifyAllRecords: 'Modify All Records',
  ViewAllFields: 'View All Fields',
};

/** Object access a feature needs on every object it covers, with the reason an admin reads. */
export interface ObjectRule {
  features: readonly Feature[];
  verbs: readonly ObjectVerb[];
  /** The verb only applies to objects that support the operation (describeGlobal createable/updateable/deletable). */
  onlyWhen?: 'createable' | 'updateable' | 'deletable';
  reason: string;
}

/**
 * Object rules. Read coverage uses View All Fields (one ObjectPermissions row per object) rather than one
 * FieldPermissions row per field: View All Data does not bypass field-level security, and View All Fields also covers
 * fields created after Auto Config ran, which is how backups silently miss new fields elsewhere.
 */
const OBJECT_RULES: readonly ObjectRule[] = [
  {
    features: ['backup', 'archive', 'restore'],
    verbs: ['Read', 'ViewAllFields'],
    reason: 'Backups read every field of every object, including fields added later.',
  },
  {
    features: ['restore'],
    verbs: ['Create'],
    onlyWhen: 'createable',
    reason: 'Restore re-creates deleted records.',
  },
  {
    features: ['restore'],
    verbs: ['Edit'],
    onlyWhen: 'updateable',
    reason: 'Restore puts back earlier field values.',
  },
  {
    features: ['archive'],
    verbs: ['Edit', 'Delete'],
    onlyWhen: 'deletable',
    reason: 'Archive removes archived records from Salesforce.',
  },
];

/** Field rule: restore writes fields back, and FieldPermissions edit is the only way to allow that. */
const FIELD_EDIT_RULE = {
  features: ['restore'] as readonly Feature[],
  reason: 'Restore writes this field back; View All Fields only covers reading.',
};

/** The two GRAX permission sets. */
export const PERMISSION_SETS = {
  template: {
    name: 'GRAX_Integration_User',
    label: 'GRAX Integration User',
    description:
      'System permissions of the GRAX integration user. Packaged with GRAX Connect; holds nothing org-specific.',
  },
  access: {
    name: 'GRAX_Integration_User_Access',
    label: 'GRAX Integration User - Org Access',
    description:
      'Object and field access of the GRAX integration user in this org. Maintained by GRAX Auto Config and Auto Fix; never packaged.',
  },
} as const;

/** Which of the two sets. */
export type SetRole = keyof typeof PERMISSION_SETS;

/** Whether a rule serves at least one of the chosen features. */
function servesAny(rule: { features: readonly Feature[] }, features: readonly Feature[]): boolean {
  return rule.features.some((f) => features.includes(f));
}

/** Whether a conditional rule applies in an org with these facts. */
function conditionHolds(rule: SystemPermissionRule, facts: OrgFacts): boolean {
  return rule.condition === undefined || facts[rule.condition];
}

/** System permissions of the deployable template: every unconditional required or recommended permission. */
export function templateSystemPermissions(): SystemPermissionRule[] {
  return SYSTEM_PERMISSION_RULES.filter((r) => r.level !== 'optional' && r.condition === undefined);
}

/** System permission rules that apply for these features in an org with these facts (optional ones excluded). */
export function applicableSystemPermissions(features: readonly Feature[], facts: OrgFacts): SystemPermissionRule[] {
  return SYSTEM_PERMISSION_RULES.filter(
    (r) => r.level !== 'optional' && servesAny(r, features) && conditionHolds(r, facts),
  );
}

/** The rule of a system permission, by API name (with or without `Permissions`, any case). */
export function findSystemPermissionRule(name: string): SystemPermissionRule | undefined {
  const bare = name.replace(/^permissions/i, '').toLowerCase();
  return SYSTEM_PERMISSION_RULES.find((r) => r.name.toLowerCase() === bare);
}

/** Capabilities of an object as describeGlobal reports them. */
export interface ObjectCapabilities {
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
}

/** Object verbs the chosen features need on an object with these capabilities (before dependency expansion). */
export function objectVerbsFor(features: readonly Feature[], object: ObjectCapabilities): Set<ObjectVerb> {
  const verbs = new Set<ObjectVerb>();
  for (const rule of OBJECT_RULES) {
    if (!servesAny(rule, features)) continue;
    if (rule.onlyWhen && !object[rule.onlyWhen]) continue;
    for (const v of rule.verbs) verbs.add(v);
  }
  return verbs;
}

/** Whether the chosen features need field edit rows. */
export function needsFieldEdit(features: readonly Feature[]): boolean {
  return servesAny(FIELD_EDIT_RULE, features);
}

/** The reasons behind the object verbs the features need, for the checklist and previews. */
export function objectReasons(features: readonly Feature[], verbs: Iterable<ObjectVerb>): string[] {
  const wanted = new Set(verbs);
  return OBJECT_RULES.filter((r) => servesAny(r, features) && r.verbs.some((v) => wanted.has(v))).map((r) => r.reason);
}
