/** A connection to a Salesforce org through one integration user, the OAuth round trips that make it, and the orgs seen. */
import type { Actor } from './actor';

/** Salesforce's two kinds of login host: production (and Developer) orgs, and sandboxes. */
export type Environment = 'production' | 'sandbox';
export type ConnectionState = 'disconnected' | 'connected' | 'reauthorization_required';
/** How the connection was set up: Connect with Auto Config, or Skip Auto Config (manual setup, verified). */
export type ConnectionMode = 'auto_config' | 'manual';
/** Why an OAuth round trip was started: connect, Update, single sign-on, or re-authentication. */
export type OAuthPurpose = 'connect' | 'update' | 'sso' | 'reauth';

/** The last problem seen on a connection (e.g. a refresh failing), shown on Settings > Salesforce. */
export interface ConnectionProblem {
  code: string;
  message: string;
  at: string;
}

/** A connection to one org through one integration user. One row is active; earlier rows are history. */
export interface Connection {
  id: string;
  active: boolean;
  state: ConnectionState;
  orgId: string;
  orgName: string;
  environment: Environment;
  orgType: string | null;
  instanceUrl: string;
  loginUrl: string;
  myDomain: string | null;
  userId: string;
  username: string;
  mode: ConnectionMode;
  identityUrl: string;
  scopes: string[];
  refreshToken: string | null;
  accessToken: string | null;
  issuedAt: Date | null;
  connectedAt: Date;
  updatedAt: Date;
  lastError: ConnectionProblem | null;
}

/** An org GRAX has connected to. A refreshed sandbox appears as a new org id behind the same My Domain. */
export interface OrgSeen {
  orgId: string;
  name: string;
  instanceUrl: string;
  myDomain: string | null;
  environment: Environment | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** A pending OAuth round trip, as the callback reads it once its state is consumed. */
export interface OAuthStateRecord {
  purpose: OAuthPurpose;
  codeVerifier: string;
  environment: Environment | null;
  loginUrl: string;
  mode: ConnectionMode | null;
  expectedOrgId: string | null;
  actor: Actor | null;
  /** Local path to return to after the flow (SSO); validated by the caller. */
  returnTo: string | null;
  expiresAt: Date;
  createdAt: Date;
  usedAt: Date;
}
