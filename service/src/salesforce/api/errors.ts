/**
 * Typed errors of the Salesforce API client. Every failed call becomes a SalesforceApiError carrying Salesforce's own
 * status and errorCode, so that use cases can translate it into the admin's words without parsing strings.
 */

/** One item of Salesforce's REST error body `[{message, errorCode, fields}]`. */
export interface SalesforceErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A call that Salesforce answered with an error (or that never reached Salesforce: status 0). */
export class SalesforceApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'SalesforceApiError';
  }
}

/** The org's daily API allowance is spent: Salesforce refuses every further call until it recovers. */
export class RequestLimitExceededError extends SalesforceApiError {
  constructor(message = 'TotalRequests Limit exceeded.') {
    super(403, 'REQUEST_LIMIT_EXCEEDED', message);
    this.name = 'RequestLimitExceededError';
  }
}

/** Salesforce could not be reached (connection refused or dropped, DNS, timeout). */
export function networkError(cause: unknown): SalesforceApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new SalesforceApiError(0, 'NETWORK_ERROR', `Salesforce could not be reached: ${detail}`);
}

function isErrorItem(value: unknown): value is SalesforceErrorItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.errorCode === 'string' || typeof item.statusCode === 'string';
}

/** The first error item of a REST error body, accepting both `errorCode` and the collections' `statusCode`. */
function firstErrorItem(body: unknown): SalesforceErrorItem | undefined {
  const list = Array.isArray(body) ? body : [body];
  const item = list.find(isErrorItem) as Record<string, unknown> | undefined;
  if (!item) return undefined;
  return {
    errorCode: String(item.errorCode ?? item.statusCode),
    message: typeof item.message === 'string' ? item.message : '',
    fields: Array.isArray(item.fields) ? item.fields.map(String) : [],
  };
}

/** Builds the typed error for a non-2xx answer from its status and parsed body. */
export function errorFromResponse(status: number, body: unknown): SalesforceApiError {
  const item = firstErrorItem(body);
  const errorCode = item?.errorCode ?? `HTTP_${status}`;
  const message = item?.message || `Salesforce answered HTTP ${status}.`;
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') return new RequestLimitExceededError(message);
  return new SalesforceApiError(status, errorCode, message, item?.fields ?? []);
}
