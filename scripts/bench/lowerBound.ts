/**
 * The fewest API calls Salesforce's documented per-request limits allow for each benchmark scenario, so the bench can
 * say how far the engine is from the floor:
 * - reading the object list: one describeGlobal call;
 * - reading the fields of N objects: ceil(N / 25) composite calls (25 subrequests per composite call; describes are
 *   sObject resources, and the few state queries can ride in the same calls, up to 5 per call);
 * - writing R rows: ceil(R / 1,000) composite calls of five 200-record collections, or a Bulk API 2.0 job of at least
 *   4 calls (create, upload, close, one status read), whichever is fewer;
 * - creating and assigning the sets: one composite call (references link assignments to new sets).
 */

/** Shape of an org for the bound. */
export interface OrgShape {
  objects: number;
  /** Fields restore needs edit on. */
  editableFields: number;
}

/** Subrequests per composite call. */
const DESCRIBES_PER_CALL = 25;
/** Records per composite call (5 collections of 200). */
const RECORDS_PER_CALL = 1000;
/** Fewest calls of a Bulk API 2.0 ingest job. */
const MIN_BULK_CALLS = 4;

/** Calls to write `rows` records, the cheaper of collections and one bulk job. */
export function writeCalls(rows: number): number {
  if (rows <= 0) return 0;
  return Math.min(Math.ceil(rows / RECORDS_PER_CALL), MIN_BULK_CALLS);
}

/** Calls to read the object list and every object's fields. */
export function readCalls(shape: OrgShape): number {
  return 1 + Math.ceil(shape.objects / DESCRIBES_PER_CALL);
}

/** Lower bounds per scenario. */
export function lowerBounds(
  shape: OrgShape,
  driftFields: number,
): Record<'autoConfig' | 'repeat' | 'verify' | 'scanAndFix', number> {
  return {
    autoConfig: readCalls(shape) + 1 + writeCalls(shape.objects) + writeCalls(shape.editableFields),
    repeat: readCalls(shape),
    verify: readCalls(shape),
    scanAndFix: 2 * readCalls(shape) + writeCalls(driftFields),
  };
}
