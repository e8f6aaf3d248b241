/**
 * The token in a connect link URL. It names what it is for (org, environment, mode, the link key it was issued to,
 * expiry) under an HMAC, so the page behind the link can show the org and the mode before anything is consumed and a
 * forged token is refused without a database lookup; the store's row (by hash) makes it single-use. 32 random bytes
 * keep every token unguessable even for the same org and minute.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual, randomToken } from '../crypto/random';
import type { ConnectionMode, Environment } from '../domain/connection';

const PREFIX = 'cl_';
const MAX_TOKEN_LENGTH = 512;
const TOKEN_SHAPE = /^cl_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/** What a connect link is bound to. */
export interface ConnectLinkClaims {
  orgId: string;
  environment: Environment;
  mode: ConnectionMode;
  /** The link key the link was issued to; the link dies with it. */
  keyId: string;
  expiresAt: Date;
}

interface Payload {
  o: string;
  e: Environment;
  m: ConnectionMode;
  k: string;
  x: number;
  n: string;
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(`grax-connect connect-link v1:${body}`).digest('base64url');
}

/** Makes a new token for the claims. */
export function createConnectLinkToken(key: Buffer, claims: ConnectLinkClaims): string {
  const payload: Payload = {
    o: claims.orgId,
    e: claims.environment,
    m: claims.mode,
    k: claims.keyId,
    x: claims.expiresAt.getTime(),
    n: randomToken(32),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${PREFIX}${body}.${sign(key, body)}`;
}

/** The claims of a token this service signed, or null for anything else (malformed, forged, truncated). */
export function readConnectLinkToken(key: Buffer, token: string): ConnectLinkClaims | null {
  if (token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return null;
  const [body = '', signature = ''] = token.slice(PREFIX.length).split('.');
  if (!constantTimeEqual(sign(key, body), signature)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    if (
      typeof payload.o !== 'string' ||
      (payload.e !== 'production' && payload.e !== 'sandbox') ||
      (payload.m !== 'auto_config' && payload.m !== 'manual') ||
      typeof payload.k !== 'string' ||
      typeof payload.x !== 'number'
    ) {
      return null;
    }
    return {
      orgId: payload.o,
      environment: payload.e,
      mode: payload.m,
      keyId: payload.k,
      expiresAt: new Date(payload.x),
    };
  } catch {
    return null;
  }
}
