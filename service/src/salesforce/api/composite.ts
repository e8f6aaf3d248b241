/**
 * Rules of the composite resource, checked before sending: at most 25 subrequests per call, of which at most 5 may be
 * queries (Query More included) or sObject Collections. Describes and other sObject resources do not count towards
 * the 5. Sending a request Salesforce would refuse wastes an API call, so the client refuses it first.
 */
import type { CompositeSubrequest } from './types';

/** Most subrequests in one composite call. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
/** Most query, Query More or sObject Collections subrequests in one composite call. */
export const COMPOSITE_MAX_QUERY_OR_COLLECTION = 5;
/** Most records in one sObject Collections request. */
export const COLLECTION_MAX_RECORDS = 200;

const QUERY_PATH = /\/(tooling\/)?(query|queryAll)(\/|\?|$)/;

/** Whether a subrequest counts towards the 5 query/collection subrequests of a composite call. */
export function isQueryOrCollection(sub: Pick<CompositeSubrequest, 'url'>): boolean {
  if (/^@\{[^}]+\.nextRecordsUrl\}$/.test(sub.url)) return true;
  if (QUERY_PATH.test(sub.url)) return true;
  return /\/composite\/sobjects(\/|\?|$)/.test(sub.url);
}

/** Throws when a composite request breaks Salesforce's documented limits. */
export function assertCompositeLimits(subrequests: readonly CompositeSubrequest[]): void {
  if (subrequests.length === 0) throw new Error('A composite request needs at least one subrequest.');
  if (subrequests.length > COMPOSITE_MAX_SUBREQUESTS) {
    throw new Error(`A composite request allows ${COMPOSITE_MAX_SUBREQUESTS} subrequests, got ${subrequests.length}.`);
  }
  const heavy = subrequests.filter(isQueryOrCollection).length;
  if (heavy > COMPOSITE_MAX_QUERY_OR_COLLECTION) {
    throw new Error(
      `A composite request allows ${COMPOSITE_MAX_QUERY_OR_COLLECTION} query or collection subrequests, got ${heavy}.`,
    );
  }
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
