/**
 * POST /composite: up to 25 subrequests run in order as the same user, at most 5 of them query, Query More or sObject
 * Collections; later subrequests may reference earlier results. Always 200 with one entry per subrequest. With
 * allOrNone the first failure rolls everything back and every other subrequest answers PROCESSING_HALTED. The whole
 * call counts as one API request.
 */
import { SfApiError } from '../../org/types';
import { RequestBody } from '../core/requestBody';
import { resolveString, resolveValue, type ReferenceResults } from './compositeReferences';
import type { RestRequest, RestResult } from './restTypes';
import { versionBase } from './restTypes';

export const MAX_COMPOSITE_SUBREQUESTS = 25;
export const MAX_COMPOSITE_QUERIES_AND_COLLECTIONS = 5;

const REFERENCE_ID = /^[A-Za-z0-9_]+$/;

interface CompositeSubrequest {
  method: string;
  url: string;
  referenceId: string;
  body: unknown;
  httpHeaders: Record<string, string>;
}

interface SubrequestResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

function parserError(message: string): SfApiError {
  return new SfApiError(400, 'JSON_PARSER_ERROR', message);
}

function parseSubrequests(request: RestRequest): { allOrNone: boolean; subrequests: CompositeSubrequest[] } {
  const body = request.body.jsonObject();
  const list = body['compositeRequest'];
  if (!Array.isArray(list)) throw parserError("'compositeRequest' is a required field.");
  if (list.length > MAX_COMPOSITE_SUBREQUESTS) {
    throw new SfApiError(
      400,
      'LIMIT_EXCEEDED',
      `A composite request can contain at most ${MAX_COMPOSITE_SUBREQUESTS} subrequests; this one has ` +
        `${list.length}. Split it into several composite requests.`,
    );
  }
  const seen = new Set<string>();
  const subrequests = list.map((raw: unknown): CompositeSubrequest => {
    const item = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    for (const field of ['method', 'url', 'referenceId']) {
      if (typeof item[field] !== 'string' || item[field] === '') throw parserError(`'${field}' is a required field.`);
    }
    const referenceId = item['referenceId'] as string;
    if (!REFERENCE_ID.test(referenceId)) {
      throw parserError(`Invalid referenceId '${referenceId}': use only letters, numbers and underscores.`);
    }
    if (seen.has(referenceId)) throw parserError(`Duplicate referenceId '${referenceId}' provided.`);
    seen.add(referenceId);
    const headers = item['httpHeaders'];
    return {
      method: (item['method'] as string).toUpperCase(),
      url: item['url'] as string,
      referenceId,
      body: item['body'],
      httpHeaders:
        headers && typeof headers === 'object'
          ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]))
          : {},
    };
  });
  return { allOrNone: body['allOrNone'] === true, subrequests };
}

function checkKinds(request: RestRequest, subrequests: CompositeSubrequest[]): void {
  let heavy = 0;
  for (const sub of subrequests) {
    // A URL that is one reference can only be a chained nextRecordsUrl: that is Query More.
    const kind = /^@\{[^}]+\.nextRecordsUrl\}$/.test(sub.url)
      ? 'query'
      : request.subrequests.compositeKind(sub.method, sub.url);
    if (kind === 'query' || kind === 'collection') heavy++;
  }
  if (heavy > MAX_COMPOSITE_QUERIES_AND_COLLECTIONS) {
    throw new SfApiError(
      400,
      'LIMIT_EXCEEDED',
      `A composite request can contain at most ${MAX_COMPOSITE_QUERIES_AND_COLLECTIONS} query, Query More or ` +
        `sObject Collections subrequests; this one has ${heavy}.`,
    );
  }
}

const HALTED = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

function runOne(request: RestRequest, sub: CompositeSubrequest, results: ReferenceResults): RestResult {
  let url: string;
  let body: unknown;
  try {
    url = resolveString(sub.url, results);
    body = resolveValue(sub.body, results);
  } catch (error) {
    if (error instanceof SfApiError)
      return { status: error.status, body: [{ errorCode: error.errorCode, message: error.message }] };
    throw error;
  }
  const kind = request.subrequests.compositeKind(sub.method, url);
  if (!kind) {
    return {
      status: 400,
      body: [
        {
          errorCode: 'INVALID_API_INPUT',
          message: `Composite subrequests support sObject, query and sObject Collections resources only; ${sub.method} ${url} is not supported.`,
        },
      ],
    };
  }
  const headers = Object.fromEntries(Object.entries(sub.httpHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const result = request.subrequests.run({ method: sub.method, url, body: RequestBody.fromValue(body), headers });
  const id = (result.body as { id?: unknown } | undefined)?.id;
  if (result.status === 201 && typeof id === 'string' && kind === 'sobject') {
    return { ...result, headers: { ...result.headers, Location: `${url.split('?')[0]}/${id}` } };
  }
  return result;
}

/** POST /composite. */
export function runComposite(request: RestRequest): RestResult {
  const { allOrNone, subrequests } = parseSubrequests(request);
  checkKinds(request, subrequests);
  const org = request.session.org;
  const savepoint = allOrNone ? org.savepoint() : undefined;
  const results: ReferenceResults = new Map();
  const responses: SubrequestResponse[] = [];
  let failedAt = -1;
  for (const sub of subrequests) {
    if (failedAt >= 0) {
      responses.push({ body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
      continue;
    }
    const result = runOne(request, sub, results);
    results.set(sub.referenceId, { status: result.status, body: result.body });
    responses.push({
      body: result.body ?? null,
      httpHeaders: result.headers ?? {},
      httpStatusCode: result.status,
      referenceId: sub.referenceId,
    });
    if (allOrNone && result.status >= 400) failedAt = responses.length - 1;
  }
  if (savepoint && failedAt >= 0) {
    org.rollback(savepoint);
    responses.forEach((response, i) => {
      if (i !== failedAt) Object.assign(response, { body: HALTED, httpHeaders: {}, httpStatusCode: 400 });
    });
  } else if (savepoint) {
    org.release?.(savepoint);
  }
  return { status: 200, body: { compositeResponse: responses } };
}

/**
 * The composite resources in the order of Salesforce's example, with the version each needs: sObject Collections
 * from 42.0, composite graph from 50.0. The emulator serves batch and sobjects; tree and graph are listed only.
 */
const COMPOSITE_RESOURCES: readonly { name: string; minVersion: number }[] = [
  { name: 'tree', minVersion: 0 },
  { name: 'batch', minVersion: 0 },
  { name: 'sobjects', minVersion: 42 },
  { name: 'graph', minVersion: 50 },
];

/** GET /composite: every composite resource of the call's version. */
export function listCompositeResources(request: RestRequest): RestResult {
  const base = `${versionBase(request)}/composite`;
  const version = Number(request.version);
  const available = COMPOSITE_RESOURCES.filter((r) => version >= r.minVersion);
  return { status: 200, body: Object.fromEntries(available.map((r) => [r.name, `${base}/${r.name}`])) };
}
