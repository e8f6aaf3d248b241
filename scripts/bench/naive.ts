/**
 * The simplest correct implementation, for the benchmark's comparison: the same decisions as the engine (same
 * profile, same dependency handling, idempotent), but the obvious I/O: one describe call per object, plain query
 * paging (one call per 2,000 rows), and one call per record written. Calls are issued in parallel through the same
 * client (same concurrency cap), so wall times compare the designs, not the parallelism.
 */
import { SalesforceApiError, type SalesforceClient } from '../../service/src/salesforce/apiClient';
import type { PermissionConnection } from '../../service/src/permissions/connection';
import {
  isDependencyRefusal,
  mapClauses,
  parseDependencyMessage,
} from '../../service/src/permissions/learnedDependencies';
import { readDependencies } from '../../service/src/permissions/org/dependencyReader';
import { editableFieldNames } from '../../service/src/permissions/org/fieldCatalog';
import {
  buildCatalog,
  permissionableObjectNames,
  type CatalogObject,
} from '../../service/src/permissions/org/objectCatalog';
import {
  EffectiveObjectAccess,
  objectPermissionsSoql,
  toObjectPermissionRow,
  type ObjectPermissionRow,
} from '../../service/src/permissions/org/objectGrants';
import { readUserAccess } from '../../service/src/permissions/org/userAccess';
import { setIdsOf } from '../../service/src/permissions/org/accessSources';
import { soqlIn } from '../../service/src/permissions/org/soql';
import { needsFieldEdit, PERMISSION_SETS, type Feature } from '../../service/src/permissions/profile';
import { diffFieldRows, fieldPermissionRecord } from '../../service/src/permissions/steps/fieldsStep';
import {
  desiredObjectVerbs,
  diffObjectRows,
  objectPermissionRecord,
  withDependencies,
} from '../../service/src/permissions/steps/objectsStep';
import { decideSets, needsUserDependencies } from '../../service/src/permissions/steps/setsStep';

async function catalogOf(client: SalesforceClient): Promise<CatalogObject[]> {
  const global = await client.describeGlobal();
  return buildCatalog(global, permissionableObjectNames(await client.describe('ObjectPermissions')));
}

async function objectRows(client: SalesforceClient, parentIds: string[]): Promise<ObjectPermissionRow[]> {
  if (parentIds.length === 0) return [];
  const rows: ObjectPermissionRow[] = [];
  for await (const r of client.queryAll(objectPermissionsSoql(parentIds))) rows.push(toObjectPermissionRow(r));
  return rows;
}

async function editableFieldsOneByOne(client: SalesforceClient, objects: string[]): Promise<string[]> {
  const lists = await Promise.all(
    objects.map(async (name) => {
      try {
        return editableFieldNames(await client.describe(name));
      } catch (error) {
        if (!(error instanceof SalesforceApiError)) throw error;
        return [];
      }
    }),
  );
  return lists.flat();
}

/** Writes records one call each; rows refused for an ordering dependency are tried once more at the end. */
async function writeOneByOne(
  client: SalesforceClient,
  type: string,
  records: Record<string, unknown>[],
): Promise<number> {
  let written = 0;
  const retry: Record<string, unknown>[] = [];
  for (const pass of [records, retry]) {
    await Promise.all(
      [...pass].map(async (record) => {
        try {
          const { Id, ...fields } = record;
          if (typeof Id === 'string') await client.updateRecord(type, Id, fields);
          else await client.createRecord(type, fields);
          written++;
        } catch (error) {
          if (
            pass === records &&
            error instanceof SalesforceApiError &&
            error.errorCode === 'FIELD_INTEGRITY_EXCEPTION'
          )
            retry.push(record);
          else if (!(error instanceof SalesforceApiError)) throw error;
        }
      }),
    );
  }
  return written;
}

