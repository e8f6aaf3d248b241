/**
 * Object permissions: the rows of given permission sets, and the effective object access they add up to (union over
 * granting sets, minus what muting sets mute, plus what View All Data and Modify All Data imply on every object;
 * neither implies View All Fields).
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import { streamQueries } from '../../salesforce/api/compositeReader';
import { OBJECT_VERBS, type ObjectVerb } from '../profile';
import { inChunks, soqlIn } from './soql';

/** One ObjectPermissions row. */
export interface ObjectPermissionRow {
  id: string;
  parentId: string;
  object: string;
  verbs: Set<ObjectVerb>;
}

const FIELDS = OBJECT_VERBS.map((v) => `Permissions${v}`).join(', ');

/** Every ObjectPermissions row of the given parents (permission sets or muting sets). */
export async function readObjectPermissions(
  client: SalesforceClient,
  parentIds: readonly string[],
): Promise<ObjectPermissionRow[]> {
  if (parentIds.length === 0) return [];
  const rows: ObjectPermissionRow[] = [];
  const specs = inChunks([...parentIds]).map((ids, i) => ({
    key: `op${i}`,
    soql: `SELECT Id, ParentId, SobjectType, ${FIELDS} FROM ObjectPermissions WHERE ParentId IN ${soqlIn(ids)}`,
  }));
  await streamQueries(client, specs, (_key, records) => {
    for (const r of records) {
      rows.push({
        id: String(r.Id),
        parentId: String(r.ParentId),
        object: String(r.SobjectType),
        verbs: new Set(OBJECT_VERBS.filter((v) => r[`Permissions${v}`] === true)),
      });
    }
  });
  return rows;
}

const IMPLIED: Readonly<Record<string, readonly ObjectVerb[]>> = {
  ViewAllData: ['Read', 'ViewAllRecords'],
  ModifyAllData: ['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords'],
};

/** Effective object access of a user. */
export class EffectiveObjectAccess {
  private readonly explicit = new Map<string, Set<ObjectVerb>>();
  private readonly implied = new Set<ObjectVerb>();

  constructor(
    rows: readonly ObjectPermissionRow[],
    granting: ReadonlySet<string>,
    muting: ReadonlySet<string>,
    systemPermissions: ReadonlySet<string>,
  ) {
    for (const row of rows) {
      if (!granting.has(row.parentId)) continue;
      const key = row.object.toLowerCase();
      const verbs = this.explicit.get(key) ?? new Set<ObjectVerb>();
      for (const v of row.verbs) verbs.add(v);
      this.explicit.set(key, verbs);
    }
    for (const row of rows) {
      if (!muting.has(row.parentId)) continue;
      for (const v of row.verbs) this.explicit.get(row.object.toLowerCase())?.delete(v);
    }
    for (const [permission, verbs] of Object.entries(IMPLIED)) {
      if (systemPermissions.has(permission)) for (const v of verbs) this.implied.add(v);
    }
  }

  /** Whether the user has `verb` on `object`. */
  has(object: string, verb: ObjectVerb): boolean {
    return this.implied.has(verb) || (this.explicit.get(object.toLowerCase())?.has(verb) ?? false);
  }

  /** The wanted verbs the user lacks on `object`. */
  missing(object: string, wanted: Iterable<ObjectVerb>): ObjectVerb[] {
    return [...wanted].filter((v) => !this.has(object, v));
  }
}
