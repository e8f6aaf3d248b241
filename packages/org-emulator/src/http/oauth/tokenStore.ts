/**
 * Authorization codes, refresh tokens and access tokens (sessions) of every org, with Salesforce's rules: codes are
 * single-use and expire after 15 minutes; sessions end after the session timeout without activity; at most five
 * refresh tokens per user and app (the sixth approval revokes the oldest); revoking a refresh token ends its sessions.
 * Every expiry reads the world clock so tests move time instead of waiting.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../org/types';
import { toId15 } from '../../org/ids';

/** Who a token or code was issued to. */
export interface Grant {
  orgId: string;
  userId: string;
  clientId: string;
  scopes: string[];
}

/** An authorization code waiting to be exchanged. */
export interface AuthorizationCode extends Grant {
  code: string;
  redirectUri: string;
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

/** A refresh token. */
export interface RefreshTokenRecord extends Grant {
  token: string;
  issuedAt: number;
  /** Orders approvals issued within the same millisecond. */
  sequence: number;
  revoked: boolean;
}

/** An access token (a session). */
export interface AccessTokenRecord extends Grant {
  token: string;
  refreshToken?: string;
  issuedAt: number;
  lastUsedAt: number;
  timeoutMs: number;
  revoked: boolean;
}

/** Which tokens a control call affects; an empty filter affects nothing unless `all` is set. */
export interface TokenFilter {
  orgId?: string;
  userId?: string;
  clientId?: string;
  all?: boolean;
}

/** Authorization codes are valid for 15 minutes (UNCONFIRMED in Salesforce's docs; see the fidelity page). */
export const CODE_LIFETIME_MS = 15 * 60 * 1000;
/** Salesforce allows five refresh tokens per user per app. */
export const MAX_REFRESH_TOKENS_PER_USER_APP = 5;

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += TOKEN_ALPHABET.charAt(b % TOKEN_ALPHABET.length);
  return out;
}

function matches(grant: Grant, filter: TokenFilter): boolean {
  if (filter.all) return true;
  if (!filter.orgId && !filter.userId && !filter.clientId) return false;
  return (
    (!filter.orgId || grant.orgId === filter.orgId) &&
    (!filter.userId || grant.userId === filter.userId) &&
    (!filter.clientId || grant.clientId === filter.clientId)
  );
}

/** The token store of one emulator. */
export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private sequence = 0;

  constructor(private readonly clock: Clock) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  /** Issues an authorization code for a completed login. */
  issueCode(grant: Grant, redirectUri: string, codeChallenge: string | undefined): string {
    const code = `aPrx${randomToken(80)}`;
    this.codes.set(code, {
      ...grant,
      code,
      redirectUri,
      codeChallenge,
      expiresAt: this.now() + CODE_LIFETIME_MS,
      used: false,
    });
    return code;
  }

  /** Takes a code for exchange: undefined when unknown, used or expired. A code can be taken once. */
  takeCode(code: string): AuthorizationCode | undefined {
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresAt <= this.now()) return undefined;
    record.used = true;
    return record;
  }

  /** Issues a refresh token; when the user already holds five for this app, the oldest is revoked. */
  issueRefreshToken(grant: Grant): RefreshTokenRecord {
    const held = [...this.refreshTokens.values()]
      .filter(
        (r) => !r.revoked && r.userId === grant.userId && r.clientId === grant.clientId && r.orgId === grant.orgId,
      )
      .sort((a, b) => a.issuedAt - b.issuedAt || a.sequence - b.sequence);
    for (const old of held.slice(0, Math.max(0, held.length - MAX_REFRESH_TOKENS_PER_USER_APP + 1))) {
      this.revokeRefreshToken(old.token);
    }
    const record: RefreshTokenRecord = {
      ...grant,
      scopes: [...grant.scopes],
      token: `5Aep861${randomToken(80)}`,
      issuedAt: this.now(),
      sequence: ++this.sequence,
      revoked: false,
    };
    this.refreshTokens.set(record.token, record);
    return record;
  }

  /** Issues an access token (a new session). */
  issueAccessToken(grant: Grant, timeoutMs: number, refreshToken?: string): AccessTokenRecord {
    const now = this.now();
    const record: AccessTokenRecord = {
      ...grant,
      scopes: [...grant.scopes],
      token: `${toId15(grant.orgId)}!AQ${randomToken(94)}`,
      refreshToken,
      issuedAt: now,
      lastUsedAt: now,
      timeoutMs,
      revoked: false,
    };
    this.accessTokens.set(record.token, record);
    return record;
  }

  /** A live refresh token, or undefined. */
  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    return record && !record.revoked ? record : undefined;
  }

  /** A live session for this token, or undefined; using a session keeps it alive (inactivity timeout). */
  useAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (!record || record.revoked) return undefined;
    const now = this.now();
    if (now - record.lastUsedAt >= record.timeoutMs) return undefined;
    record.lastUsedAt = now;
    return record;
  }

  /** True when the string is a token this store issued, live or not (revoke tells unknown from invalid). */
  knows(token: string): boolean {
    return this.accessTokens.has(token) || this.refreshTokens.has(token);
  }

  /** Revokes one session. Returns false when it was not live. */
  revokeAccessToken(token: string): boolean {
    const record = this.accessTokens.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    return true;
  }

  /** Revokes a refresh token and every session issued from it. Returns false when it was not live. */
  revokeRefreshToken(token: string): boolean {
    const record = this.refreshTokens.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    for (const access of this.accessTokens.values()) {
      if (access.refreshToken === token) access.revoked = true;
    }
    return true;
  }

  /** Live refresh tokens of a user for an app, oldest first (for tests and stats). */
  liveRefreshTokens(userId: string, clientId: string): RefreshTokenRecord[] {
    return [...this.refreshTokens.values()]
      .filter((r) => !r.revoked && r.userId === userId && r.clientId === clientId)
      .sort((a, b) => a.sequence - b.sequence);
  }

  /** Ends matching sessions as a session timeout would; refresh tokens stay usable. Returns how many. */
  expireSessions(filter: TokenFilter): number {
    let count = 0;
    for (const access of this.accessTokens.values()) {
      if (!access.revoked && matches(access, filter)) {
        access.lastUsedAt = this.now() - access.timeoutMs;
        count++;
      }
    }
    return count;
  }

  /** Revokes matching refresh tokens and sessions. Returns how many tokens were revoked. */
  revokeMatching(filter: TokenFilter): number {
    let count = 0;
    for (const refresh of this.refreshTokens.values()) {
      if (matches(refresh, filter) && this.revokeRefreshToken(refresh.token)) count++;
    }
    for (const access of this.accessTokens.values()) {
      if (matches(access, filter) && this.revokeAccessToken(access.token)) count++;
    }
    return count;
  }

  /** Forgets everything (emulator reset). */
  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }
}
