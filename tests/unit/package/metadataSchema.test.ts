// The metadata schema check of `npm run check:salesforce` on small documents: what it accepts and what it names.
import { checkMetadataXml, loadMetadataSchema, type MetadataSchema } from '@scripts/salesforce-checks/metadataSchema';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function problems(schema: MetadataSchema, xml: string): string[] {
  return checkMetadataXml(schema, `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, 'x-meta.xml').map((f) => f.message);
}

describe('metadata schema check', () => {
  let schema: MetadataSchema;
  beforeAll(() => {
    schema = loadMetadataSchema();
  });

  it('reads the Metadata API types with their enumerations from @salesforce/types', () => {
    expect(schema.get('SetupObjectVisibility')).toEqual({
      kind: 'enum',
      values: ['PackageProtected', 'Protected', 'Public'],
    });
    expect(schema.get('ApexClass')).toMatchObject({ kind: 'complex', parents: ['MetadataWithContent'] });
  });

  it('accepts a valid permission set and a valid Apex class', () => {
    expect(
      problems(
        schema,
        `<PermissionSet ${NS}>
          <customPermissions><enabled>true</enabled><name>GRAX_View</name></customPermissions>
          <customPermissions><enabled>false</enabled><name>GRAX_Other</name></customPermissions>
          <description>d</description>
          <hasActivationRequired>false</hasActivationRequired>
          <label>L</label>
        </PermissionSet>`,
      ),
    ).toEqual([]);
    expect(
      problems(schema, `<ApexClass ${NS}><apiVersion>66.0</apiVersion><status>Active</status></ApexClass>`),
    ).toEqual([]);
  });

  it('names a value outside the enumeration, with the allowed values', () => {
    expect(
      problems(schema, `<ApexClass ${NS}><apiVersion>66.0</apiVersion><status>Enabled</status></ApexClass>`),
    ).toEqual(['/ApexClass/status[1]: "Enabled" is not a ApexCodeUnitStatus value (Inactive, Active, Deleted)']);
  });

  it('names booleans and numbers that are not, unknown elements with a likely meant one, and missing required ones', () => {
    expect(
      problems(
        schema,
        `<PermissionSet ${NS}>
          <customPermissions><enabled>yes</enabled><name>GRAX_View</name></customPermissions>
          <labell>L</labell>
        </PermissionSet>`,
      ),
    ).toEqual([
      '/PermissionSet/customPermissions[1]/enabled[1]: "yes" is not a boolean (true or false)',
      '/PermissionSet: PermissionSet has no element <labell>; did you mean <label>?',
      '/PermissionSet: PermissionSet requires <label>',
    ]);
    expect(
      problems(schema, `<ApexClass ${NS}><apiVersion>sixty-six</apiVersion><status>Active</status></ApexClass>`),
    ).toEqual(['/ApexClass/apiVersion[1]: "sixty-six" is not a number']);
  });

  it('requires the sequence order, repeated elements together, and a single element at most once', () => {
    expect(
      problems(
        schema,
        `<PermissionSet ${NS}>
          <customPermissions><enabled>true</enabled><name>A</name></customPermissions>
          <label>L</label>
          <customPermissions><enabled>true</enabled><name>B</name></customPermissions>
          <label>M</label>
        </PermissionSet>`,
      ),
    ).toEqual([
      '/PermissionSet/customPermissions[2]: <customPermissions> must come before <label> (the element order of PermissionSet; repeated elements stay together)',
      '/PermissionSet/label[2]: <label> may appear only once in PermissionSet',
    ]);
  });

  it('checks names and values of an LWC configuration but not its order or targetConfigs', () => {
    const bundle = (status: string) => `<LightningComponentBundle ${NS}>
      <apiVersion>66.0</apiVersion>
      <isExposed>${status}</isExposed>
      <masterLabel>GRAX Setup</masterLabel>
      <description>Out of sequence order, as LWC's own format allows.</description>
      <targets><target>lightning__AppPage</target></targets>
      <targetConfigs><targetConfig targets="lightning__AppPage"><property name="x" type="String"/></targetConfig></targetConfigs>
    </LightningComponentBundle>`;
    expect(problems(schema, bundle('true'))).toEqual([]);
    expect(problems(schema, bundle('maybe'))).toEqual([
      '/LightningComponentBundle/isExposed[1]: "maybe" is not a boolean (true or false)',
    ]);
  });

  it('refuses a root that is no Metadata API type, a wrong namespace and malformed XML', () => {
    expect(problems(schema, `<PackageVersion ${NS}><namespace>x</namespace></PackageVersion>`)).toEqual([
      '<PackageVersion> is not a Metadata API type',
    ]);
    expect(
      problems(schema, `<ApexClass xmlns="urn:other"><apiVersion>66.0</apiVersion><status>Active</status></ApexClass>`),
    ).toEqual(['<ApexClass> must declare xmlns="http://soap.sforce.com/2006/04/metadata" (found urn:other)']);
    expect(problems(schema, `<ApexClass ${NS}><status>Active</ApexClass>`)[0]).toMatch(/^not well-formed XML: /);
  });
});
