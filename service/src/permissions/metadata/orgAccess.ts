/**
 * Download org access: the GRAX_Integration_User_Access permission set generated from this org's schema, for admins
 * who set things up by hand (Skip Auto Config). It is a metadata-format ZIP (package.xml + permissionsets/...) that
 * one command deploys: `sf project deploy start --metadata-dir grax-org-access.zip --single-package -o <org>`.
 * Deploying it together with the deployable template gives exactly what Auto Config would build.
 */
import { readDependencies } from '../org/dependencyReader';
import { streamEditableFields } from '../org/fieldCatalog';
import { applicableSystemPermissions, needsFieldEdit, PERMISSION_SETS, templateSystemPermissions } from '../profile';
import type { RunContext } from '../run/context';
import { desiredObjectVerbs, readCatalog, readRunAccess, withDependencies } from '../steps/objectsStep';
import type { UserAccess } from '../org/userAccess';
import { readEffectiveObjectAccess } from '../org/objectGrants';
import type { CatalogObject } from '../org/objectCatalog';
import { COMPOSITE_IN_LIST, inChunks, soqlIn } from '../org/soql';
import { streamQueries } from '../../salesforce/api/compositeReader';
import { renderPackageXml, renderPermissionSetXml, type PermissionSetContent } from './permissionSetXml';
import { buildZip } from './zipArchive';

/** A file to download. */
export interface MetadataDownload {
  filename: string;
  contentType: string;
  body: Buffer;
  /** The command that deploys it. */
  deployCommand: string;
}

/** The Access set's content for this org. */
async function orgAccessContent(ctx: RunContext): Promise<PermissionSetContent> {
  const access = await readRunAccess(ctx);
  const template = new Set(templateSystemPermissions().map((r) => r.name));
  const wanted = applicableSystemPermissions(ctx.features, access.facts)
    .map((r) => r.name)
    .filter((n) => !template.has(n) && access.availablePermissions.has(n));
  const userGraph = wanted.length > 0 ? await readDependencies(ctx.client, 'User Permission') : undefined;
  const userPermissions = userGraph
    ? userGraph.userPermissionClosure(wanted).user.filter((n) => access.availablePermissions.has(n))
    : wanted;
  const catalog = await readCatalog(ctx);
  const desired = desiredObjectVerbs(ctx.features, catalog);
  const objectGraph = await readDependencies(ctx.client, 'Object Permission');
  const objectPermissions = [...withDependencies(objectGraph, desired).values()];
  const fieldPermissions: PermissionSetContent['fieldPermissions'][number][] = [];
  if (needsFieldEdit(ctx.features)) {
    const editable = await editableFieldsForDownload(ctx, access, catalog);
    for (const field of editable) fieldPermissions.push({ field, readable: true, editable: true });
  }
  return {
    label: PERMISSION_SETS.access.label,
    description: PERMISSION_SETS.access.description,
    userPermissions,
    objectPermissions,
    fieldPermissions,
  };
}

/**
 * Fields restore needs edit on. Describes only show fields the integration user can already read, and before this
 * set is deployed it may lack View All Fields; for such objects the edit grants of the org's profiles (which exist
 * only on fields that accept Edit) fill in the fields describe hides.
 */
async function editableFieldsForDownload(
  ctx: RunContext,
  access: UserAccess,
  catalog: CatalogObject[],
): Promise<string[]> {
  const names = new Map<string, string>();
  const visible = catalog.filter((o) => o.visible).map((o) => o.name);
  await streamEditableFields(ctx.client, visible, (object, fields) => {
    for (const f of fields) names.set(`${object}.${f}`.toLowerCase(), `${object}.${f}`);
  });
  const effective = await readEffectiveObjectAccess(ctx.client, access);
  const partial = catalog.filter((o) => !effective.has(o.name, 'ViewAllFields')).map((o) => o.name);
  for (const field of await profileEditableFields(ctx, partial))
    if (!names.has(field.toLowerCase())) names.set(field.toLowerCase(), field);
  return [...names.values()];
}

async function profileEditableFields(ctx: RunContext, objects: string[]): Promise<string[]> {
  const out: string[] = [];
  const specs = inChunks(objects, COMPOSITE_IN_LIST.maxChars, COMPOSITE_IN_LIST.maxItems).map((chunk, i) => ({
    key: `pf${i}`,
    soql: `SELECT Field FROM FieldPermissions WHERE PermissionsEdit = true AND Parent.IsOwnedByProfile = true AND SobjectType IN ${soqlIn(chunk)}`,
  }));
  await streamQueries(ctx.client, specs, (_key, records) => {
    for (const r of records) out.push(String(r.Field));
  });
  return out;
}

/** Builds the download: a metadata-format ZIP (default) or the bare source-format XML file. */
export async function buildOrgAccessDownload(
  ctx: RunContext,
  format: 'zip' | 'xml' = 'zip',
): Promise<MetadataDownload> {
  const xml = renderPermissionSetXml(await orgAccessContent(ctx));
  const name = PERMISSION_SETS.access.name;
  if (format === 'xml') {
    return {
      filename: `${name}.permissionset-meta.xml`,
      contentType: 'application/xml',
      body: Buffer.from(xml, 'utf8'),
      deployCommand: `sf project deploy start --source-dir force-app/main/default/permissionsets/${name}.permissionset-meta.xml --target-org <your org>`,
    };
  }
  const body = buildZip([
    { path: 'package.xml', content: renderPackageXml([name], ctx.client.apiVersion) },
    { path: `permissionsets/${name}.permissionset`, content: xml },
  ]);
  return {
    filename: 'grax-org-access.zip',
    contentType: 'application/zip',
    body,
    deployCommand:
      'sf project deploy start --metadata-dir grax-org-access.zip --single-package --target-org <your org>',
  };
}
