// Reads the unlocked package's source (force-app/main/default) for the offline package checks: file listings and
// metadata XML parsed into plain objects, with the repeatable elements always as arrays.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { REPO_ROOT } from '@test-support/repoRoot';

export { REPO_ROOT };
export const PACKAGE_ROOT = path.join(REPO_ROOT, 'force-app', 'main', 'default');

// Elements that may repeat in the metadata types this package ships.
const REPEATABLE = new Set([
  'externalCredentialParameters',
  'namedCredentialParameters',
  'classAccesses',
  'customPermissions',
  'customSettingAccesses',
  'externalCredentialPrincipalAccesses',
  'objectPermissions',
  'fieldPermissions',
  'tabSettings',
  'userPermissions',
  'pageAccesses',
  'flexiPageRegions',
  'itemInstances',
  'target',
  'labels',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATABLE.has(name),
});

export type MetadataNode = { [key: string]: MetadataValue };
export type MetadataValue = string | MetadataNode | MetadataValue[] | undefined;

/** Parses a metadata XML file below force-app/main/default and returns its root element's content. */
export function readMetadata(relativePath: string): MetadataNode {
  const xml = readFileSync(path.join(PACKAGE_ROOT, relativePath), 'utf8');
  const document = parser.parse(xml) as Record<string, unknown>;
  const rootName = Object.keys(document).find((key) => key !== '?xml');
  if (!rootName) {
    throw new Error(`${relativePath} has no root element`);
  }
  return document[rootName] as MetadataNode;
}

/** The text of a child element, or undefined when it is absent. */
export function text(node: MetadataNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The repeatable child elements called name (an empty list when there are none). */
export function children(node: MetadataNode, name: string): MetadataNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as MetadataNode[]) : [];
}

/** The file names in a folder below force-app/main/default that end with suffix, without the suffix. */
export function componentNames(folder: string, suffix: string): string[] {
  return readdirSync(path.join(PACKAGE_ROOT, folder))
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .sort();
}

/** The text of a file below force-app/main/default. */
export function readSource(relativePath: string): string {
  return readFileSync(path.join(PACKAGE_ROOT, relativePath), 'utf8');
}

/** The value of `public static final String NAME = '...'` in an Apex class. */
export function apexStringConstant(className: string, constant: string): string {
  const source = readSource(`classes/${className}.cls`);
  const match = new RegExp(`static\\s+final\\s+String\\s+${constant}\\s*=\\s*'([^']*)'`).exec(source);
  if (!match?.[1]) {
    throw new Error(`${className}.${constant} is not a String constant`);
  }
  return match[1];
}
