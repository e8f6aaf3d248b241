/**
 * Proof at Salesforce's side that an authorization is gone: the demo's stored refresh token is read from its DATA_DIR
 * (SQLite, decrypted with the demo key file, as `npm run secrets:reencrypt` opens the store), and the emulator's token
 * endpoint is asked to refresh with it, exactly as GRAX or anyone holding the token would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseKeyRing, SecretBox } from '@service/crypto/secretBox';
import { openStore } from '@service/store/openStore';
import { DEMO_CLIENT_APP } from '@grax-connect/org-emulator';

/** The active connection's refresh token in a demo DATA_DIR (null when none is stored). */
export async function storedRefreshToken(dataDir: string): Promise<string | null> {
  const spec = readFileSync(path.join(dataDir, 'secret-keys'), 'utf8').trim();
  const store = await openStore({
    database: { kind: 'sqlite', path: path.join(dataDir, 'grax.db') },
    secretBox: new SecretBox(parseKeyRing(spec)),
  });
  try {
    return (await store.connections.getActive())?.refreshToken ?? null;
  } finally {
    await store.close();
  }
}

/** Salesforce's answer to a refresh_token grant with the demo app's credentials. */
export interface RefreshAnswer {
  status: number;
  /** `error` of an OAuth error body (e.g. invalid_grant), or null on success. */
  error: string | null;
}

/** Asks the login host to refresh `refreshToken` for the demo External Client App. */
export async function refreshAt(loginUrl: string, refreshToken: string): Promise<RefreshAnswer> {
  const response = await fetch(new URL('/services/oauth2/token', loginUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEMO_CLIENT_APP.clientId,
      client_secret: DEMO_CLIENT_APP.clientSecret,
    }).toString(),
  });
  const body = (await response.json()) as { error?: string };
  return { status: response.status, error: body.error ?? null };
}
