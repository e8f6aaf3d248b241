/**
 * The one Salesforce API client of the service. Every REST, Tooling, composite, Bulk API 2.0 and Connect REST call goes
 * through `SalesforceClient.send`, which adds the Bearer header (never a token in a URL or a log), caps concurrency,
 * refreshes once on INVALID_SESSION_ID, retries only what is safe to retry, stops for good on REQUEST_LIMIT_EXCEEDED,
 * reads `Sforce-Limit-Info`, and counts calls the way Salesforce counts them (a composite call is 1, each
 * composite-batch subrequest is 1, each Bulk HTTP call is 1).
 */
import { salesforceId18 } from '../domain/salesforceIds';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorFromResponse, networkError, RequestLimitExceededError, SalesforceApiError } from './api/errors';
import { parseLimitInfo, type LimitInfo } from './api/limitInfo';
import type { SharedCap } from './api/sharedCap';
import { SharedGate } from './api/sharedCap';
import { Semaphore } from './api/semaphore';
import { backoffDelayMs, DEFAULT_RETRY, isRetryable, type RetryOptions } from './api/retryPolicy';
import { assertCompositeLimits, COLLECTION_MAX_RECORDS } from './api/composite';
import type {
  CompositeSubrequest,
  CompositeSubresponse,
  DescribeGlobalResult,
  DescribeSObjectResult,
  OrgLimits,
  QueryResult,
  SaveResult,
  SfRecord,
} from './api/types';

export { SalesforceApiError, RequestLimitExceededError } from './api/errors';
export type { LimitInfo } from './api/limitInfo';
export type * from './api/types';

/** Hands out the current access token and obtains a new one when Salesforce says the session is invalid. */
export interface TokenProvider {
  accessToken(): Promise<string>;
  refresh(): Promise<string>;
}

/** The slice of a pino logger the client uses. */
export interface ApiLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Construction options of SalesforceClient. */
export interface SalesforceClientOptions {
  instanceUrl: string;
  /** e.g. '62.0'. */
  apiVersion: string;
  tokens: TokenProvider;
  /** SF_MAX_CONCURRENT_REQUESTS (default 8), shared by every client of the same `orgId` in the process. */
  maxConcurrent?: number;
  /** The store's slots, so that `maxConcurrent` also holds across replicas (PostgreSQL); needs `orgId`. */
  sharedCap?: SharedCap;
  /** Called with the number of API calls each request cost, as Salesforce counts them. */
  accounting?: (orgId: string, calls: number) => void;
  logger?: ApiLogger;
  /** Org id for accounting; derived from the access token (`00D...!`) when omitted. */
  orgId?: string;
  retry?: RetryOptions;
  /** Per-attempt timeout (default 120 s, Salesforce's own request timeout). */
  timeoutMs?: number;
}

