/** The link between an org and GRAX: link keys the org's Apex calls the org API with, and one-time connect links. */
import type { Actor } from './actor';
import type { ConnectionMode, Environment } from './connection';

/** An org-API credential bound to one org id (its secret is stored hashed). */
export interface LinkKey {
  keyId: string;
  orgId: string;
  createdBy: Actor;
  createdAt: Date;
  rotatedFrom: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A one-time URL the in-org page opens to start OAuth, bound to the org that asked for it. */
export interface ConnectLink {
  orgId: string;
  environment: Environment;
  mode: ConnectionMode;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}
