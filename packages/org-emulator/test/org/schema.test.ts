import { SfApiError } from '../../src/org/types';
import { acmeCtx, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');

describe('org schema', () => {
  it('looks objects and fields up in any case and keeps their API names', () => {
    expect(acme.schema.getObject('account')?.name).toBe('Account');
    expect(acme.schema.getField('ACCOUNT', 'industry')?.name).toBe('Industry');
    expect(acme.schema.getField('project__C', 'BUDGET__c')?.name).toBe('Budget__c');
    expect(acme.schema.getObject('NoSuchObject')).toBeUndefined();
  });

  it('marks required, system and owner fields as not permissionable, and formulas and auto-numbers as read-only permissionable', () => {
    const f = (o: string, n: string) => acme.schema.getField(o, n);
    expect(f('Account', 'Name')?.permissionable).toBe(false);
    expect(f('Account', 'Id')?.permissionable).toBe(false);
    expect(f('Account', 'CreatedDate')?.permissionable).toBe(false);
    expect(f('Account', 'OwnerId')?.permissionable).toBe(false);
    expect(f('Account', 'Industry')).toMatchObject({ permissionable: true, createable: true, updateable: true });
    expect(f('Opportunity', 'ExpectedRevenue')).toMatchObject({
      permissionable: true,
      calculated: true,
      createable: false,
      updateable: false,
    });
    expect(f('Project__c', 'Project_Number__c')).toMatchObject({
      permissionable: true,
      autoNumber: true,
      createable: false,
    });
    expect(f('Invoice_Line__c', 'Invoice__c')).toMatchObject({ permissionable: false, cascadeDelete: true });
  });

  it('uses the real key prefixes and gives custom objects a0X prefixes and custom metadata m0X', () => {
    const prefix = (n: string) => acme.schema.getObject(n)?.keyPrefix;
    expect([prefix('Organization'), prefix('User'), prefix('Profile'), prefix('PermissionSet')]).toEqual([
      '00D',
      '005',
      '00e',
      '0PS',
    ]);
    expect([prefix('PermissionSetAssignment'), prefix('ObjectPermissions'), prefix('FieldPermissions')]).toEqual([
      '0Pa',
      '110',
      '01k',
    ]);
    expect([
      prefix('SetupEntityAccess'),
      prefix('CustomPermission'),
      prefix('LoginHistory'),
      prefix('MutingPermissionSet'),
    ]).toEqual(['0J0', '0CP', '0Ya', '0QM']);
    expect(prefix('Project__c')).toMatch(/^a0[0-9A-Za-z]$/);
    expect(prefix('Region__mdt')).toMatch(/^m0[0-9A-Za-z]$/);
  });

  it('links child relationships to their parents, including master-detail', () => {
    const account = acme.schema.getObject('Account');
    expect(account?.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' }),
      ]),
    );
    const invoice = acme.schema.getObject('Invoice__c');
    expect(invoice?.childRelationships).toEqual(
      expect.arrayContaining([
        {
          childSObject: 'Invoice_Line__c',
          field: 'Invoice__c',
          relationshipName: 'Invoice_Lines__r',
          cascadeDelete: true,
        },
      ]),
    );
    expect(acme.schema.getObject('Invoice_Line__c')?.masterObject).toBe('Invoice__c');
  });

  it('records the minimum API version of permission objects from the object reference', () => {
    const min = (n: string) => acme.schema.getObject(n)?.minApiVersion;
    expect([
      min('PermissionSet'),
      min('ObjectPermissions'),
      min('PermissionSetGroup'),
      min('MutingPermissionSet'),
      min('PermissionDependency'),
    ]).toEqual([22, 24, 45, 46, 46]);
    expect(acme.schema.getObject('PermissionDependency')?.toolingOnly).toBe(true);
  });

  it('has no ScratchOrgInfo (the sf CLI probes it to tell Dev Hubs apart)', () => {
    expect(acme.schema.getObject('ScratchOrgInfo')).toBeUndefined();
  });
});

describe('describeGlobal', () => {
  it('returns encoding, maxBatchSize and the sObjects the user can see with Salesforce keys', () => {
    const body = acme.describeGlobal(acmeCtx(world, 'ssoAdmin')) as {
      encoding: string;
      maxBatchSize: number;
      sobjects: Record<string, unknown>[];
    };
    expect(body.encoding).toBe('UTF-8');
    expect(body.maxBatchSize).toBe(200);
    const account = body.sobjects.find((s) => s.name === 'Account');
    expect(account).toMatchObject({
      keyPrefix: '001',
      label: 'Account',
      labelPlural: 'Accounts',
      queryable: true,
      createable: true,
      custom: false,
      customSetting: false,
      urls: {
        sobject: '/services/data/v62.0/sobjects/Account',
        describe: '/services/data/v62.0/sobjects/Account/describe',
        rowTemplate: '/services/data/v62.0/sobjects/Account/{ID}',
      },
    });
    expect(body.sobjects.find((s) => s.name === 'Acme_Settings__c')).toMatchObject({ customSetting: true });
  });

  it('leaves out objects the user cannot read and reports what the user may do', () => {
    const body = acme.describeGlobal(acmeCtx(world, 'integration')) as { sobjects: Record<string, unknown>[] };
    const names = body.sobjects.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Account', 'Contact', 'PermissionSet', 'ObjectPermissions']));
    expect(names).not.toContain('Opportunity');
    expect(names).not.toContain('Project__c');
    expect(names).not.toContain('PermissionDependency');
    expect(body.sobjects.find((s) => s.name === 'Account')).toMatchObject({
      createable: false,
      updateable: false,
      deletable: false,
    });
    expect(body.sobjects.find((s) => s.name === 'PermissionSet')).toMatchObject({ createable: true });
  });

  it('lists Tooling objects only in Tooling calls', () => {
    const body = acme.describeGlobal(acmeCtx(world, 'integration', { tooling: true })) as {
      sobjects: Record<string, unknown>[];
    };
    const names = body.sobjects.map((s) => s.name);
    expect(names).toContain('PermissionDependency');
    expect(names).toContain('PermissionSet');
    expect(names).not.toContain('Account');
    expect(body.sobjects.find((s) => s.name === 'PermissionDependency')).toMatchObject({
      urls: { describe: '/services/data/v62.0/tooling/sobjects/PermissionDependency/describe' },
    });
  });
});

