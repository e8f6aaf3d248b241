/**
 * Small helpers for SOQL tests: run a query the way the REST query resource does, and capture the SfApiError a
 * query must throw (failing the test when it does not).
 */
import { SfApiError } from '../../../src/org/types';
import { executeQuery, type QueryOutcome, type SoqlEngineDataSource } from '../../../src/soql';

/** Runs a query (queryAll when includeDeleted is true). */
export function query(ds: SoqlEngineDataSource, soql: string, includeDeleted = false): QueryOutcome {
  return executeQuery(ds, soql, { includeDeleted });
}

/** The records of a query. */
export function records(ds: SoqlEngineDataSource, soql: string): Record<string, unknown>[] {
  return query(ds, soql).records;
}

/** The SfApiError a call throws; fails when the call succeeds or throws something else. */
export function sfError(run: () => unknown): SfApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof SfApiError) return error;
    throw error;
  }
  throw new Error('Expected the query to fail with an SfApiError, but it succeeded');
}

/** The error a query throws, as the REST body's fields a client reads. */
export function queryError(
  ds: SoqlEngineDataSource,
  soql: string,
): { status: number; errorCode: string; message: string } {
  const error = sfError(() => query(ds, soql));
  return { status: error.status, errorCode: error.errorCode, message: error.message };
}
