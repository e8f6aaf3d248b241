/**
 * Renders PermissionSet metadata XML (source and metadata formats share it): the deployable template
 * `GRAX_Integration_User` and the per-org `GRAX_Integration_User_Access` download. Elements and list entries are
 * sorted the way `sf project retrieve` writes them, so a generated file diffs cleanly against a retrieved one.
 */
import type { ObjectVerb } from '../profile';

/** The content of a permission set, independent of any org ids. */
export interface PermissionSetContent {
  label: string;
  description: string;
  /** API names without the `Permissions` prefix. */
  userPermissions: readonly string[];
  objectPermissions: readonly { object: string; verbs: ReadonlySet<ObjectVerb> }[];
  /** `Object.Field` names. */
  fieldPermissions: readonly { field: string; readable: boolean; editable: boolean }[];
}

const NS = 'http://soap.sforce.com/2006/04/metadata';
const INDENT = '    ';

/** Escapes text for an XML element body. */
function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: string | boolean, depth: number): string {
  return `${INDENT.repeat(depth)}<${name}>${escapeXml(String(value))}</${name}>`;
}

function block(name: string, children: [string, string | boolean][]): string[] {
  return [`${INDENT}<${name}>`, ...children.map(([k, v]) => element(k, v, 2)), `${INDENT}</${name}>`];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The `.permissionset-meta.xml` text for the content, elements in Salesforce's alphabetical order. */
export function renderPermissionSetXml(content: PermissionSetContent): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<PermissionSet xmlns="${NS}">`];
  lines.push(element('description', content.description, 1));
  for (const f of [...content.fieldPermissions].sort((a, b) => byName(a.field, b.field))) {
    lines.push(
      ...block('fieldPermissions', [
        ['editable', f.editable],
        ['field', f.field],
        ['readable', f.readable],
      ]),
    );
  }
  lines.push(element('hasActivationRequired', false, 1));
  lines.push(element('label', content.label, 1));
  for (const o of [...content.objectPermissions].sort((a, b) => byName(a.object, b.object))) {
    lines.push(
      ...block('objectPermissions', [
        ['allowCreate', o.verbs.has('Create')],
        ['allowDelete', o.verbs.has('Delete')],
        ['allowEdit', o.verbs.has('Edit')],
        ['allowRead', o.verbs.has('Read')],
        ['modifyAllRecords', o.verbs.has('ModifyAllRecords')],
        ['object', o.object],
        ['viewAllFields', o.verbs.has('ViewAllFields')],
        ['viewAllRecords', o.verbs.has('ViewAllRecords')],
      ]),
    );
  }
  for (const name of [...content.userPermissions].sort(byName)) {
    lines.push(
      ...block('userPermissions', [
        ['enabled', true],
        ['name', name],
      ]),
    );
  }
  lines.push('</PermissionSet>', '');
  return lines.join('\n');
}

/** A metadata-format `package.xml` naming the permission sets. */
export function renderPackageXml(permissionSetNames: readonly string[], apiVersion: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Package xmlns="${NS}">`,
    `${INDENT}<types>`,
    ...[...permissionSetNames].sort(byName).map((n) => element('members', n, 2)),
    element('name', 'PermissionSet', 2),
    `${INDENT}</types>`,
    element('version', apiVersion, 1),
    '</Package>',
    '',
  ].join('\n');
}
