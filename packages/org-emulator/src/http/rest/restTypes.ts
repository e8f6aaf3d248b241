/**
 * Types of the REST resources under /services/data/vXX.X: the request a resource handler receives (already
 * authenticated) and the result it returns as a value, so that composite and batch requests can embed it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallContext, EffectiveAccess } from '../../org/types';
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { RequestBody } from '../core/requestBody';
import type { AccessTokenRecord } from '../oauth/tokenStore';

/** The authenticated caller of a REST resource. */
export interface ApiSession {
  org: HttpOrg;
  userId: string;
  token: AccessTokenRecord;
  access: EffectiveAccess;
}

/** A REST request after authentication, relative to /services/data/vXX.X. */
export interface RestRequest {
  state: EmulatorState;
  session: ApiSession;
  method: string;
  /** Path after the version, e.g. `/sobjects/Account/001...`. */
  path: string;
  /** The API version as written in the URL, e.g. `62.0`. */
  version: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: RequestBody;
  /** Route parameters. */
  params: Record<string, string>;
  /** True inside a composite or batch subrequest. */
  subrequest: boolean;
  /** Runs other REST requests as this caller (composite and batch). */
  subrequests: SubrequestRunner;
}

/** How a resource may appear inside a composite request; query and collections count towards the limit of 5. */
export type CompositeKind = 'sobject' | 'query' | 'collection';

/** A request made from inside another one (a composite or batch subrequest). */
export interface Subrequest {
  method: string;
  /** Full path with query string, e.g. `/services/data/v62.0/query?q=...`. */
  url: string;
  body: RequestBody;
  headers: IncomingHttpHeaders;
}

/** Runs subrequests through the same resource handlers as HTTP requests, without spending API requests. */
export interface SubrequestRunner {
  /** How the resource at `url` may be used inside composite, or undefined when composite does not support it. */
  compositeKind(method: string, url: string): CompositeKind | undefined;
  run(subrequest: Subrequest): RestResult;
}

/** What a REST resource answers: a JSON value, nothing (204), or raw text (CSV). */
export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: { contentType: string; text: string };
}

/** A REST resource handler. Handlers are synchronous so that a composite request runs as one transaction. */
export type RestHandler = (request: RestRequest) => RestResult;

/** The call context the org model needs, for this request. */
export function callContext(request: RestRequest, tooling = false): CallContext {
  return {
    orgId: request.session.org.id,
    userId: request.session.userId,
    apiVersion: Number(request.version),
    tooling,
  };
}

/** The base path of this request's version, e.g. `/services/data/v62.0`. */
export function versionBase(request: RestRequest): string {
  return `/services/data/v${request.version}`;
}
