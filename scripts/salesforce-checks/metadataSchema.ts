// Checks every `*-meta.xml` against the Metadata API's types for the project's API version, offline. The types come
// from `@salesforce/types` (generated from the Metadata API WSDL; version pinned in package.json to the WSDL of the
// project's API version). That package is types only at run time, so its `lib/metadata.d.ts` is read with the
// TypeScript compiler: each `export type X = Parent & { field?: T; list: T[] }` gives X's elements in the WSDL's
// sequence order (the generator writes them in that order), `?` marks an optional element, `T[]` a repeatable one,
// and a union of string literals is an enumeration.
//
// What a file must satisfy: a root element that is a Metadata type, in the metadata namespace; only the type's
// elements, each holding a valid value (true/false for booleans, a number for numbers, one of the enumeration's
// values, nested elements for nested types); every required element present; a non-repeatable element at most once;
// and the elements in the type's sequence order, with repeated ones together. The Metadata API parses files against
// this sequence ("Element … invalid at this location in type …", "… is duplicated at this location"), and
// `sf project retrieve` writes them in it. LightningComponentBundle (`*.js-meta.xml`) is the exception: its
// `targetConfigs` is opaque (base64Binary) in the WSDL because LWC parses the file with its own configuration schema,
// so there only names and values are checked, not order, and `targetConfigs` is not descended into.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Finding } from './findings';

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const RULE = 'metadata-schema';

type Primitive = 'string' | 'boolean' | 'number' | 'date' | 'any';
interface Field {
  name: string;
  /** A primitive, or the name of another schema type (enumeration, string alias or nested type). */
  type: Primitive | { ref: string };
  repeatable: boolean;
  required: boolean;
}
type SchemaType =
  | { kind: 'enum'; values: string[] }
  | { kind: 'alias'; primitive: Primitive }
  | { kind: 'complex'; parents: string[]; fields: Field[] };

/** The Metadata API's types by name, read from `@salesforce/types`' metadata.d.ts. */
export type MetadataSchema = Map<string, SchemaType>;

// Types whose meta file another parser reads: element order is not checked, and the listed elements are opaque.
const OWN_FORMAT_TYPES: Record<string, string[]> = { LightningComponentBundle: ['targetConfigs'] };

/** Path of the metadata.d.ts of the installed `@salesforce/types`. */
export function metadataTypesPath(): string {
  return require.resolve('@salesforce/types/metadata').replace(/\.js$/, '.d.ts');
}

/** Reads the Metadata API's types from a `@salesforce/types` metadata.d.ts file. */
export function loadMetadataSchema(dtsPath: string = metadataTypesPath()): MetadataSchema {
  const source = ts.createSourceFile(dtsPath, readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, false);
  const schema: MetadataSchema = new Map();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement)) {
      const type = toSchemaType(statement.type);
      if (type) {
        schema.set(statement.name.text, type);
      }
    }
  }
  return schema;
}

function toSchemaType(node: ts.TypeNode): SchemaType | undefined {
  if (ts.isUnionTypeNode(node) && node.types.every(isStringLiteral)) {
    return {
      kind: 'enum',
      values: node.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text),
    };
  }
  if (isStringLiteral(node)) {
    return { kind: 'enum', values: [((node as ts.LiteralTypeNode).literal as ts.StringLiteral).text] };
  }
  const primitive = toPrimitive(node);
  if (primitive) {
    return { kind: 'alias', primitive };
  }
  const parts = ts.isIntersectionTypeNode(node) ? [...node.types] : [node];
  const parents: string[] = [];
  const fields: Field[] = [];
  for (const part of parts) {
    if (ts.isTypeReferenceNode(part)) {
      parents.push(refName(part));
    } else if (ts.isTypeLiteralNode(part)) {
      for (const member of part.members) {
        if (ts.isPropertySignature(member) && member.type) {
          fields.push(toField(member));
        }
      }
    } else {
      return undefined;
    }
  }
  return { kind: 'complex', parents, fields };
}

