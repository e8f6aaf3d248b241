/**
 * describeGlobal and describeSObject bodies as Salesforce returns them, for one user: objects the user cannot read
 * are absent (describe answers NOT_FOUND), fields the user cannot read are absent, and createable/updateable/deletable
 * report what this user may do.
 */
import type { FieldDef, FieldType, ObjectDef } from './types';
import type { UserView } from './access/userView';
import { canHaveObjectPermissions } from './access/objectPolicy';
import { notFound } from './dml/recordWriter';

const SOAP_TYPES: Partial<Record<FieldType, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
  location: 'urn:location',
  anyType: 'xsd:anyType',
};

const MASTER_RECORD_TYPE = '012000000000000AAA';

function version(view: UserView): string {
  return `/services/data/v${view.ctx.apiVersion.toFixed(1)}${view.ctx.tooling ? '/tooling' : ''}`;
}

function baseUrls(view: UserView, obj: ObjectDef): Record<string, string> {
  const s = `${version(view)}/sobjects/${obj.name}`;
  return {
    rowTemplate: `${s}/{ID}`,
    defaultValues: `${s}/defaultValues?recordTypeId&fields`,
    describe: `${s}/describe`,
    sobject: s,
  };
}

function objectSummary(view: UserView, obj: ObjectDef): Record<string, unknown> {
  const rights = view.rights(obj);
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: rights.create,
    custom: obj.custom,
    customSetting: obj.accessModel === 'customSetting',
    deepCloneable: false,
    deletable: rights.delete,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: obj.keyPrefix,
    label: obj.label,
    labelPlural: obj.labelPlural,
    layoutable: obj.layoutable,
    mergeable: ['Account', 'Contact', 'Lead', 'Case'].includes(obj.name),
    mruEnabled: obj.accessModel === 'data',
    name: obj.name,
    queryable: obj.queryable,
    replicateable: obj.accessModel === 'data',
    retrieveable: obj.retrieveable,
    searchable: obj.searchable,
    triggerable: obj.triggerable,
    undeletable: obj.recycleBin === true && rights.delete,
    updateable: rights.edit,
    urls: baseUrls(view, obj),
  };
}

/** The describeGlobal body: `{encoding, maxBatchSize, sobjects}` with the objects this user can see. */
export function describeGlobal(view: UserView): Record<string, unknown> {
  const sobjects = view.core.schema
    .listObjects()
    .filter((obj) => view.object(obj.name) !== undefined)
    .map((obj) => objectSummary(view, obj));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

function compoundNameOf(obj: ObjectDef, f: FieldDef): string | null {
  const m = /^(\w*?)(Street|City|State|PostalCode|Country|Latitude|Longitude)$/.exec(f.name);
  if (!m) return null;
  const compound = `${m[1] ?? ''}Address`;
  return obj.fields.some((x) => x.name === compound) ? compound : null;
}

function picklistValuesOf(view: UserView, obj: ObjectDef, f: FieldDef): FieldDef['picklistValues'] {
  if (f.name === 'SobjectType' && (obj.name === 'ObjectPermissions' || obj.name === 'FieldPermissions')) {
    return view.core.schema
      .listObjects()
      .filter((o) => (obj.name === 'ObjectPermissions' ? canHaveObjectPermissions(o) : o.accessModel === 'data'))
      .map((o) => ({ value: o.name, label: o.label, active: true, defaultValue: false }));
  }
  return f.picklistValues;
}

function describeField(view: UserView, obj: ObjectDef, f: FieldDef): Record<string, unknown> {
  const rights = view.rights(obj);
  const text = f.type !== 'reference' && f.type !== 'id' && f.length > 0;
  return {
    aggregatable: f.aggregatable,
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: f.type === 'id' || f.type === 'reference' ? 18 : text ? f.length * 3 : 0,
    calculated: f.calculated,
    calculatedFormula: f.calculatedFormula ?? null,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: false,
    compoundFieldName: compoundNameOf(obj, f),
    controllerName: null,
    createable: rights.create && view.canCreateField(obj, f),
    custom: f.custom,
    defaultValue: f.defaultValue ?? null,
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits ?? 0,
    displayLocationInDecimal: false,
    encrypted: f.type === 'encryptedstring',
    externalId: f.externalId,
    extraTypeInfo: null,
    filterable: f.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: f.groupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField === true,
    namePointing: f.referenceTo.length > 1,
    nillable: f.nillable,
    permissionable: f.permissionable,
    picklistValues: picklistValuesOf(view, obj, f),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision ?? 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist === true,
    scale: f.scale ?? 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: rights.edit && view.canUpdateField(obj, f),
    writeRequiresMasterRead: false,
  };
}

/** The describeSObject body for one object, or NOT_FOUND when the user cannot see it. */
export function describeSObject(view: UserView, name: string): Record<string, unknown> {
  const obj = view.object(name);
  if (!obj) throw notFound();
  const data = obj.accessModel === 'data';
  const s = `${version(view)}/sobjects/${obj.name}`;
  const childRelationships = obj.childRelationships
    .filter((c) => {
      const child = view.object(c.childSObject);
      return child !== undefined && view.field(child, c.field) !== undefined;
    })
    .map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    }));
  const hasOwner = obj.fields.some((f) => f.name === 'OwnerId');
  return {
    actionOverrides: [],
    ...objectSummary(view, obj),
    childRelationships,
    compactLayoutable: data,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: view.fields(obj).map((f) => describeField(view, obj, f)),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: data
      ? [
          {
            active: true,
            available: true,
            defaultRecordTypeMapping: true,
            developerName: 'Master',
            master: true,
            name: 'Master',
            recordTypeId: MASTER_RECORD_TYPE,
            urls: { layout: `${s}/describe/layouts/${MASTER_RECORD_TYPE}` },
          },
        ]
      : [],
    searchLayoutable: data,
    sobjectDescribeOption: 'FULL',
    supportedScopes: hasOwner
      ? [
          { label: `All ${obj.labelPlural.toLowerCase()}`, name: 'everything' },
          { label: `My ${obj.labelPlural.toLowerCase()}`, name: 'mine' },
        ]
      : [{ label: `All ${obj.labelPlural.toLowerCase()}`, name: 'everything' }],
    urls: data
      ? {
          compactLayouts: `${s}/describe/compactLayouts`,
          rowTemplate: `${s}/{ID}`,
          approvalLayouts: `${s}/describe/approvalLayouts`,
          defaultValues: `${s}/defaultValues?recordTypeId&fields`,
          listviews: `${s}/listviews`,
          describe: `${s}/describe`,
          quickActions: `${s}/quickActions`,
          layouts: `${s}/describe/layouts`,
          sobject: s,
        }
      : baseUrls(view, obj),
  };
}
