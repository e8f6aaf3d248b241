/**
 * The `&columns=true` answer of the query resource, which the Salesforce CLI requests after `sf data query` to
 * name its output columns: entityName, groupBy, idSelected, keyPrefix and columnMetadata[]. Parent relationships
 * are one column with joinColumns, child subqueries a column with aggregate: true, aggregate functions a column
 * named by alias or exprN with displayName such as COUNT(Id). Only the shape is documented (facts file §6, observed
 * against the CLI); apexType names and foreignKeyName on relationship columns are UNCONFIRMED.
 */
import type { FieldDef, FieldType } from '../org/types';
import { valueClass } from './compare';
import type { AggregateOutput, Projection, QueryPlan } from './plan';

/** One column of the columns answer. */
export interface QueryColumn {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: QueryColumn[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

/** The whole columns answer. */
export interface QueryColumns {
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
  columnMetadata: QueryColumn[];
}

const APEX_TYPES: Partial<Record<FieldType, string>> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  long: 'Long',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
  address: 'Address',
  location: 'Location',
  anyType: 'Object',
};

function fieldColumn(field: FieldDef, columnName: string, displayName: string, aggregate: boolean): QueryColumn {
  const cls = valueClass(field.type);
  return {
    aggregate,
    apexType: APEX_TYPES[field.type] ?? 'String',
    booleanType: cls === 'boolean',
    columnName,
    custom: field.custom,
    displayName,
    foreignKeyName: null,
    insertable: !aggregate && field.createable,
    joinColumns: [],
    numberType: cls === 'number',
    textType: cls === 'string',
    updatable: !aggregate && field.updateable,
  };
}

function relationColumn(name: string, apexType: string, aggregate: boolean, joinColumns: QueryColumn[]): QueryColumn {
  return {
    aggregate,
    apexType,
    booleanType: false,
    columnName: name,
    custom: name.endsWith('__r'),
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns,
    numberType: false,
    textType: false,
    updatable: false,
  };
}

function projectionColumns(projection: Projection): QueryColumn[] {
  return projection.entries.map((entry) => {
    if (entry.kind === 'field') return fieldColumn(entry.field, entry.field.name, entry.field.name, false);
    if (entry.kind === 'parent') {
      const column = relationColumn(entry.key, entry.hop.entity, false, projectionColumns(entry.node));
      return { ...column, foreignKeyName: entry.hop.field.name };
    }
    return relationColumn(entry.key, entry.child.source.object.name, true, projectionColumns(entry.child.projection));
  });
}

function aggregateColumn(output: AggregateOutput): QueryColumn {
  const field = output.field as FieldDef;
  return fieldColumn(field, output.key, output.fn ? output.display : output.key, output.fn !== undefined);
}

/** The columns answer for a compiled query. */
export function planColumns(plan: QueryPlan): QueryColumns {
  const object = plan.source.object;
  const answer = (groupBy: boolean, idSelected: boolean, columnMetadata: QueryColumn[]): QueryColumns => ({
    entityName: object.name,
    groupBy,
    idSelected,
    keyPrefix: object.keyPrefix,
    columnMetadata,
  });
  if (plan.kind === 'records') return answer(false, plan.idSelected, projectionColumns(plan.projection));
  if (plan.kind === 'count') return answer(plan.groupKey !== undefined, false, []);
  const idSelected = plan.outputs.some((o) => !o.fn && o.display === 'Id');
  return answer(plan.groupBy, idSelected, plan.outputs.map(aggregateColumn));
}
