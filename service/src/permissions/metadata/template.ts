/**
 * The packaged template `GRAX_Integration_User`, derived from the profile: the unconditional required and
 * recommended system permissions of every feature, and nothing org-specific (no objects, fields or license), so it
 * installs in every edition and a package upgrade that overwrites it loses nothing.
 */
import { PERMISSION_SETS, templateSystemPermissions } from '../profile';
import { renderPermissionSetXml, type PermissionSetContent } from './permissionSetXml';

/** Where the generated template lives in the package. */
export const TEMPLATE_PATH = `force-app/main/default/permissionsets/${PERMISSION_SETS.template.name}.permissionset-meta.xml`;

/** The template's content. */
export function templateContent(): PermissionSetContent {
  return {
    label: PERMISSION_SETS.template.label,
    description: PERMISSION_SETS.template.description,
    userPermissions: templateSystemPermissions().map((r) => r.name),
    objectPermissions: [],
    fieldPermissions: [],
  };
}

/** The template's XML before formatting (the generator formats it with the repository's Prettier settings). */
export function renderTemplateXml(): string {
  return renderPermissionSetXml(templateContent());
}
