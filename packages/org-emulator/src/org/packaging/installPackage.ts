/**
 * Installs (or upgrades) a package version into an emulated org, as Salesforce does: the components are created or
 * replaced; each packaged permission set gets only the entries the packaging rules keep (installRules.ts), the rest is
 * dropped without an error. On an upgrade the packaged entries are replaced: entries the new version no longer
 * carries are removed, entries an admin added to a packaged set after the install are left as they are
 * (salesforce.stackexchange.com question 324780). Components the emulator does not model (tabs, Lightning pages and
 * components, labels) are listed as placed but not emulated.
 */
import type { OrgCore } from '../core';
import type { SfRecord } from '../types';
import { buildCustomObject } from '../schema/customObjects';
import { field as buildField } from '../schema/fieldFactory';
import type { FieldType } from '../types';
import { canHaveObjectPermissions } from '../access/objectPolicy';
import { OBJECT_VERB_FIELDS, type ObjectVerb } from '../permissions/dependencies';
import { afterSetChanged } from '../permissions/setMaintenance';
import { SeedWriter } from '../seeds/seedWriter';
import { entryFate, isCustomFieldName, isCustomObjectName, type DropReason } from './installRules';
import type { PackageMetadata, PermissionSetEntry } from './packageMetadata';

/** What an org remembers of the installed version: the entries each packaged permission set got from it. */
export interface InstalledVersion {
  packagedEntries: Map<string, Set<string>>;
}

/** What one install did. */
export interface InstallReport {
  orgId: string;
  /** True when a version was installed before (the seeded package counts). */
  upgrade: boolean;
  /** Components created or replaced, as "Type:Name". */
  installed: string[];
  /** Components in the package the emulator does not model, as "Type:Name". */
  notEmulated: string[];
  /** Permission set entries the install dropped, with the reason. */
  dropped: { permissionSet: string; entry: string; reason: DropReason }[];
  /** Packaged entries an upgrade removed because the new version no longer carries them. */
  removed: { permissionSet: string; entry: string }[];
}

/** mdapi object-permission elements by the emulator's verb. */
const OBJECT_ELEMENTS: Readonly<Record<ObjectVerb, string>> = {
  read: 'allowRead',
  create: 'allowCreate',
  update: 'allowEdit',
  delete: 'allowDelete',
  viewAllRecords: 'viewAllRecords',
  modifyAllRecords: 'modifyAllRecords',
  viewAllFields: 'viewAllFields',
};

/** Metadata field types the emulator maps; anything else becomes text. */
const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  Checkbox: 'boolean',
  Number: 'double',
  Url: 'url',
  Email: 'email',
  Date: 'date',
  DateTime: 'datetime',
  LongTextArea: 'textarea',
  TextArea: 'textarea',
};

/** The types install() places in the org's records; every other package.xml type is not emulated. */
const EMULATED_TYPES = new Set([
  'ApexClass',
  'CustomPermission',
  'CustomObject',
  'CustomField',
  'ExternalCredential',
  'NamedCredential',
  'PermissionSet',
]);

const isTrue = (value: string | undefined): boolean => value === 'true';

class Installer {
  private readonly w: SeedWriter;
  readonly report: InstallReport;

  constructor(
    private readonly core: OrgCore,
    private readonly metadata: PackageMetadata,
    private readonly previous: InstalledVersion | undefined,
  ) {
    this.w = new SeedWriter(core, core.nowIso(), null);
    this.report = { orgId: core.orgId, upgrade: false, installed: [], notEmulated: [], dropped: [], removed: [] };
  }

  run(): InstalledVersion {
    const m = this.metadata;
    for (const [type, names] of Object.entries(m.members)) {
      if (!EMULATED_TYPES.has(type)) this.report.notEmulated.push(...names.map((n) => `${type}:${n}`));
    }
    for (const c of m.apexClasses) this.apexClass(c.name, c.length);
    for (const p of m.customPermissions) this.customPermission(p);
    for (const o of m.customObjects) this.customObject(o);
    for (const ec of m.externalCredentials) this.externalCredential(ec);
    for (const nc of m.namedCredentials) this.namedCredential(nc);
    const packagedEntries = new Map<string, Set<string>>();
    for (const set of m.permissionSets) packagedEntries.set(set.name.toLowerCase(), this.permissionSet(set));
    this.core.accessVersion++;
    return { packagedEntries };
  }

  private byName(objectName: string, nameField: string, name: string): SfRecord | undefined {
    return [...this.core.store.rows(objectName)].find((r) => String(r[nameField]).toLowerCase() === name.toLowerCase());
  }

  private upsert(objectName: string, nameField: string, name: string, fields: Record<string, unknown>): SfRecord {
    const existing = this.byName(objectName, nameField, name);
    if (existing) this.report.upgrade = true;
    this.report.installed.push(`${objectName}:${name}`);
    return existing
      ? this.core.update(objectName, existing.Id, fields, null)
      : this.w.insert(objectName, { [nameField]: name, NamespacePrefix: null, ...fields });
  }

