/**
 * The GRAX package as installed in the Acme orgs: custom permissions GRAX_Manage_Connection and GRAX_View, permission
 * sets GRAX_Setup_Admin (both custom permissions, the Apex controller, principal access to the external credential),
 * GRAX_Viewer (GRAX_View) and GRAX_Integration_User as an install of the 1.0 package left it (its user permissions
 * dropped: a package install never carries user permissions, see packaging/installRules.ts), the Apex classes, the
 * External Credential GRAX_Service with its named principal Link (no credential stored) and the Named Credential.
 */
import { GRAX_PACKAGE } from '../demoCatalog';
import type { SeedWriter } from './seedWriter';

/** Ids of the installed package components the seeds assign or group. */
export interface InstalledGraxPackage {
  setupAdminSetId: string;
  viewerSetId: string;
  integrationUserSetId: string;
  manageConnectionId: string;
  viewId: string;
}

/** Installs the package components into an org. */
export function installGraxPackage(w: SeedWriter): InstalledGraxPackage {
  const manageConnectionId = w.createCustomPermission(
    GRAX_PACKAGE.customPermissions.manageConnection,
    'GRAX: Manage Connection',
    'Administer the GRAX connection from the GRAX Setup page and sign in to GRAX as an admin.',
  );
  const viewId = w.createCustomPermission(
    GRAX_PACKAGE.customPermissions.view,
    'GRAX: View',
    'See the GRAX Setup page and sign in to GRAX as a viewer.',
  );
  const classIds = GRAX_PACKAGE.apexClasses.map(
    (name, i) =>
      w.insert('ApexClass', {
        Name: name,
        NamespacePrefix: null,
        ApiVersion: 62,
        Status: 'Active',
        IsValid: true,
        LengthWithoutComments: 2400 + i * 700,
      }).Id,
  );
  const ec = w.insert('ExternalCredential', {
    DeveloperName: GRAX_PACKAGE.externalCredential,
    MasterLabel: 'GRAX Service',
    AuthenticationProtocol: 'Custom',
    NamespacePrefix: null,
  });
  const principal = w.insert('ExternalCredentialParameter', {
    ExternalCredentialId: ec.Id,
    ParameterName: GRAX_PACKAGE.principal,
    ParameterType: 'NamedPrincipal',
    ParameterValue: null,
    SequenceNumber: 1,
  });
  w.insert('ExternalCredentialParameter', {
    ExternalCredentialId: ec.Id,
    ParameterName: 'Authorization',
    ParameterType: 'AuthHeader',
    ParameterValue: `{!'Bearer ' & $Credential.${GRAX_PACKAGE.externalCredential}.LinkKey}`,
    SequenceNumber: 1,
  });
  w.insert('NamedCredential', {
    DeveloperName: GRAX_PACKAGE.namedCredential,
    MasterLabel: 'GRAX Service',
    Endpoint: GRAX_PACKAGE.namedCredentialPlaceholderUrl,
    PrincipalType: 'SecuredEndpoint',
    NamespacePrefix: null,
  });

  const setupAdminSetId = w.createPermissionSet({
    name: GRAX_PACKAGE.permissionSets.setupAdmin,
    label: 'GRAX Setup Admin',
    description:
      'GRAX admin: the GRAX Setup page, its Apex, both GRAX custom permissions and the GRAX_Service principal.',
  });
  for (const id of [manageConnectionId, viewId, ...classIds, principal.Id]) w.grantSetupEntity(setupAdminSetId, id);
  const viewerSetId = w.createPermissionSet({
    name: GRAX_PACKAGE.permissionSets.viewer,
    label: 'GRAX Viewer',
    description: 'GRAX viewer: read-only access to the GRAX Setup page.',
  });
  w.grantSetupEntity(viewerSetId, viewId);
  const integrationUserSetId = w.createPermissionSet({
    name: GRAX_PACKAGE.permissionSets.integrationUser,
    label: GRAX_PACKAGE.integrationUserLabel,
    description:
      'System permissions of the recommended GRAX integration user. Object access lives in GRAX_Integration_User_Access.',
  });
  return { setupAdminSetId, viewerSetId, integrationUserSetId, manageConnectionId, viewId };
}