function toField(member: ts.PropertySignature): Field {
  const repeatable = ts.isArrayTypeNode(member.type!);
  const element = repeatable ? (member.type as ts.ArrayTypeNode).elementType : member.type!;
  const primitive = toPrimitive(element);
  return {
    name: (member.name as ts.Identifier).text,
    type: primitive ?? { ref: ts.isTypeReferenceNode(element) ? refName(element) : 'any' },
    repeatable,
    required: !repeatable && !member.questionToken,
  };
}

function toPrimitive(node: ts.TypeNode): Primitive | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.AnyKeyword:
      return 'any';
    default:
      return ts.isTypeReferenceNode(node) && refName(node) === 'Date' ? 'date' : undefined;
  }
}

function refName(node: ts.TypeReferenceNode): string {
  return ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
}

function isStringLiteral(node: ts.TypeNode): boolean {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal);
}

/** A complex type's elements in sequence order: its parents' first (XSD extension), then its own. */
function fieldsOf(schema: MetadataSchema, typeName: string): Field[] {
  const type = schema.get(typeName);
  if (type?.kind !== 'complex') {
    return [];
  }
  return [...type.parents.flatMap((parent) => fieldsOf(schema, parent)), ...type.fields];
}

function extendsMetadata(schema: MetadataSchema, typeName: string): boolean {
  const type = schema.get(typeName);
  return type?.kind === 'complex' && type.parents.some((p) => p === 'Metadata' || extendsMetadata(schema, p));
}

// ---- checking files ----------------------------------------------------------------------------------------------

// fast-xml-parser's order-preserving shape: each node is { [tagName]: children, ':@'?: attributes } or { '#text' }.
type XmlNode = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
});

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#comment');
}

function textOf(children: XmlNode[]): string {
  return children
    .filter((child) => '#text' in child)
    .map((child) => String(child['#text']))
    .join('');
}

/** Checks one metadata XML document; `file` names it in the findings. */
export function checkMetadataXml(schema: MetadataSchema, xml: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const report = (message: string, line?: number): void => {
    findings.push({ file, line, rule: RULE, message });
  };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    report(`not well-formed XML: ${valid.err.msg}`, valid.err.line);
    return findings;
  }
  const document = parser.parse(xml) as XmlNode[];
  const roots = document.filter((node) => tagOf(node));
  const root = roots[0];
  const rootName = root && tagOf(root);
  if (!root || !rootName) {
    report('has no root element');
    return findings;
  }
  if (!extendsMetadata(schema, rootName)) {
    report(`<${rootName}> is not a Metadata API type`);
    return findings;
  }
  const namespace = (root[':@'] as Record<string, string> | undefined)?.xmlns;
  if (namespace !== METADATA_NAMESPACE) {
    report(`<${rootName}> must declare xmlns="${METADATA_NAMESPACE}" (found ${namespace ?? 'none'})`);
  }
  const ownFormat = OWN_FORMAT_TYPES[rootName];
  checkComplex(schema, rootName, root[rootName] as XmlNode[], `/${rootName}`, {
    checkOrder: !ownFormat,
    opaque: new Set(ownFormat ?? []),
    report,
  });
  return findings;
}

interface Context {
  checkOrder: boolean;
  opaque: Set<string>;
  report: (message: string) => void;
}

function checkComplex(schema: MetadataSchema, typeName: string, children: XmlNode[], at: string, ctx: Context): void {
  const fields = fieldsOf(schema, typeName);
  const byName = new Map(fields.map((field, index) => [field.name, { field, index }]));
  const text = textOf(children).trim();
  if (text) {
    ctx.report(`${at}: holds text "${abbreviate(text)}", but ${typeName} is made of elements`);
  }
  const seen = new Map<string, number>();
  let lastIndex = -1;
  let lastName: string | undefined;
  for (const child of children) {
    const name = tagOf(child);
    if (!name) {
      continue;
    }
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const here = `${at}/${name}[${count}]`;
    const known = byName.get(name);
    if (!known) {
      ctx.report(`${at}: ${typeName} has no element <${name}>${suggestion(name, fields)}`);
      continue;
    }
    if (count > 1 && !known.field.repeatable) {
      ctx.report(`${here}: <${name}> may appear only once in ${typeName}`);
    } else if (ctx.checkOrder && known.index < lastIndex) {
      ctx.report(
        `${here}: <${name}> must come before <${lastName}> (the element order of ${typeName}; repeated elements stay together)`,
      );
    }
    if (known.index > lastIndex) {
      lastIndex = known.index;
      lastName = name;
    }
    if (!ctx.opaque.has(name)) {
      checkValue(schema, known.field, (child[name] as XmlNode[]) ?? [], here, ctx);
    }
  }
  for (const field of fields) {
    if (field.required && !seen.has(field.name)) {
      ctx.report(`${at}: ${typeName} requires <${field.name}>`);
    }
  }
}

