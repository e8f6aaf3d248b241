/**
 * The Query and QueryAll resources (also under /tooling): runs SOQL through the engine as the calling user and pages
 * the result, 2,000 records per page by default (`Sforce-Query-Options: batchSize=N`, 200 to 2,000), with query
 * locators for Query More. `&columns=true` answers the column metadata the Salesforce CLI asks for.
 */
import { SfApiError } from '../../org/types';
import { describeQueryColumns, executeQuery } from '../../soql/index';
import { callContext, versionBase, type RestRequest, type RestResult } from './restTypes';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

/** The page size asked for with `Sforce-Query-Options: batchSize=N`, clamped to Salesforce's 200..2000. */
export function batchSizeOf(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

/** The path of nextRecordsUrl: always `query`, also for QueryAll, as Salesforce answers ("QueryAll More Results"). */
function queryMorePath(request: RestRequest, tooling: boolean): string {
  return `${versionBase(request)}${tooling ? '/tooling' : ''}/query`;
}

/**
 * Builds one page starting at `offset`; opens or keeps a locator when more records follow. `servedFrom` (the
 * PermissionDependency quirk) serves other records than the ones the locator moves past.
 */
function page(
  request: RestRequest,
  records: readonly unknown[],
  totalSize: number,
  offset: number,
  batchSize: number,
  locator: { id?: string; path: string; repeatsBatch?: boolean; servedFrom?: number },
): RestResult {
  const end = Math.min(records.length, offset + batchSize);
  const done = end >= records.length;
  const body: Record<string, unknown> = { totalSize, done };
  if (!done) {
    const { org, userId } = request.session;
    const id =
      locator.id ??
      request.state.locators.open(org.id, userId, records, totalSize, batchSize, {
        repeatsBatch: locator.repeatsBatch,
      });
    body['nextRecordsUrl'] = `${locator.path}/${id}-${end}`;
  }
  const from = locator.servedFrom ?? offset;
  body['records'] = records.slice(from, from + (end - offset));
  return { status: 200, body };
}

/**
 * Tooling PermissionDependency as real orgs serve it (thousands of rows): LIMIT is ignored and Query More can serve a
 * batch again. Clients walk it by Id (`WHERE Id > '…' ORDER BY Id`), reading first pages only.
 */
const QUIRKY_TOOLING_OBJECT = /\bFROM\s+PermissionDependency\b/i;

function withoutLimit(soql: string): string {
  return soql.replace(/\s+LIMIT\s+\d+/i, '');
}

/** GET /query?q= and /queryAll?q= (and their /tooling forms). */
export function runQuery(request: RestRequest, includeDeleted: boolean, tooling: boolean): RestResult {
  const soql = request.query.get('q');
  if (!soql || soql.trim() === '') {
    throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  }
  const ds = request.session.org.dataSource(callContext(request, tooling));
  if (request.query.get('columns') === 'true') return { status: 200, body: describeQueryColumns(ds, soql) };
  const quirky = tooling && QUIRKY_TOOLING_OBJECT.test(soql);
  const outcome = executeQuery(ds, quirky ? withoutLimit(soql) : soql, { includeDeleted });
  const batchSize = batchSizeOf(request.headers['sforce-query-options']);
  return page(request, outcome.records, outcome.totalSize, 0, batchSize, {
    path: queryMorePath(request, tooling),
    repeatsBatch: quirky,
  });
}

/**
 * GET /query/{locator} and /queryAll/{locator} (Query More): the next page of an open cursor, which already holds the
 * deleted rows of a QueryAll, so both forms continue either kind of query.
 */
export function queryMore(request: RestRequest, tooling: boolean): RestResult {
  const locator = request.params['locator'] ?? '';
  const dash = locator.lastIndexOf('-');
  const id = dash > 0 ? locator.slice(0, dash) : locator;
  const offset = dash > 0 ? Number(locator.slice(dash + 1)) : 0;
  const { org, userId } = request.session;
  const cursor = request.state.locators.use(id, org.id, userId);
  if (!cursor || !Number.isInteger(offset) || offset < 0 || offset > cursor.records.length) {
    throw new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  // The quirk: the first Query More of a PermissionDependency cursor answers the first batch again.
  const repeat = cursor.repeatsBatch === true && offset === cursor.batchSize;
  return page(request, cursor.records, cursor.totalSize, offset, cursor.batchSize, {
    id,
    path: queryMorePath(request, tooling),
    servedFrom: repeat ? 0 : offset,
  });
}
