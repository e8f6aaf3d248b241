/**
 * Object permissions: the rows of given permission sets, and the effective object access they add up to (per access
 * source, what its sets grant minus what its own muting set mutes; then the union over sources, plus what View All
 * Data and Modify All Data imply on every object; neither implies View All Fields).
 */
import type { SalesforceClient, SfRecord } from '../../salesforce/apiClient';
import { streamQueries, type QuerySpec } from '../../salesforce/api/compositeReader';
import { OBJECT_VERBS, type ObjectVerb } from '../profile';
import { effectiveUnionOfRows, setIdsOf, type AccessSource } from './accessSources';
import { inChunks, soqlIn } from './soql';
import type { UserAccess } from './userAccess';

/** One ObjectPermissions row. */
export interface ObjectPermissionRow {
  id: string;
  parentId: string;
  object: string;
  verbs: Set<ObjectVerb>;
}

const FIELDS = OBJECT_VERBS.map((v) => `Permissions${v}`).join(', ');

/** The SOQL of the ObjectPermissions rows of the given parents (callers keep the list short enough for one URL). */
export function objectPermissionsSoql(parentIds: Iterable<string>): string {
  return `SELECT Id, ParentId, SobjectType, ${FIELDS} FROM ObjectPermissions WHERE ParentId IN ${soqlIn(parentIds)}`;
}

/** An ObjectPermissions record of `objectPermissionsSoql` as a row. */
export function toObjectPermissionRow(r: SfRecord): ObjectPermissionRow {
  return {
    id: String(r.Id),
    parentId: String(r.ParentId),
    object: String(r.SobjectType),
    verbs: new Set(OBJECT_VERBS.filter((v) => r[`Permissions${v}`] === true)),
  };
}

/** The queries that read the ObjectPermissions rows of the given parents, keyed `op<n>`. */
export function objectPermissionSpecs(parentIds: readonly string[]): QuerySpec[] {
  return inChunks([...parentIds]).map((ids, i) => ({ key: `op${i}`, soql: objectPermissionsSoql(ids) }));
}

/** Every ObjectPermissions row of the given parents (permission sets or muting sets). */
export async function readObjectPermissions(
  client: SalesforceClient,
  parentIds: readonly string[],
): Promise<ObjectPermissionRow[]> {
  if (parentIds.length === 0) return [];
  const rows: ObjectPermissionRow[] = [];
  const specs = objectPermissionSpecs(parentIds);
  await streamQueries(client, specs, (_key, records) => {
    for (const r of records) rows.push(toObjectPermissionRow(r));
  });
  return rows;
}

const IMPLIED: Readonly<Record<string, readonly ObjectVerb[]>> = {
  ViewAllData: ['Read', 'ViewAllRecords'],
  ModifyAllData: ['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords'],
};

function grantKey(object: string, verb: ObjectVerb): string {
  return `${object.toLowerCase()}.${verb}`;
}

/** Effective object access of a user. */
export class EffectiveObjectAccess {
  private readonly explicit: Set<string>;
  private readonly implied = new Set<ObjectVerb>();

  constructor(
    rows: readonly ObjectPermissionRow[],
    sources: readonly AccessSource[],
    systemPermissions: ReadonlySet<string>,
  ) {
    this.explicit = effectiveUnionOfRows(sources, rows, (row) => [...row.verbs].map((v) => grantKey(row.object, v)));
    for (const [permission, verbs] of Object.entries(IMPLIED)) {
      if (systemPermissions.has(permission)) for (const v of verbs) this.implied.add(v);
    }
  }

  /** Whether the user has `verb` on `object`. */
  has(object: string, verb: ObjectVerb): boolean {
    return this.implied.has(verb) || this.explicit.has(grantKey(object, verb));
  }

  /** The wanted verbs the user lacks on `object`. */
  missing(object: string, wanted: Iterable<ObjectVerb>): ObjectVerb[] {
    return [...wanted].filter((v) => !this.has(object, v));
  }
}

/** Reads the ObjectPermissions rows of every set the user's sources name and returns the effective object access. */
export async function readEffectiveObjectAccess(
  client: SalesforceClient,
  access: Pick<UserAccess, 'sources' | 'systemPermissions'>,
): Promise<EffectiveObjectAccess> {
  const rows = await readObjectPermissions(client, setIdsOf(access.sources));
  return new EffectiveObjectAccess(rows, access.sources, access.systemPermissions);
}