  private apexClass(name: string, length: number): void {
    this.upsert('ApexClass', 'Name', name, {
      ApiVersion: 66,
      Status: 'Active',
      IsValid: true,
      LengthWithoutComments: length,
    });
  }

  private customPermission(p: PackageMetadata['customPermissions'][number]): void {
    this.upsert('CustomPermission', 'DeveloperName', p.name, {
      MasterLabel: p.label,
      Description: p.description,
      IsLicensed: false,
      IsProtected: false,
    });
  }

  private customObject(o: PackageMetadata['customObjects'][number]): void {
    const schema = this.core.schema;
    if (!schema.getObject(o.name)) {
      schema.addObject(
        buildCustomObject(schema, {
          name: o.name,
          label: o.label,
          accessModel: o.customSetting ? 'customSetting' : 'data',
        }),
      );
    } else {
      this.report.upgrade = true;
    }
    this.report.installed.push(`CustomObject:${o.name}`);
    for (const f of o.fields) {
      if (!schema.getField(o.name, f.name)) {
        schema.addField(o.name, buildField(f.name, f.label, FIELD_TYPES[f.type] ?? 'string'));
      }
      this.report.installed.push(`CustomField:${o.name}.${f.name}`);
    }
  }

  private externalCredential(ec: PackageMetadata['externalCredentials'][number]): void {
    const row = this.upsert('ExternalCredential', 'DeveloperName', ec.name, {
      MasterLabel: ec.label,
      AuthenticationProtocol: ec.protocol,
    });
    const existing = [...this.core.store.rows('ExternalCredentialParameter')].filter(
      (p) => p.ExternalCredentialId === row.Id,
    );
    for (const p of ec.parameters) {
      const same = existing.find((e) => e.ParameterName === p.name && e.ParameterType === p.type);
      const fields = { ParameterValue: p.value, SequenceNumber: p.sequence };
      if (same) this.core.update('ExternalCredentialParameter', same.Id, fields, null);
      else
        this.w.insert('ExternalCredentialParameter', {
          ExternalCredentialId: row.Id,
          ParameterName: p.name,
          ParameterType: p.type,
          ...fields,
        });
    }
  }

  private namedCredential(nc: PackageMetadata['namedCredentials'][number]): void {
    const existing = this.byName('NamedCredential', 'DeveloperName', nc.name);
    // The address is set in the subscriber org after install; an upgrade keeps it (docs/package.md).
    const fields = existing
      ? { MasterLabel: nc.label, PrincipalType: nc.type }
      : { MasterLabel: nc.label, PrincipalType: nc.type, Endpoint: nc.url };
    this.upsert('NamedCredential', 'DeveloperName', nc.name, fields);
  }

  /** Creates or replaces a packaged set; returns the keys of the entries it got from this version. */
  private permissionSet(set: PackageMetadata['permissionSets'][number]): Set<string> {
    const existing = this.core.store.lookupRows('PermissionSet', 'name', set.name.toLowerCase())[0];
    this.report.installed.push(`PermissionSet:${set.name}`);
    let setId: string;
    if (existing) {
      this.report.upgrade = true;
      setId = this.core.update(
        'PermissionSet',
        existing.Id,
        { Label: set.label, Description: set.description },
        null,
      ).Id;
    } else {
      setId = this.w.createPermissionSet({ name: set.name, label: set.label, description: set.description ?? '' });
    }
    const kept = new Set<string>();
    for (const entry of set.entries) {
      const fate = entryFate(entry);
      if (!fate.kept) {
        this.report.dropped.push({ permissionSet: set.name, entry: fate.key, reason: fate.reason });
        continue;
      }
      kept.add(fate.key);
      this.writeEntry(setId, entry);
    }
    const before =
      this.previous?.packagedEntries.get(set.name.toLowerCase()) ?? (existing ? this.currentKeys(setId) : new Set());
    for (const key of before) {
      if (kept.has(key)) continue;
      if (this.removeEntry(setId, key)) this.report.removed.push({ permissionSet: set.name, entry: key });
    }
    afterSetChanged(this.core, setId, null);
    return kept;
  }

  /** The entries of a set the emulator can name, for a set installed before the org remembered versions (seeds). */
  private currentKeys(setId: string): Set<string> {
    const keys = new Set<string>();
    for (const row of this.core.store.lookupRows('SetupEntityAccess', 'parent', setId)) {
      const key = this.setupEntityKey(row);
      if (key) keys.add(key);
    }
    for (const row of this.core.store.lookupRows('ObjectPermissions', 'parent', setId)) {
      if (isCustomObjectName(String(row.SobjectType))) keys.add(`objectPermissions:${String(row.SobjectType)}`);
    }
    for (const row of this.core.store.lookupRows('FieldPermissions', 'parent', setId)) {
      if (isCustomFieldName(String(row.Field))) keys.add(`fieldPermissions:${String(row.Field)}`);
    }
    return keys;
  }

