// The GRAX_Service Named Credential, External Credential, custom permissions and permission sets must reference
// each other, and the Apex constants that name them, consistently: Salesforce only finds a mismatch at deploy or
// callout time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  PACKAGE_ROOT,
  apexStringConstant,
  children,
  componentNames,
  readMetadata,
  text,
} from '@test-support/packageFiles';

const namedCredentialName = apexStringConstant('GraxNamedCredentials', 'NAMED_CREDENTIAL');
const externalCredentialName = apexStringConstant('GraxNamedCredentials', 'EXTERNAL_CREDENTIAL');
const principalName = apexStringConstant('GraxNamedCredentials', 'PRINCIPAL');
const linkKeyParameter = apexStringConstant('GraxNamedCredentials', 'LINK_KEY_PARAMETER');

const namedCredential = readMetadata(`namedCredentials/${namedCredentialName}.namedCredential-meta.xml`);
const externalCredential = readMetadata(`externalCredentials/${externalCredentialName}.externalCredential-meta.xml`);
const setupAdmin = readMetadata('permissionsets/GRAX_Setup_Admin.permissionset-meta.xml');
const viewer = readMetadata('permissionsets/GRAX_Viewer.permissionset-meta.xml');

function parametersOfType(node: typeof namedCredential, element: string, type: string) {
  return children(node, element).filter((parameter) => text(parameter, 'parameterType') === type);
}

function exists(relativePath: string): boolean {
  return existsSync(path.join(PACKAGE_ROOT, relativePath));
}

describe('Named Credential GRAX_Service', () => {
  it('is a secured endpoint whose packaged URL is the placeholder GRAX Setup detects', () => {
    expect(text(namedCredential, 'namedCredentialType')).toBe('SecuredEndpoint');
    const urls = parametersOfType(namedCredential, 'namedCredentialParameters', 'Url');
    expect(urls.map((url) => text(url, 'parameterValue'))).toEqual([
      apexStringConstant('GraxSetupController', 'PLACEHOLDER_URL'),
    ]);
    expect(text(namedCredential, 'endpoint')).toBeUndefined();
  });

  it('authenticates through the External Credential and leaves the Authorization header to it', () => {
    const authentication = parametersOfType(namedCredential, 'namedCredentialParameters', 'Authentication');
    expect(authentication.map((parameter) => text(parameter, 'externalCredential'))).toEqual([externalCredentialName]);
    expect(text(namedCredential, 'generateAuthorizationHeader')).toBe('false');
    expect(text(namedCredential, 'allowMergeFieldsInHeader')).toBe('true');
    expect(text(namedCredential, 'calloutStatus')).toBe('Enabled');
  });
});

describe('External Credential GRAX_Service', () => {
  it('uses the Custom protocol with the named principal the Apex wrapper writes to', () => {
    expect(text(externalCredential, 'authenticationProtocol')).toBe('Custom');
    const principals = parametersOfType(externalCredential, 'externalCredentialParameters', 'NamedPrincipal');
    expect(principals.map((principal) => text(principal, 'parameterName'))).toEqual([principalName]);
  });

  it('sends exactly "Bearer <link key>" in the Authorization header', () => {
    const headers = parametersOfType(externalCredential, 'externalCredentialParameters', 'AuthHeader');
    expect(headers.map((header) => text(header, 'parameterName'))).toEqual(['Authorization']);
    expect(text(headers[0], 'parameterValue')).toBe(
      `{!'Bearer ' & $Credential.${externalCredentialName}.${linkKeyParameter}}`,
    );
  });
});

describe('permission set GRAX_Setup_Admin', () => {
  it('grants call-outs as the External Credential principal that exists', () => {
    const accesses = children(setupAdmin, 'externalCredentialPrincipalAccesses');
    expect(accesses.map((access) => [text(access, 'externalCredentialPrincipal'), text(access, 'enabled')])).toEqual([
      [`${externalCredentialName}-${principalName}`, 'true'],
    ]);
  });

  it('grants both GRAX custom permissions, which exist, including the one the controller checks', () => {
    const granted = children(setupAdmin, 'customPermissions')
      .filter((permission) => text(permission, 'enabled') === 'true')
      .map((permission) => text(permission, 'name'));
    expect(granted.sort()).toEqual(['GRAX_Manage_Connection', 'GRAX_View']);
    expect(granted).toContain(apexStringConstant('GraxSetupController', 'MANAGE_PERMISSION'));
    expect(componentNames('customPermissions', '.customPermission-meta.xml')).toEqual(
      expect.arrayContaining(granted as string[]),
    );
  });

  it('shows the GRAX Setup tab and opens the controller, both of which exist', () => {
    const tabs = children(setupAdmin, 'tabSettings').map((tab) => [text(tab, 'tab'), text(tab, 'visibility')]);
    expect(tabs).toEqual([['GRAX_Setup', 'Visible']]);
    expect(exists('tabs/GRAX_Setup.tab-meta.xml')).toBe(true);

    const classes = children(setupAdmin, 'classAccesses').map((access) => text(access, 'apexClass'));
    expect(classes).toEqual(['GraxSetupController']);
    expect(exists('classes/GraxSetupController.cls')).toBe(true);
  });

  it('names only custom settings that the package ships', () => {
    for (const access of children(setupAdmin, 'customSettingAccesses')) {
      const name = text(access, 'name') ?? '';
      expect(exists(`objects/${name}/${name}.object-meta.xml`)).toBe(true);
    }
  });
});

describe('permission set GRAX_Viewer', () => {
  it('grants the GRAX_View custom permission and nothing else', () => {
    expect(children(viewer, 'customPermissions').map((permission) => text(permission, 'name'))).toEqual(['GRAX_View']);
    const grants = Object.keys(viewer).filter((key) =>
      [
        'classAccesses',
        'tabSettings',
        'externalCredentialPrincipalAccesses',
        'objectPermissions',
        'userPermissions',
      ].includes(key),
    );
    expect(grants).toEqual([]);
  });
});

describe('GRAX Setup page metadata', () => {
  it('exposes graxSetup on app pages and tabs, and the tab and app page both show it', () => {
    const bundle = readMetadata('lwc/graxSetup/graxSetup.js-meta.xml');
    expect(text(bundle, 'isExposed')).toBe('true');
    const targets = (bundle.targets as { target: string[] }).target;
    expect(targets.sort()).toEqual(['lightning__AppPage', 'lightning__Tab']);

    expect(text(readMetadata('tabs/GRAX_Setup.tab-meta.xml'), 'lwcComponent')).toBe('graxSetup');

    const page = readMetadata('flexipages/GRAX_Setup.flexipage-meta.xml');
    expect(text(page, 'type')).toBe('AppPage');
    const components = children(page, 'flexiPageRegions').flatMap((region) =>
      children(region, 'itemInstances').map((item) => text(item.componentInstance as typeof page, 'componentName')),
    );
    expect(components).toEqual(['graxSetup']);
  });

  it('keeps the service address in a hierarchy custom setting field the controller reads', () => {
    const setting = readMetadata('objects/GRAX_Settings__c/GRAX_Settings__c.object-meta.xml');
    expect(text(setting, 'customSettingsType')).toBe('Hierarchy');
    expect(exists('objects/GRAX_Settings__c/fields/Service_URL__c.field-meta.xml')).toBe(true);
  });
});
