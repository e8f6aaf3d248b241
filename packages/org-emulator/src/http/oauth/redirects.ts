/**
 * The two ways the authorize endpoint answers a problem: a redirect to the client's callback with `error` and
 * `error_description` (when the callback is known to be the app's), or a redirect to Salesforce's own error page
 * (RemoteAccessErrorPage) when the client cannot be trusted with the answer (unknown client, wrong redirect_uri).
 */
import { redirectResult } from '../core/results';
import type { HttpResult, IncomingCall } from '../core/httpTypes';

/** Path of Salesforce's OAuth error page on the login or My Domain host. */
export const OAUTH_ERROR_PAGE_PATH = '/setup/secur/RemoteAccessErrorPage.apexp';

function encode(params: Record<string, string | null | undefined>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** Redirects the browser to the client's callback with these parameters added to its query. */
export function redirectToClient(redirectUri: string, params: Record<string, string | null | undefined>): HttpResult {
  const separator = redirectUri.includes('?') ? '&' : '?';
  return redirectResult(`${redirectUri}${separator}${encode(params)}`);
}

/** Redirects the browser to Salesforce's OAuth error page on the same host. */
export function redirectToErrorPage(call: IncomingCall, error: string, description: string): HttpResult {
  return redirectResult(`${call.baseUrl}${OAUTH_ERROR_PAGE_PATH}?${encode({ error, error_description: description })}`);
}
