/**
 * Custom objects: the builder every custom object goes through (hand-written demo objects, generated orgs and the
 * control API's addCustomObject), and the demo schema: a master-detail pair, a project object with every common field
 * type, a custom setting and a custom metadata type.
 */
import type { FieldDef, ObjectDef } from '../types';
import type { Schema } from './schema';
import {
  auditFields,
  autoNumber,
  field,
  formula,
  idField,
  lookup,
  nameField,
  objectDef,
  ownerField,
  picklist,
  required,
  system,
} from './fieldFactory';

/** What a custom object needs; the builder adds Id, Name, OwnerId (unless a detail) and the audit fields. */
export interface CustomObjectSpec {
  /** API name ending in __c (custom objects and settings) or __mdt (custom metadata types). */
  name: string;
  label: string;
  labelPlural?: string;
  fields?: FieldDef[];
  /** Master object of a master-detail relationship: the object has no owner and needs Read on the master. */
  masterObject?: string;
  /** Auto-number Name instead of a text Name. */
  autoNumberName?: boolean;
  accessModel?: 'data' | 'customSetting' | 'customMetadata';
}

/** Builds a custom object definition with the standard fields Salesforce adds, using the org's next key prefix. */
export function buildCustomObject(schema: Schema, spec: CustomObjectSpec): ObjectDef {
  const accessModel = spec.accessModel ?? 'data';
  const label = spec.label;
  const standard: FieldDef[] = [idField(label)];
  if (accessModel === 'customMetadata') {
    standard.push(
      system(field('DeveloperName', 'Custom Metadata Record Name', 'string', { length: 40 })),
      system(field('MasterLabel', 'Label', 'string', { length: 40, nameField: true })),
      system(field('Label', 'Label', 'string', { length: 40 })),
      system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
      system(field('QualifiedApiName', 'Qualified API Name', 'string', { length: 70 })),
      system(field('Language', 'Master Language', 'picklist', { length: 40 })),
    );
  } else if (accessModel === 'customSetting') {
    standard.push(
      nameField('Name', { length: 38 }),
      lookup('SetupOwnerId', 'Location ID', ['Organization', 'Profile', 'User'], 'SetupOwner', {
        permissionable: false,
      }),
      ...auditFields(),
    );
  } else {
    standard.push(
      spec.autoNumberName
        ? autoNumber('Name', `${label} Name`, { nameField: true, idLookup: true })
        : nameField(`${label} Name`),
    );
    if (!spec.masterObject) standard.push(ownerField(['User', 'Group']));
    standard.push(
      ...auditFields(),
      system(field('LastViewedDate', 'Last Viewed Date', 'datetime')),
      system(field('LastReferencedDate', 'Last Referenced Date', 'datetime')),
    );
  }
  return objectDef({
    name: spec.name,
    label,
    labelPlural: spec.labelPlural ?? `${label}s`,
    keyPrefix:
      accessModel === 'customMetadata'
        ? schema.customPrefixes.nextCustomMetadata()
        : schema.customPrefixes.nextCustomObject(),
    accessModel,
    fields: [...standard, ...(spec.fields ?? [])],
    masterObject: spec.masterObject ?? null,
    custom: true,
    minApiVersion: 20,
    ...(accessModel === 'customMetadata' ? { createable: false, updateable: false, deletable: false } : {}),
  });
}

const currency = (name: string, label: string): FieldDef => field(name, label, 'currency', { precision: 16, scale: 2 });

/** The hand-written custom objects of the demo orgs (the "small" schema). */
export function demoCustomObjectSpecs(): CustomObjectSpec[] {
  return [
    {
      name: 'Project__c',
      label: 'Project',
      fields: [
        lookup('Account__c', 'Account', ['Account'], 'Account__r', { childRelationshipName: 'Projects__r' }),
        picklist('Status__c', 'Status', ['Planned', 'Active', 'On Hold', 'Done'], { defaultValue: 'Planned' }),
        currency('Budget__c', 'Budget'),
        field('Start_Date__c', 'Start Date', 'date'),
        field('End_Date__c', 'End Date', 'date'),
        field('Description__c', 'Description', 'textarea', { length: 32768 }),
        autoNumber('Project_Number__c', 'Project Number', { permissionable: true }),
        formula('Duration_Days__c', 'Duration (days)', 'double', 'End_Date__c - Start_Date__c'),
        field('Is_Strategic__c', 'Strategic', 'boolean'),
        field('Contact_Email__c', 'Contact Email', 'email'),
        field('Secret_Notes__c', 'Secret Notes', 'encryptedstring'),
        required(
          field('Code__c', 'Project Code', 'string', { length: 20, unique: true, externalId: true, idLookup: true }),
        ),
      ],
    },
    {
      name: 'Invoice__c',
      label: 'Invoice',
      autoNumberName: true,
      fields: [
        lookup('Project__c', 'Project', ['Project__c'], 'Project__r', { childRelationshipName: 'Invoices__r' }),
        lookup('Account__c', 'Account', ['Account'], 'Account__r', { childRelationshipName: 'Invoices__r' }),
        currency('Amount__c', 'Amount'),
        field('Due_Date__c', 'Due Date', 'date'),
        picklist('Status__c', 'Status', ['Draft', 'Sent', 'Paid', 'Void'], { defaultValue: 'Draft' }),
        field('Paid__c', 'Paid', 'boolean'),
        formula('Total_With_Tax__c', 'Total With Tax', 'currency', 'Amount__c * 1.2'),
        field('External_Ref__c', 'External Reference', 'string', { length: 40, externalId: true, idLookup: true }),
      ],
    },
    {
      name: 'Invoice_Line__c',
      label: 'Invoice Line',
      autoNumberName: true,
      masterObject: 'Invoice__c',
      fields: [
        lookup('Invoice__c', 'Invoice', ['Invoice__c'], 'Invoice__r', {
          masterDetail: true,
          childRelationshipName: 'Invoice_Lines__r',
        }),
        lookup('Product__c', 'Product', ['Product2'], 'Product__r', { childRelationshipName: 'Invoice_Lines__r' }),
        field('Quantity__c', 'Quantity', 'double', { precision: 10, scale: 2 }),
        currency('Unit_Price__c', 'Unit Price'),
        formula('Line_Total__c', 'Line Total', 'currency', 'Quantity__c * Unit_Price__c'),
      ],
    },
    {
      name: 'Acme_Settings__c',
      label: 'Acme Settings',
      labelPlural: 'Acme Settings',
      accessModel: 'customSetting',
      fields: [
        field('Region_Code__c', 'Region Code', 'string', { length: 10 }),
        field('Support_Email__c', 'Support Email', 'email'),
      ],
    },
    {
      name: 'Region__mdt',
      label: 'Region',
      accessModel: 'customMetadata',
      fields: [
        field('Code__c', 'Code', 'string', { length: 10, createable: false, updateable: false }),
        field('Timezone__c', 'Timezone', 'string', { length: 40, createable: false, updateable: false }),
      ],
    },
  ];
}
