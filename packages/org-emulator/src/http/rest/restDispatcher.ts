/**
 * Runs a REST request against the resource table: parses `/services/data/vXX.X/...`, checks the version and the
 * resource's minimum version, answers 405 for a known path with the wrong method, and turns every SfApiError into
 * Salesforce's error body. Used by HTTP requests and by composite and batch subrequests alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SfApiError } from '../../org/types';
import type { EmulatorState } from '../emulatorState';
import type { RequestBody } from '../core/requestBody';
import { lookupRoute } from '../core/routeTable';
import { REST_ROUTES } from './restRoutes';
import type { ApiSession, CompositeKind, RestResult, Subrequest, SubrequestRunner } from './restTypes';
import { isServedVersion } from './versions';

const DATA_PATH = /^\/services\/data\/v([^/?]+)(\/[^?]*)?$/;

/** Splits `/services/data/v62.0/sobjects` into version and resource path, or undefined for other paths. */
export function parseDataPath(path: string): { version: string; resource: string } | undefined {
  const match = DATA_PATH.exec(path);
  if (!match) return undefined;
  return { version: match[1] as string, resource: match[2] && match[2] !== '' ? match[2] : '/' };
}

/** The input of one REST dispatch. */
export interface RestInput {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: RequestBody;
}

function notFound(): RestResult {
  return { status: 404, body: new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist').toBody() };
}

function errorResult(error: unknown): RestResult {
  if (error instanceof SfApiError) return { status: error.status, body: error.toBody() };
  throw error;
}

/** Runs one REST request as the given session. */
export function dispatchRest(
  state: EmulatorState,
  session: ApiSession,
  input: RestInput,
  subrequest: boolean,
): RestResult {
  const parsed = parseDataPath(input.path);
  if (!parsed || !isServedVersion(parsed.version, state.settings.maxApiVersion)) return notFound();
  const method = input.method === 'HEAD' ? 'GET' : input.method;
  const lookup = lookupRoute(REST_ROUTES, method, parsed.resource);
  if (lookup.kind === 'notFound') return notFound();
  if (lookup.kind === 'methodNotAllowed') {
    const allowed = lookup.allowed.includes('GET') ? [...lookup.allowed, 'HEAD'] : lookup.allowed;
    return {
      status: 405,
      body: [
        {
          errorCode: 'METHOD_NOT_ALLOWED',
          message: `HTTP Method '${input.method}' not allowed. Allowed are ${allowed.join(',')}`,
        },
      ],
    };
  }
  const { route, params } = lookup.match;
  const version = Number(parsed.version);
  const minVersion = route.data.methodMinVersion?.[method] ?? route.data.minVersion;
  if (version < minVersion) return notFound();
  try {
    return route.data.handler({
      state,
      session,
      method,
      path: parsed.resource,
      version: parsed.version,
      query: input.query,
      headers: input.headers,
      body: input.body,
      params,
      subrequest,
      subrequests: subrequestRunner(state, session),
    });
  } catch (error) {
    return errorResult(error);
  }
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

/** Subrequests of a composite or batch call, run as the same session. */
export function subrequestRunner(state: EmulatorState, session: ApiSession): SubrequestRunner {
  return {
    compositeKind(method: string, url: string): CompositeKind | undefined {
      const parsed = parseDataPath(splitUrl(url).path);
      if (!parsed) return undefined;
      const lookup = lookupRoute(REST_ROUTES, method.toUpperCase(), parsed.resource);
      return lookup.kind === 'match' ? lookup.match.route.data.composite : undefined;
    },
    run(sub: Subrequest): RestResult {
      const { path, query } = splitUrl(sub.url);
      return dispatchRest(
        state,
        session,
        { method: sub.method, path, query, headers: sub.headers, body: sub.body },
        true,
      );
    },
  };
}