  private setupEntityKey(row: SfRecord): string | undefined {
    const entity = this.core.find(String(row.SetupEntityId))?.row;
    if (!entity) return undefined;
    switch (row.SetupEntityType) {
      case 'ApexClass':
        return `classAccesses:${String(entity.Name)}`;
      case 'CustomPermission':
        return `customPermissions:${String(entity.DeveloperName)}`;
      case 'ExternalCredentialParameter': {
        const ec = this.core.get('ExternalCredential', entity.ExternalCredentialId);
        return `externalCredentialPrincipalAccesses:${String(ec?.DeveloperName)}-${String(entity.ParameterName)}`;
      }
      default:
        return undefined;
    }
  }

  /** The setup entity an entry grants access to, or undefined when the emulator has no such entity. */
  private setupEntity(entry: PermissionSetEntry): SfRecord | undefined {
    const v = entry.values;
    switch (entry.element) {
      case 'classAccesses':
        return isTrue(v.enabled) ? this.byName('ApexClass', 'Name', v.apexClass ?? '') : undefined;
      case 'customPermissions':
        return isTrue(v.enabled) ? this.byName('CustomPermission', 'DeveloperName', v.name ?? '') : undefined;
      case 'externalCredentialPrincipalAccesses': {
        if (!isTrue(v.enabled)) return undefined;
        const [ecName = '', principal = ''] = (v.externalCredentialPrincipal ?? '').split('-');
        const ec = this.byName('ExternalCredential', 'DeveloperName', ecName);
        return [...this.core.store.rows('ExternalCredentialParameter')].find(
          (p) => ec && p.ExternalCredentialId === ec.Id && p.ParameterName === principal,
        );
      }
      default:
        return undefined;
    }
  }

  private writeEntry(setId: string, entry: PermissionSetEntry): void {
    const v = entry.values;
    if (entry.element === 'objectPermissions') {
      const obj = this.core.schema.getObject(v.object ?? '');
      if (!obj || !canHaveObjectPermissions(obj)) return;
      const flags: Record<string, boolean> = {};
      for (const [verb, element] of Object.entries(OBJECT_ELEMENTS))
        flags[OBJECT_VERB_FIELDS[verb as ObjectVerb]] = isTrue(v[element]);
      const row = this.core.store
        .lookupRows('ObjectPermissions', 'parent', setId)
        .find((r) => String(r.SobjectType).toLowerCase() === obj.name.toLowerCase());
      if (row) this.core.update('ObjectPermissions', row.Id, flags, null);
      else this.w.insert('ObjectPermissions', { ParentId: setId, SobjectType: obj.name, ...flags });
      return;
    }
    if (entry.element === 'fieldPermissions') {
      const [objectName = '', fieldName = ''] = (v.field ?? '').split('.');
      const f = this.core.schema.getField(objectName, fieldName);
      if (!f?.permissionable) return;
      const flags = { PermissionsRead: isTrue(v.readable), PermissionsEdit: isTrue(v.editable) };
      const row = this.core.store
        .lookupRows('FieldPermissions', 'parent', setId)
        .find((r) => String(r.Field).toLowerCase() === (v.field ?? '').toLowerCase());
      if (row) this.core.update('FieldPermissions', row.Id, flags, null);
      else this.w.insert('FieldPermissions', { ParentId: setId, SobjectType: objectName, Field: v.field, ...flags });
      return;
    }
    const entity = this.setupEntity(entry);
    if (!entity) return;
    const granted = this.core.store
      .lookupRows('SetupEntityAccess', 'parent', setId)
      .some((r) => r.SetupEntityId === entity.Id);
    if (!granted) this.w.grantSetupEntity(setId, entity.Id);
  }

  /** Removes the row of a packaged entry the new version no longer carries; true when there was one. */
  private removeEntry(setId: string, key: string): boolean {
    const [element = '', subject = ''] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const rows =
      element === 'objectPermissions'
        ? this.core.store
            .lookupRows('ObjectPermissions', 'parent', setId)
            .filter((r) => String(r.SobjectType).toLowerCase() === subject.toLowerCase())
            .map((r) => ['ObjectPermissions', r] as const)
        : element === 'fieldPermissions'
          ? this.core.store
              .lookupRows('FieldPermissions', 'parent', setId)
              .filter((r) => String(r.Field).toLowerCase() === subject.toLowerCase())
              .map((r) => ['FieldPermissions', r] as const)
          : this.core.store
              .lookupRows('SetupEntityAccess', 'parent', setId)
              .filter((r) => this.setupEntityKey(r) === key)
              .map((r) => ['SetupEntityAccess', r] as const);
    for (const [table, row] of rows) this.core.remove(table, row.Id);
    return rows.length > 0;
  }
}

/** Installs or upgrades a package version in an org; returns the report and what the org now remembers of it. */
export function installPackage(
  core: OrgCore,
  metadata: PackageMetadata,
  previous: InstalledVersion | undefined,
): { report: InstallReport; installed: InstalledVersion } {
  const installer = new Installer(core, metadata, previous);
  const installed = installer.run();
  return { report: installer.report, installed };
}
