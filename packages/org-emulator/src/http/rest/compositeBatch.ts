/**
 * POST /composite/batch: up to 25 independent subrequests (no references between them), each counted as one API
 * request. `haltOnError` stops at the first failure; the rest answer 412 BATCH_PROCESSING_HALTED.
 */
import { SfApiError } from '../../org/types';
import { RequestBody } from '../core/requestBody';
import { spendApiRequests } from './apiSession';
import type { RestRequest, RestResult } from './restTypes';

export const MAX_BATCH_SUBREQUESTS = 25;

const HALTED = [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }];

function absoluteUrl(url: string): string {
  const trimmed = url.replace(/^\/+/, '');
  return trimmed.startsWith('services/') ? `/${trimmed}` : `/services/data/${trimmed}`;
}

/** POST /composite/batch. */
export function runBatch(request: RestRequest): RestResult {
  const body = request.body.jsonObject();
  const list = body['batchRequests'];
  if (!Array.isArray(list)) throw new SfApiError(400, 'JSON_PARSER_ERROR', "'batchRequests' is a required field.");
  if (list.length > MAX_BATCH_SUBREQUESTS) {
    throw new SfApiError(
      400,
      'LIMIT_EXCEEDED',
      `A batch request can contain at most ${MAX_BATCH_SUBREQUESTS} subrequests; this one has ${list.length}.`,
    );
  }
  // The call itself was counted once on arrival; every further subrequest counts too.
  if (list.length > 1) spendApiRequests(request.session.org, list.length - 1);
  const haltOnError = body['haltOnError'] === true;
  let halted = false;
  const results = list.map((raw: unknown) => {
    if (halted) return { statusCode: 412, result: HALTED };
    const item = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const method = typeof item['method'] === 'string' ? item['method'].toUpperCase() : 'GET';
    const url = typeof item['url'] === 'string' ? absoluteUrl(item['url']) : '';
    let result: RestResult;
    if (/\/composite(\/|$|\?)/.test(url)) {
      result = {
        status: 400,
        body: [
          { errorCode: 'INVALID_API_INPUT', message: `A batch subrequest cannot call composite resources: ${url}` },
        ],
      };
    } else {
      result = request.subrequests.run({ method, url, body: RequestBody.fromValue(item['richInput']), headers: {} });
    }
    if (result.status >= 400 && haltOnError) halted = true;
    return { statusCode: result.status, result: result.body ?? null };
  });
  return { status: 200, body: { hasErrors: results.some((r) => r.statusCode >= 400), results } };
}
