/**
 * The deployable template `GRAX_Integration_User`, derived from the profile: the unconditional required and
 * recommended system permissions of every feature, and nothing org-specific (no objects, fields or license), so it
 * deploys in every edition. It lives outside the package directory (ADR 11): a package install would drop every
 * system permission it holds.
 */
import { PERMISSION_SETS, templateSystemPermissions } from '../profile';
import { renderPermissionSetXml, type PermissionSetContent } from './permissionSetXml';

/** Where the generated template lives: the project's deploy-only directory, not the package. */
export const TEMPLATE_PATH = `integration-user/main/default/permissionsets/${PERMISSION_SETS.template.name}.permissionset-meta.xml`;

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
