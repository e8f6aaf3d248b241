/**
 * Types shared by every part of the emulator's HTTP layer: which host a listener plays, what a handler receives and
 * what it answers. Handlers return an HttpResult instead of writing to the socket so that composite and batch
 * requests can run the same handlers in process.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestBody } from './requestBody';

/**
 * The Salesforce host a listener plays: a login host (login.salesforce.com or test.salesforce.com) or one org's
 * My Domain / instance host.
 */
export type HostRole = { kind: 'login'; loginHost: 'production' | 'sandbox' } | { kind: 'instance'; orgId: string };

/** One HTTP request as the handlers see it. */
export interface IncomingCall {
  method: string;
  /** Path with repeated slashes collapsed (`//services/data` is served as `/services/data`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: RequestBody;
  role: HostRole;
  /** Base URL of the listener that received the call, e.g. http://127.0.0.1:3001. */
  baseUrl: string;
  remoteAddress: string;
}

/** What a handler answers. `body` is already serialised. */
export interface HttpResult {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
