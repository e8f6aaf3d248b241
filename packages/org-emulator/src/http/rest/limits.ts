/**
 * GET /limits: the org's limits. Only DailyApiRequests is tracked by the emulator, so only it is reported (a client
 * reading another key sees it missing rather than an invented number). Needs View Setup and Configuration.
 */
import { SfApiError } from '../../org/types';
import type { RestRequest, RestResult } from './restTypes';

/** GET /limits. */
export function getLimits(request: RestRequest): RestResult {
  if (!request.session.access.systemPermissions.has('ViewSetup')) {
    throw new SfApiError(
      403,
      'INSUFFICIENT_ACCESS',
      'The Limits resource needs the View Setup and Configuration permission. Ask your Salesforce administrator ' +
        'to grant it to this user.',
    );
  }
  const { max, used } = request.session.org.limits.dailyApiRequests;
  return { status: 200, body: { DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) } } };
}
