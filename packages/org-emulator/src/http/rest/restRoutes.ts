/**
 * The table of REST resources under /services/data/vXX.X: pattern, methods, minimum API version (older versions
 * answer NOT_FOUND, as Salesforce does for resources that did not exist yet) and how each may be used inside
 * composite requests.
 */
import type { Route } from '../core/routeTable';
import * as bulk from '../bulk/ingest';
import * as bulkQuery from '../bulk/queryJobs';
import * as collections from './collections';
import { listCompositeResources, runComposite } from './composite';
import { runBatch } from './compositeBatch';
import { getLimits } from './limits';
import { credentialResource } from './namedCredentials';
import { queryMore, runQuery } from './query';
import type { CompositeKind, RestHandler } from './restTypes';
import { callContext } from './restTypes';
import * as sobjects from './sobjects';
import { resourcesByVersion } from './versions';

/** What the router knows about one resource. */
export interface RestRouteData {
  handler: RestHandler;
  minVersion: number;
  /** Per-method minimum versions that differ from the resource's. */
  methodMinVersion?: Record<string, number>;
  composite?: CompositeKind;
}

function route(
  methods: string[],
  pattern: string,
  handler: RestHandler,
  options: Partial<Omit<RestRouteData, 'handler'>> = {},
): Route<RestRouteData> {
  return { methods, pattern, data: { handler, minVersion: options.minVersion ?? 0, ...options } };
}

const toolingDescribeGlobal: RestHandler = (r) => ({
  status: 200,
  body: r.session.org.describeGlobal(callContext(r, true)),
});
const toolingDescribe: RestHandler = (r) => ({
  status: 200,
  body: r.session.org.describeSObject(callContext(r, true), r.params['type'] ?? ''),
});

/** Every REST resource the emulator serves. Order matters where patterns overlap (describe before :id). */
export const REST_ROUTES: Route<RestRouteData>[] = [
  route(['GET'], '/', resourcesByVersion),
  route(['GET'], '/query', (r) => runQuery(r, false, false), { composite: 'query' }),
  route(['GET'], '/query/:locator', (r) => queryMore(r, false), { composite: 'query' }),
  route(['GET'], '/queryAll', (r) => runQuery(r, true, false), { minVersion: 29, composite: 'query' }),
  route(['GET'], '/queryAll/:locator', (r) => queryMore(r, false), { minVersion: 29, composite: 'query' }),
  route(['GET'], '/sobjects', sobjects.describeGlobal),
  route(['GET'], '/sobjects/:type', sobjects.basicInfo, { composite: 'sobject' }),
  route(['POST'], '/sobjects/:type', sobjects.createRecord, { composite: 'sobject' }),
  route(['GET'], '/sobjects/:type/describe', sobjects.describeSObject, { composite: 'sobject' }),
  route(['GET'], '/sobjects/:type/:id', sobjects.retrieveRecord, { composite: 'sobject' }),
  route(['PATCH'], '/sobjects/:type/:id', sobjects.updateRecord, { composite: 'sobject' }),
  route(['DELETE'], '/sobjects/:type/:id', sobjects.deleteRecord, { composite: 'sobject' }),
  route(['GET'], '/sobjects/:type/:field/:value', sobjects.retrieveByExternalId, { composite: 'sobject' }),
  route(['PATCH'], '/sobjects/:type/:field/:value', sobjects.upsertRecord, { composite: 'sobject' }),
  route(['GET'], '/composite', listCompositeResources, { minVersion: 38 }),
  route(['POST'], '/composite', runComposite, { minVersion: 38 }),
  route(['POST'], '/composite/batch', runBatch, { minVersion: 34 }),
  route(['POST'], '/composite/sobjects', collections.createRecords, { minVersion: 42, composite: 'collection' }),
  route(['PATCH'], '/composite/sobjects', collections.updateRecords, { minVersion: 42, composite: 'collection' }),
  route(['DELETE'], '/composite/sobjects', collections.deleteRecords, { minVersion: 42, composite: 'collection' }),
  route(['GET', 'POST'], '/composite/sobjects/:type', collections.retrieveRecords, {
    minVersion: 42,
    composite: 'collection',
  }),
  route(['PATCH'], '/composite/sobjects/:type/:field', collections.upsertRecords, {
    minVersion: 46,
    composite: 'collection',
  }),
  route(['GET'], '/limits', getLimits, { minVersion: 29 }),
  route(['GET'], '/tooling/query', (r) => runQuery(r, false, true)),
  route(['GET'], '/tooling/query/:locator', (r) => queryMore(r, true)),
  route(['GET'], '/tooling/sobjects', toolingDescribeGlobal),
  route(['GET'], '/tooling/sobjects/:type/describe', toolingDescribe),
  route(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], '/named-credentials/credential', credentialResource, {
    minVersion: 56,
    methodMinVersion: { PATCH: 59 },
  }),
  route(['POST'], '/jobs/ingest', bulk.createJob, { minVersion: 41 }),
  route(['GET'], '/jobs/ingest', bulk.listJobs, { minVersion: 41 }),
  route(['GET'], '/jobs/ingest/:jobId', bulk.getJob, { minVersion: 41 }),
  route(['PATCH'], '/jobs/ingest/:jobId', bulk.changeJobState, { minVersion: 41 }),
  route(['DELETE'], '/jobs/ingest/:jobId', bulk.deleteJob, { minVersion: 41 }),
  route(['PUT'], '/jobs/ingest/:jobId/batches', bulk.uploadJobData, { minVersion: 41 }),
  route(['GET'], '/jobs/ingest/:jobId/successfulResults', bulk.successfulResults, { minVersion: 41 }),
  route(['GET'], '/jobs/ingest/:jobId/failedResults', bulk.failedResults, { minVersion: 41 }),
  route(['GET'], '/jobs/ingest/:jobId/unprocessedrecords', bulk.unprocessedRecords, { minVersion: 41 }),
  route(['POST'], '/jobs/query', bulkQuery.createQueryJob, { minVersion: 47 }),
  route(['GET'], '/jobs/query', bulkQuery.listQueryJobs, { minVersion: 47 }),
  route(['GET'], '/jobs/query/:jobId', bulkQuery.getQueryJob, { minVersion: 47 }),
  route(['PATCH'], '/jobs/query/:jobId', bulkQuery.abortQueryJob, { minVersion: 47 }),
  route(['DELETE'], '/jobs/query/:jobId', bulkQuery.deleteQueryJob, { minVersion: 47 }),
  route(['GET'], '/jobs/query/:jobId/results', bulkQuery.queryJobResults, { minVersion: 47 }),
];
