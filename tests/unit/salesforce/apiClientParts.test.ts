/** The API client's rules: composite limits, retry policy, limit header, CSV, concurrency cap. */
import { assertCompositeLimits, isQueryOrCollection } from '@service/salesforce/api/composite';
import { parseCsv, toCsv } from '@service/salesforce/api/csv';
import { parseLimitInfo } from '@service/salesforce/api/limitInfo';
import { backoffDelayMs, DEFAULT_RETRY, isRetryable } from '@service/salesforce/api/retryPolicy';
import { Semaphore } from '@service/salesforce/api/semaphore';
import { nextPollDelay } from '@service/salesforce/api/bulkIngest';
import { RequestLimitExceededError, SalesforceApiError } from '@service/salesforce/apiClient';
import { errorFromResponse } from '@service/salesforce/api/errors';

const get = (url: string, i = 0) => ({ method: 'GET' as const, url, referenceId: `r${i}` });

describe('composite limits', () => {
  it('counts queries, chained Query More and collections towards the 5, not describes', () => {
    expect(isQueryOrCollection({ url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Account' })).toBe(true);
    expect(isQueryOrCollection({ url: '@{q1.nextRecordsUrl}' })).toBe(true);
    expect(isQueryOrCollection({ url: '/services/data/v62.0/composite/sobjects' })).toBe(true);
    expect(isQueryOrCollection({ url: '/services/data/v62.0/sobjects/Account/describe' })).toBe(false);
  });

  it('refuses 26 subrequests or 6 queries before wasting an API call', () => {
    expect(() =>
      assertCompositeLimits(Array.from({ length: 25 }, (_, i) => get('/services/data/v62.0/sobjects/A/describe', i))),
    ).not.toThrow();
    expect(() => assertCompositeLimits(Array.from({ length: 26 }, (_, i) => get('/x/describe', i)))).toThrow(
      'allows 25 subrequests, got 26',
    );
    expect(() =>
      assertCompositeLimits(Array.from({ length: 6 }, (_, i) => get('/services/data/v62.0/query?q=x', i))),
    ).toThrow('5 query or collection subrequests, got 6');
  });
});

describe('retry policy', () => {
  const error = (status: number, code: string) => new SalesforceApiError(status, code, 'x');
  it('retries what cannot have changed the org', () => {
    expect(isRetryable(error(503, 'SERVER_UNAVAILABLE'), false)).toBe(true);
    expect(isRetryable(error(400, 'UNABLE_TO_LOCK_ROW'), false)).toBe(true);
    expect(isRetryable(error(0, 'NETWORK_ERROR'), true)).toBe(true);
  });

  it('never retries a write that may have happened, or a spent allowance', () => {
    expect(isRetryable(error(0, 'NETWORK_ERROR'), false)).toBe(false);
    expect(isRetryable(new RequestLimitExceededError(), true)).toBe(false);
    expect(isRetryable(error(400, 'INVALID_FIELD'), true)).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelayMs(1, DEFAULT_RETRY, () => 0)).toBe(125);
    expect(backoffDelayMs(1, DEFAULT_RETRY, () => 1)).toBe(250);
    expect(backoffDelayMs(3, DEFAULT_RETRY, () => 1)).toBe(1000);
    expect(backoffDelayMs(20, DEFAULT_RETRY, () => 1)).toBe(4000);
  });
});

describe('responses', () => {
  it('reads Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000 });
    expect(parseLimitInfo('per-app-api-usage=1/10(appName=x), api-usage=7/15000')).toEqual({ used: 7, max: 15000 });
    expect(parseLimitInfo(null)).toBeUndefined();
  });

  it('types REST error bodies, REQUEST_LIMIT_EXCEEDED included', () => {
    expect(
      errorFromResponse(400, [{ errorCode: 'INVALID_FIELD', message: 'No such column', fields: ['X'] }]),
    ).toMatchObject({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: 'No such column',
      fields: ['X'],
    });
    expect(
      errorFromResponse(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]),
    ).toBeInstanceOf(RequestLimitExceededError);
    expect(errorFromResponse(502, 'Bad gateway')).toMatchObject({ errorCode: 'HTTP_502' });
  });

  it('writes and reads back Bulk API CSV, quotes included', () => {
    const csv = toCsv(
      ['Field', 'Note'],
      [
        ['Account.Name', 'a, "quoted"\nline'],
        ['Account.Site', null],
      ],
    );
    expect(parseCsv(csv)).toEqual([
      { Field: 'Account.Name', Note: 'a, "quoted"\nline' },
      { Field: 'Account.Site', Note: '' },
    ]);
  });
});

describe('concurrency cap', () => {
  it('never runs more than the limit at once', async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(semaphore.inFlight).toBe(0);
  });
});

describe('bulk job polling', () => {
  const poll = { initialMs: 250, maxMs: 30_000, timeoutMs: 60_000 };
  it('times the next poll for the estimated end of the job', () => {
    // 1,000 rows per second, 9,000 to go: about 9.9 s.
    expect(nextPollDelay({ at: 0, processed: 0 }, { at: 1000, processed: 1000 }, 10_000, 250, poll)).toBe(9900);
  });

  it('never waits longer than the maximum, and grows the delay while there is no rate', () => {
    expect(nextPollDelay({ at: 0, processed: 0 }, { at: 1000, processed: 1 }, 200_000, 250, poll)).toBe(30_000);
    expect(nextPollDelay({ at: 0, processed: 0 }, { at: 1000, processed: 0 }, 200_000, 1000, poll)).toBe(1500);
    expect(nextPollDelay(undefined, { at: 1000, processed: 10 }, undefined, 250, poll)).toBe(375);
  });
});

describe('CSV of many rows', () => {
  it('keeps every row, in order, across blocks', () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => [`Account.F${i}__c`, i % 2 === 0]);
    const parsed = parseCsv(toCsv(['Field', 'PermissionsEdit'], rows));
    expect(parsed).toHaveLength(12_345);
    expect(parsed[5000]).toEqual({ Field: 'Account.F5000__c', PermissionsEdit: 'true' });
    expect(parsed.at(-1)).toEqual({ Field: 'Account.F12344__c', PermissionsEdit: 'true' });
    expect(parsed[4999]).toEqual({ Field: 'Account.F4999__c', PermissionsEdit: 'false' });
  });
});
