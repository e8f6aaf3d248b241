/**
 * What the SOQL engine reads from an org: the shared `SoqlDataSource` contract plus two optional extras a data
 * source may offer (an index for equality/IN filters, and the org clock for date literals). The engine works without
 * them, only slower (full scans) or against the system clock.
 */
import type { ObjectDef, SfRecord, SoqlDataSource } from '../org/types';

/** A data source the engine can use; both extras are optional. */
export interface SoqlEngineDataSource extends SoqlDataSource {
  /**
   * Rows of an object whose field equals one of `values` (canonical 18-character ids for id and reference fields),
   * subject to the same visibility as rows(). Return undefined when the field has no index: the engine then scans.
   * The engine still applies the full WHERE clause to what comes back, so returning a superset is allowed.
   */
  rowsWhere?(
    objectName: string,
    fieldName: string,
    values: readonly string[],
    includeDeleted: boolean,
  ): Iterable<SfRecord> | undefined;
  /** The org's current time (date literals such as TODAY and LAST_N_DAYS:n); the system clock when absent. */
  now?(): Date;
}

/** The sObject type of a record id, from the data source or from the key prefixes of the candidate objects. */
export function recordTypeOf(ds: SoqlEngineDataSource, id: string, candidates: readonly string[]): string | undefined {
  const known = ds.getRecordType?.(id);
  if (known) return known;
  if (candidates.length === 1) return candidates[0];
  const prefix = id.slice(0, 3);
  return candidates.find((name) => ds.getObject(name)?.keyPrefix === prefix);
}

/** The REST `attributes.url` of a record: `/services/data/vXX.X[/tooling]/sobjects/Type/Id`. */
export function recordUrl(ds: SoqlEngineDataSource, type: string, id: string): string {
  const tooling = ds.tooling ? '/tooling' : '';
  return `/services/data/v${ds.apiVersion.toFixed(1)}${tooling}/sobjects/${type}/${id}`;
}

/** True when an object can be queried through this data source's API (data or Tooling) and version. */
export function isQueryableHere(ds: SoqlEngineDataSource, def: ObjectDef): boolean {
  if (def.minApiVersion > ds.apiVersion) return false;
  if (ds.tooling) return def.toolingOnly || def.alsoInTooling === true;
  return !def.toolingOnly;
}