/** Auto Config, naively. Returns the records written. */
export async function naiveAutoConfig(
  client: SalesforceClient,
  connection: PermissionConnection,
  features: readonly Feature[],
): Promise<number> {
  const access = await readUserAccess(client, connection.userId, new Date());
  const graph = needsUserDependencies(features, access) ? await readDependencies(client, 'User Permission') : undefined;
  const plan = decideSets(features, access, graph);
  let writes = 0;
  const ids: Record<string, string | null> = {
    template: plan.sets[0]?.existingId ?? null,
    access: plan.sets[1]?.existingId ?? null,
  };
  for (const s of plan.sets) {
    const flags: Record<string, boolean> = Object.fromEntries(s.addPermissions.map((p) => [`Permissions${p}`, true]));
    const def = PERMISSION_SETS[s.role];
    // The same dependency handling as the engine: a save Salesforce refuses for unlisted requirements is saved again
    // with what its message names, a bounded number of times.
    for (let round = 0; ; round++) {
      try {
        if (s.action === 'create') {
          ids[s.role] = await client.createRecord('PermissionSet', {
            Name: def.name,
            Label: def.label,
            Description: def.description,
            ...flags,
          });
          writes++;
        } else if (s.action === 'addPermissions' && s.existingId) {
          await client.updateRecord('PermissionSet', s.existingId, flags);
          writes++;
        }
        break;
      } catch (error) {
        if (
          !(error instanceof SalesforceApiError) ||
          !isDependencyRefusal(error.errorCode, error.message) ||
          round >= 3
        )
          throw error;
        const learnt = mapClauses(parseDependencyMessage(error.message), access.permissionLabels);
        if (!learnt.ok) throw error;
        for (const r of learnt.requirements) flags[`Permissions${r.name}`] = true;
      }
    }
  }
  for (const a of plan.assignments) {
    if (a.action === 'create')
      await client.createRecord('PermissionSetAssignment', {
        AssigneeId: connection.userId,
        PermissionSetId: ids[a.role],
      });
    else if (a.action === 'reactivate' && a.assignmentId)
      await client.updateRecord('PermissionSetAssignment', a.assignmentId, { ExpirationDate: null });
    if (a.action === 'create' || a.action === 'reactivate') writes++;
  }
  const accessId = ids.access;
  if (!accessId) return writes;
  const catalog = await catalogOf(client);
  const desired = desiredObjectVerbs(features, catalog);
  let changes = diffObjectRows(desired, await objectRows(client, [accessId]));
  if (changes.length > 0) {
    const graph = await readDependencies(client, 'Object Permission');
    changes = diffObjectRows(withDependencies(graph, desired), await objectRows(client, [accessId]));
  }
  writes += await writeOneByOne(
    client,
    'ObjectPermissions',
    changes.map((c) => objectPermissionRecord(c, accessId)),
  );
  if (!needsFieldEdit(features)) return writes;
  const editable = await editableFieldsOneByOne(
    client,
    catalog.filter((o) => o.visible).map((o) => o.name),
  );
  const existing = new Map<string, { id: string; edit: boolean }>();
  for await (const r of client.queryAll(
    `SELECT Id, Field, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${accessId}'`,
  )) {
    existing.set(String(r.Field).toLowerCase(), { id: String(r.Id), edit: r.PermissionsEdit === true });
  }
  writes += await writeOneByOne(
    client,
    'FieldPermissions',
    diffFieldRows(editable, existing).map((c) => fieldPermissionRecord(c, accessId)),
  );
  return writes;
}

/** Verify, naively: how many objects lack access and how many fields lack edit. */
export async function naiveVerify(
  client: SalesforceClient,
  connection: PermissionConnection,
  features: readonly Feature[],
): Promise<number> {
  const access = await readUserAccess(client, connection.userId, new Date());
  const rows = await objectRows(client, setIdsOf(access.sources));
  const effective = new EffectiveObjectAccess(rows, access.sources, access.systemPermissions);
  const catalog = await catalogOf(client);
  let problems = 0;
  for (const want of desiredObjectVerbs(features, catalog).values()) {
    if (effective.missing(want.object, want.verbs).length > 0) problems++;
  }
  const granting = setIdsOf(access.sources, 'granting');
  if (!needsFieldEdit(features) || granting.length === 0) return problems;
  const editable = await editableFieldsOneByOne(
    client,
    catalog.filter((o) => o.visible && effective.has(o.name, 'Read')).map((o) => o.name),
  );
  const granted = new Set<string>();
  for await (const r of client.queryAll(
    `SELECT Field FROM FieldPermissions WHERE ParentId IN ${soqlIn(granting)} AND PermissionsEdit = true`,
  )) {
    granted.add(String(r.Field).toLowerCase());
  }
  return problems + editable.filter((f) => !granted.has(f.toLowerCase())).length;
}
