/**
 * Reads a package version's metadata in Metadata API format: the folder that `sf project convert source` writes for
 * a package directory (package.xml, classes/, customPermissions/, permissionsets/, ...). Only what an install into
 * the emulated org acts on is read; every other component is listed by type and name so that an install can say what
 * it placed without emulating it (tabs, pages, Lightning components, labels).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** One entry of a permission set file: its element name and its child elements as text. */
export interface PermissionSetEntry {
  element: string;
  values: Record<string, string>;
}

/** A PermissionSet file. */
export interface PermissionSetMetadata {
  name: string;
  label: string;
  description: string | null;
  /** Every repeatable entry (userPermissions, objectPermissions, classAccesses, ...), in file order. */
  entries: PermissionSetEntry[];
}

/** A package version's components as the emulator installs them. */
export interface PackageMetadata {
  /** The folder read. */
  dir: string;
  /** The package's name: upgrades replace what the same package installed before. */
  packageName: string;
  apexClasses: { name: string; length: number }[];
  customPermissions: { name: string; label: string; description: string | null }[];
  customObjects: {
    name: string;
    label: string;
    customSetting: boolean;
    fields: { name: string; label: string; type: string }[];
  }[];
  externalCredentials: {
    name: string;
    label: string;
    protocol: string;
    parameters: { name: string; type: string; value: string | null; sequence: number }[];
  }[];
  namedCredentials: { name: string; label: string; url: string | null; type: string }[];
  permissionSets: PermissionSetMetadata[];
  /** Every member of package.xml by type, including the types the emulator does not model. */
  members: Record<string, string[]>;
}

/** Elements of PermissionSet that are single values of the set itself, not entries. */
const SET_ATTRIBUTES = new Set(['label', 'description', 'hasActivationRequired', 'license', 'fullName']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => String(jpath).split('.').length === 2,
});

type Node = Record<string, unknown>;

function parseFile(file: string): { root: string; node: Node } {
  const document = parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const root = Object.keys(document).find((key) => key !== '?xml');
  if (!root) throw new Error(`${file} has no root element.`);
  const content = document[root];
  return { root, node: (Array.isArray(content) ? content[0] : content) as Node };
}

function list(node: Node, name: string): unknown[] {
  const value = node[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function text(node: Node, name: string): string | null {
  const [value] = list(node, name);
  return typeof value === 'string' ? value : null;
}

function flat(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries((value ?? {}) as Node)) {
    const first = Array.isArray(child) ? child[0] : child;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

function components(dir: string, folder: string, suffix: string): { name: string; file: string }[] {
  const full = path.join(dir, folder);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => ({ name: f.slice(0, -suffix.length), file: path.join(full, f) }));
}

function readManifest(dir: string): { fullName: string | null; members: Record<string, string[]> } {
  const { root, node } = parseFile(path.join(dir, 'package.xml'));
  if (root !== 'Package') throw new Error(`${dir}/package.xml is not a package manifest (root element ${root}).`);
  const members: Record<string, string[]> = {};
  for (const types of list(node, 'types') as Node[]) {
    const name = text(types, 'name');
    if (name) members[name] = list(types, 'members').map(String);
  }
  return { fullName: text(node, 'fullName'), members };
}

function readPermissionSet(name: string, file: string): PermissionSetMetadata {
  const { node } = parseFile(file);
  const entries: PermissionSetEntry[] = [];
  for (const [element, value] of Object.entries(node)) {
    if (SET_ATTRIBUTES.has(element)) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push({ element, values: flat(item) });
  }
  return { name, label: text(node, 'label') ?? name, description: text(node, 'description'), entries };
}

/**
 * Reads a Metadata API folder as the package `packageName` (default: package.xml's fullName, else the folder's name).
 * Throws, naming the folder and what to run, when it is not one (no package.xml).
 */
export function readPackageMetadata(dir: string, packageName?: string): PackageMetadata {
  if (!existsSync(path.join(dir, 'package.xml'))) {
    throw new Error(
      `${dir} holds no package.xml: give the folder that "sf project convert source --root-dir force-app --output-dir <folder>" writes.`,
    );
  }
  const manifest = readManifest(dir);
  return {
    dir,
    packageName: packageName ?? manifest.fullName ?? path.basename(path.resolve(dir)),
    members: manifest.members,
    apexClasses: components(dir, 'classes', '.cls').map(({ name, file }) => ({
      name,
      length: readFileSync(file, 'utf8').length,
    })),
    customPermissions: components(dir, 'customPermissions', '.customPermission').map(({ name, file }) => {
      const { node } = parseFile(file);
      return { name, label: text(node, 'label') ?? name, description: text(node, 'description') };
    }),
    customObjects: components(dir, 'objects', '.object').map(({ name, file }) => {
      const { node } = parseFile(file);
      return {
        name,
        label: text(node, 'label') ?? name,
        customSetting: text(node, 'customSettingsType') !== null,
        fields: (list(node, 'fields') as Node[]).map((f) => ({
          name: text(f, 'fullName') ?? '',
          label: text(f, 'label') ?? '',
          type: text(f, 'type') ?? 'Text',
        })),
      };
    }),
    externalCredentials: components(dir, 'externalCredentials', '.externalCredential').map(({ name, file }) => {
      const { node } = parseFile(file);
      return {
        name,
        label: text(node, 'label') ?? name,
        protocol: text(node, 'authenticationProtocol') ?? 'Custom',
        parameters: (list(node, 'externalCredentialParameters') as Node[]).map((p) => ({
          name: text(p, 'parameterName') ?? '',
          type: text(p, 'parameterType') ?? '',
          value: text(p, 'parameterValue'),
          sequence: Number(text(p, 'sequenceNumber') ?? '1'),
        })),
      };
    }),
    namedCredentials: components(dir, 'namedCredentials', '.namedCredential').map(({ name, file }) => {
      const { node } = parseFile(file);
      const url = (list(node, 'namedCredentialParameters') as Node[]).find((p) => text(p, 'parameterType') === 'Url');
      return {
        name,
        label: text(node, 'label') ?? name,
        url: url ? text(url, 'parameterValue') : null,
        type: text(node, 'namedCredentialType') ?? 'SecuredEndpoint',
      };
    }),
    permissionSets: components(dir, 'permissionsets', '.permissionset').map(({ name, file }) =>
      readPermissionSet(name, file),
    ),
  };
}
