/**
 * Which fields restore needs edit access on: every permissionable field that can take Edit (formula and auto-number
 * fields accept Read only), read from describes 25 objects per composite call. Describes are streamed: only the
 * field names of each object are kept, never the describe bodies, so the large org fits in memory.
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import { describeMany } from '../../salesforce/api/compositeReader';
import type { DescribeField, DescribeSObjectResult } from '../../salesforce/api/types';

/** Whether restore needs (and Salesforce accepts) an Edit field permission on this field. */
export function isEditPermissionable(field: DescribeField): boolean {
  return field.permissionable === true && field.calculated !== true && field.autoNumber !== true;
}

/** `Object.Field` names of the fields restore needs edit on, from one describe. */
export function editableFieldNames(describe: DescribeSObjectResult): string[] {
  return describe.fields.filter(isEditPermissionable).map((f) => `${describe.name}.${f.name}`);
}

/** Outcome of describing the covered objects. */
export interface FieldCatalogResult {
  /** Objects whose describe failed (not visible to the running user), with Salesforce's message. */
  failed: { object: string; message: string }[];
}

/**
 * Describes `objects` and hands each object's editable fields to `onObject` as they arrive, as API names without the
 * object (`Rating`, not `Account.Rating`): the callback decides what to keep, and names it keeps cost a third of the
 * memory of `Object.Field` strings (an XL org has 480,000 of them).
 */
export async function streamEditableFields(
  client: SalesforceClient,
  objects: readonly string[],
  onObject: (object: string, fields: string[]) => void | Promise<void>,
): Promise<FieldCatalogResult> {
  const failed: FieldCatalogResult['failed'] = [];
  await describeMany(client, objects, async (outcome) => {
    if ('error' in outcome) failed.push({ object: outcome.name, message: outcome.error.message });
    else
      await onObject(
        outcome.describe.name,
        outcome.describe.fields.filter(isEditPermissionable).map((f) => f.name),
      );
  });
  return { failed };
}