describe('describeSObject', () => {
  it('returns fields, childRelationships, recordTypeInfos and urls in Salesforce shape', () => {
    const body = acme.describeSObject(acmeCtx(world, 'ssoAdmin'), 'account') as Record<string, unknown> & {
      fields: Record<string, unknown>[];
      recordTypeInfos: Record<string, unknown>[];
      childRelationships: Record<string, unknown>[];
    };
    expect(body.name).toBe('Account');
    expect(body.recordTypeInfos).toEqual([
      expect.objectContaining({
        master: true,
        name: 'Master',
        developerName: 'Master',
        recordTypeId: '012000000000000AAA',
        defaultRecordTypeMapping: true,
      }),
    ]);
    expect(body.childRelationships).toEqual(
      expect.arrayContaining([
        {
          cascadeDelete: false,
          childSObject: 'Contact',
          deprecatedAndHidden: false,
          field: 'AccountId',
          junctionIdListNames: [],
          junctionReferenceTo: [],
          relationshipName: 'Contacts',
          restrictedDelete: false,
        },
      ]),
    );
    const name = body.fields.find((f) => f.name === 'Name');
    expect(name).toMatchObject({
      type: 'string',
      nillable: false,
      permissionable: false,
      nameField: true,
      soapType: 'xsd:string',
      length: 255,
      byteLength: 765,
    });
    const owner = body.fields.find((f) => f.name === 'OwnerId');
    expect(owner).toMatchObject({
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'Owner',
      soapType: 'tns:ID',
      byteLength: 18,
    });
    expect(body.fields.find((f) => f.name === 'BillingCity')).toMatchObject({ compoundFieldName: 'BillingAddress' });
    expect(Object.keys(body.urls as object)).toEqual(
      expect.arrayContaining(['sobject', 'describe', 'rowTemplate', 'layouts', 'compactLayouts']),
    );
  });

  it('hides fields without read access and reports createable/updateable as the user sees them', () => {
    const body = acme.describeSObject(acmeCtx(world, 'integration'), 'Account') as {
      fields: Record<string, unknown>[];
      createable: boolean;
    };
    const names = body.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Id', 'Name', 'Industry', 'Phone', 'OwnerId', 'CreatedDate']));
    expect(names).not.toContain('AnnualRevenue');
    expect(body.createable).toBe(false);
    expect(body.fields.find((f) => f.name === 'Industry')).toMatchObject({ createable: false, updateable: false });
  });

  it('answers NOT_FOUND for an object the user cannot read, as for one that does not exist', () => {
    const ctx = acmeCtx(world, 'integration');
    for (const name of ['Opportunity', 'NoSuchObject__c']) {
      try {
        acme.describeSObject(ctx, name);
        throw new Error('describe should have failed');
      } catch (e) {
        expect(e).toBeInstanceOf(SfApiError);
        expect((e as SfApiError).status).toBe(404);
        expect((e as SfApiError).toBody()).toEqual([
          { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
        ]);
      }
    }
  });

  it('lists the permissionable objects as SobjectType picklist values of ObjectPermissions, without custom settings', () => {
    const body = acme.describeSObject(acmeCtx(world, 'ssoAdmin'), 'ObjectPermissions') as {
      fields: { name: string; picklistValues: { value: string }[] }[];
    };
    const values = body.fields.find((f) => f.name === 'SobjectType')?.picklistValues.map((p) => p.value) ?? [];
    expect(values).toEqual(expect.arrayContaining(['Account', 'Project__c', 'Invoice_Line__c']));
    expect(values).not.toContain('Acme_Settings__c');
    expect(values).not.toContain('Region__mdt');
    expect(values).not.toContain('Task');
  });

  it('hides fields introduced after the requested API version', () => {
    const v59 = acme.describeSObject(acmeCtx(world, 'ssoAdmin', { apiVersion: 59 }), 'ObjectPermissions') as {
      fields: { name: string }[];
    };
    const v62 = acme.describeSObject(acmeCtx(world, 'ssoAdmin'), 'ObjectPermissions') as { fields: { name: string }[] };
    expect(v59.fields.map((f) => f.name)).not.toContain('PermissionsViewAllFields');
    expect(v62.fields.map((f) => f.name)).toContain('PermissionsViewAllFields');
  });
});
