/**
 * What sign-in needs to know about GRAX's connection to Salesforce: which org is connected (SSO accepts users of that
 * org only, and signs them in through its My Domain), which user is the integration user (an individual signing in as
 * it gets a warning), whether the connection works, and an API client that acts as the integration user (roles are
 * read with its token, never with the individual's). The connection flows provide it; sign-in never changes it.
 */
import type { SalesforceClient } from '../salesforce/apiClient';
import type { ConnectionState, Environment } from '../store/types';

/** The active integration connection, as sign-in sees it. */
export interface IntegrationConnection {
  orgId: string;
  orgName: string;
  environment: Environment;
  /** The org's instance URL (its My Domain in current orgs), used as the SSO login host when it is one. */
  instanceUrl: string;
  /** The login host the connection was made through (fallback SSO login host). */
  loginUrl: string;
  /** The integration user's Salesforce user id. */
  userId: string;
  state: ConnectionState;
  /** An API client acting as the integration user. */
  client(): SalesforceClient;
}

/** Looks up the active connection; null when GRAX was never connected. */
export type ActiveConnectionSource = () => Promise<IntegrationConnection | null>;

/** True when two Salesforce ids name the same record (15- and 18-character forms compare equal). */
export function sameSalesforceId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return a.slice(0, 15) === b.slice(0, 15);
}