/** One HTTP request through the client. */
export interface SendRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/services/...` is taken from the instance root; anything else is relative to `/services/data/vXX.X`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** JSON body (serialised by the client) ... */
  json?: unknown;
  /**
   * ... or a raw body with its content type (CSV uploads): a string, or a function returning the body in parts, sent
   * as a stream so a 200,000-row upload is never held in memory whole (called again if the request is retried).
   */
  raw?: { body: string | (() => Iterable<string>); contentType: string };
  headers?: Record<string, string>;
  /** Safe to resend after a network failure (defaults to true for GET). */
  idempotent?: boolean;
  /** API calls this request costs (composite batch: one per subrequest). Default 1. */
  calls?: number;
}

/** A successful answer. `body` is parsed JSON, or the text for CSV and other non-JSON answers. */
export interface SendResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const NON_REST_SESSION = 'This session is not valid for use with the REST API';

/**
 * One concurrency gate per org for the whole process: a job, a preview and a web page each build their own client, and
 * SF_MAX_CONCURRENT_REQUESTS caps what the org sees from the service, not from each of them.
 */
const orgGates = new Map<string, Semaphore>();

function concurrencyGate(orgId: string | undefined, limit: number): Semaphore {
  if (!orgId) return new Semaphore(limit);
  const key = `${salesforceId18(orgId) ?? orgId}:${limit}`;
  let gate = orgGates.get(key);
  if (!gate) {
    gate = new Semaphore(limit);
    orgGates.set(key, gate);
  }
  return gate;
}

/** The Salesforce API client for one org connection. */
export class SalesforceClient {
  /** API usage from the last `Sforce-Limit-Info` header seen. */
  lastLimitInfo: LimitInfo | undefined;
  /** API calls this client has made, as Salesforce counts them. */
  calls = 0;
  /** Why renewing the session failed (the token provider's error), if it did. */
  refreshFailure: unknown;

  private readonly semaphore: Semaphore;
  private readonly sharedGate: SharedGate | undefined;
  private readonly retry: RetryOptions;
  private readonly instanceUrl: string;
  private limitExceeded: RequestLimitExceededError | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(private readonly options: SalesforceClientOptions) {
    this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
    this.semaphore = concurrencyGate(options.orgId, options.maxConcurrent ?? 8);
    const orgKey = options.orgId && (salesforceId18(options.orgId) ?? options.orgId);
    this.sharedGate =
      options.sharedCap && orgKey
        ? new SharedGate(options.sharedCap, `salesforce:${orgKey}`, options.maxConcurrent ?? 8)
        : undefined;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /** The API version this client calls, e.g. '62.0'. */
  get apiVersion(): string {
    return this.options.apiVersion;
  }

  /** `/services/data/vXX.X`, the base of relative paths. */
  get dataPath(): string {
    return `/services/data/v${this.options.apiVersion}`;
  }

  /** Sends one request with the client's auth, accounting, concurrency cap and retry policy. */
  async send<T = unknown>(request: SendRequest): Promise<SendResponse<T>> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (this.limitExceeded) throw this.limitExceeded;
      try {
        return await this.semaphore.run(() =>
          this.sharedGate ? this.sharedGate.run(() => this.attempt<T>(request)) : this.attempt<T>(request),
        );
      } catch (error) {
        if (!(error instanceof SalesforceApiError)) throw error;
        if (error instanceof RequestLimitExceededError) {
          this.limitExceeded = error;
          throw error;
        }
        if (error.errorCode === 'INVALID_SESSION_ID' && !refreshed && !error.message.includes(NON_REST_SESSION)) {
          refreshed = true;
          await this.refreshToken();
          attempt--;
          continue;
        }
        if (attempt >= this.retry.maxRetries || !isRetryable(error, idempotent)) throw error;
        const delay = backoffDelayMs(attempt + 1, this.retry);
        this.options.logger?.warn(
          { method: request.method, path: request.path, errorCode: error.errorCode, retryInMs: delay },
          'Salesforce call failed; retrying',
        );
        await sleep(delay);
      }
    }
  }

  /** GET a REST resource and return its JSON body. */
  async get<T>(path: string, query?: Record<string, string | undefined>): Promise<T> {
    return (await this.send<T>({ method: 'GET', path, query })).body;
  }

  /** First page of a SOQL query (data API, or Tooling API with `tooling`; `all` includes deleted rows). */
  async query<T = SfRecord>(soql: string, options: { tooling?: boolean; all?: boolean } = {}): Promise<QueryResult<T>> {
    const resource = options.all ? 'queryAll' : 'query';
    return this.get<QueryResult<T>>(options.tooling ? `/tooling/${resource}` : `/${resource}`, { q: soql });
  }

  /** The next page of a query, from the previous page's `nextRecordsUrl`. */
  async queryMore<T = SfRecord>(nextRecordsUrl: string): Promise<QueryResult<T>> {
    return this.get<QueryResult<T>>(nextRecordsUrl);
  }

  /** Every record of a query, page by page (one call per page; prefer composite chaining for many pages). */
  async *queryAll<T = SfRecord>(soql: string, options: { tooling?: boolean } = {}): AsyncGenerator<T> {
    let page = await this.query<T>(soql, options);
    yield* page.records;
    while (!page.done && page.nextRecordsUrl) {
      page = await this.queryMore<T>(page.nextRecordsUrl);
      yield* page.records;
    }
  }

  /** describeGlobal: every sObject the running user can see. */
  async describeGlobal(): Promise<DescribeGlobalResult> {
    return this.get<DescribeGlobalResult>('/sobjects');
  }

  /** Describe of one sObject (fields the running user can read). */
  async describe(name: string): Promise<DescribeSObjectResult> {
    return this.get<DescribeSObjectResult>(`/sobjects/${encodeURIComponent(name)}/describe`);
  }

  /** `/limits` (needs View Setup and Configuration). */
  async limits(): Promise<OrgLimits> {
    return this.get<OrgLimits>('/limits');
  }

  /** One composite call (counts as 1 API call); checks Salesforce's subrequest limits before sending. */
  async composite(
    subrequests: CompositeSubrequest[],
    options: { allOrNone?: boolean; collateSubrequests?: boolean } = {},
  ): Promise<CompositeSubresponse[]> {
    assertCompositeLimits(subrequests);
    const idempotent = subrequests.every((s) => s.method === 'GET');
    const response = await this.send<{ compositeResponse: CompositeSubresponse[] }>({
      method: 'POST',
      path: '/composite',
      json: {
        allOrNone: options.allOrNone ?? false,
        collateSubrequests: options.collateSubrequests ?? false,
        compositeRequest: subrequests,
      },
      idempotent,
    });
    return response.body.compositeResponse;
  }

  /** sObject Collections delete (at most 200 ids). */
  async deleteRecords(ids: string[], allOrNone = false): Promise<SaveResult[]> {
    assertCollectionSize(ids.length);
    const query = { ids: ids.join(','), allOrNone: allOrNone ? 'true' : undefined };
    const response = await this.send<SaveResult[]>({ method: 'DELETE', path: '/composite/sobjects', query });
    return response.body;
  }

  /** Creates one record; returns its id. */
  async createRecord(type: string, fields: Record<string, unknown>): Promise<string> {
    const response = await this.send<SaveResult>({ method: 'POST', path: `/sobjects/${type}`, json: fields });
    if (!response.body.id)
      throw new SalesforceApiError(response.status, 'UNKNOWN', `Salesforce did not return the new ${type} id.`);
    return response.body.id;
  }

  /** Updates one record. */
  async updateRecord(type: string, id: string, fields: Record<string, unknown>): Promise<void> {
    await this.send({ method: 'PATCH', path: `/sobjects/${type}/${id}`, json: fields });
  }

  private async attempt<T>(request: SendRequest): Promise<SendResponse<T>> {
    const token = await this.options.tokens.accessToken();
    const url = this.url(request);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...request.headers,
    };
    let body: string | ReadableStream<Uint8Array> | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.raw) {
      headers['Content-Type'] = request.raw.contentType;
      body = typeof request.raw.body === 'string' ? request.raw.body : streamOf(request.raw.body());
    }
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body,
        // Required by fetch for a streamed request body.
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (cause) {
      throw networkError(cause);
    }
    const text = await response.text().catch((cause: unknown) => {
      throw networkError(cause);
    });
    this.count(request.calls ?? 1, token);
    const limitInfo = parseLimitInfo(response.headers.get('sforce-limit-info'));
    if (limitInfo) this.lastLimitInfo = limitInfo;
    this.options.logger?.debug(
      { method: request.method, path: request.path, status: response.status, ms: Date.now() - started },
      'Salesforce call',
    );
    const parsed = parseBody(text, response.headers.get('content-type'));
    if (response.status >= 400) throw errorFromResponse(response.status, parsed);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  private url(request: SendRequest): string {
    const path = request.path.startsWith('/services/') ? request.path : `${this.dataPath}${request.path}`;
    const url = new URL(this.instanceUrl + path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url.toString();
  }

  private count(calls: number, token: string): void {
    this.calls += calls;
    const orgId = this.options.orgId ?? token.split('!')[0] ?? '';
    this.options.accounting?.(orgId, calls);
  }

  private refreshToken(): Promise<string> {
    // Concurrent requests that all hit an expired session share one refresh.
    this.refreshing ??= this.options.tokens
      .refresh()
      .catch((cause: unknown) => {
        // The token provider's own error reaches the caller unchanged; it is also kept, so a use case can tell
        // "the connection is gone" from any other failure.
        this.refreshFailure = cause;
        throw cause;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}

/** A byte stream that pulls the parts one at a time. */
function streamOf(parts: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = parts[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

function assertCollectionSize(count: number): void {
  if (count < 1 || count > COLLECTION_MAX_RECORDS) {
    throw new Error(`An sObject Collections request takes 1 to ${COLLECTION_MAX_RECORDS} records, got ${count}.`);
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType && /^application\/json(;|$)/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The error items of a failed composite subresponse or collection result, as one typed error. */
export function subresponseError(sub: CompositeSubresponse): SalesforceApiError {
  return errorFromResponse(sub.httpStatusCode, sub.body);
}