function checkValue(schema: MetadataSchema, field: Field, children: XmlNode[], at: string, ctx: Context): void {
  const resolved = typeof field.type === 'string' ? undefined : schema.get(field.type.ref);
  if (resolved?.kind === 'complex') {
    checkComplex(schema, (field.type as { ref: string }).ref, children, at, ctx);
    return;
  }
  const nested = children.map(tagOf).find(Boolean);
  const typeName = typeof field.type === 'string' ? field.type : field.type.ref;
  if (nested) {
    ctx.report(`${at}: holds element <${nested}>, but <${field.name}> is a ${typeName} value`);
    return;
  }
  const value = textOf(children);
  if (resolved?.kind === 'enum') {
    if (!resolved.values.includes(value)) {
      ctx.report(`${at}: "${abbreviate(value)}" is not a ${typeName} value (${listValues(resolved.values)})`);
    }
    return;
  }
  const primitive = typeof field.type === 'string' ? field.type : (resolved?.primitive ?? 'any');
  const problem = primitiveProblem(primitive, value);
  if (problem) {
    ctx.report(`${at}: "${abbreviate(value)}" ${problem}`);
  }
}

function primitiveProblem(primitive: Primitive | 'string', value: string): string | undefined {
  switch (primitive) {
    case 'boolean':
      return /^(true|false)$/.test(value) ? undefined : 'is not a boolean (true or false)';
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? undefined : 'is not a number';
    case 'date':
      return /^(\d{4}-\d{2}-\d{2})?(T?\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value) && value
        ? undefined
        : 'is not a date or time';
    default:
      return undefined;
  }
}

function listValues(values: string[]): string {
  const shown = values.slice(0, 12).join(', ');
  return values.length > 12 ? `${shown}, … ${values.length} values in all` : shown;
}

function abbreviate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

// Names one element within two edits (or differing only in case) of an unknown one: most unknown elements are typos.
function suggestion(name: string, fields: Field[]): string {
  const close = fields.find(
    (field) => field.name.toLowerCase() === name.toLowerCase() || editDistance(field.name, name) <= 2,
  );
  return close ? `; did you mean <${close.name}>?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Every `*-meta.xml` below dir, as paths relative to it. */
export function metadataFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === '__tests__' ? [] : metadataFiles(dir, relative);
    }
    return entry.name.endsWith('-meta.xml') ? [relative] : [];
  });
}

/** The project's package directories (sfdx-project.json) that exist in the folder; force-app without the file. */
function sourceDirectories(projectDir: string): string[] {
  const projectFile = path.join(projectDir, 'sfdx-project.json');
  if (!existsSync(projectFile)) return ['force-app'];
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories?: { path: string }[] };
  return (project.packageDirectories ?? []).map((d) => d.path).filter((dir) => existsSync(path.join(projectDir, dir)));
}

/** Checks every `*-meta.xml` of the project's package directories (force-app and the deploy-only integration-user). */
export function checkMetadata(projectDir: string, schema: MetadataSchema = loadMetadataSchema()): Finding[] {
  return sourceDirectories(projectDir).flatMap((dir) =>
    metadataFiles(path.join(projectDir, dir)).flatMap((relative) => {
      const file = path.join(dir, relative);
      return checkMetadataXml(schema, readFileSync(path.join(projectDir, file), 'utf8'), file);
    }),
  );
}
