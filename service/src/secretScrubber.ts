/**
 * Removes secrets from anything about to be logged or shown: values under known secret keys (at any depth) and
 * strings that look like Salesforce access tokens, refresh tokens, GRAX link keys, bearer credentials or URLs carrying
 * `code=`, `state=`, `oauth_token=` and similar parameters.
 *
 * Key matching ignores case, `-` and `_`, so `access_token`, `accessToken` and `Access-Token` are all caught. Because
 * `code` and `state` are OAuth secrets, log an error code as `errorCode` and a status as e.g. `connectionState`.
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are always secret, as written in code, headers and environment variables. */
export const SECRET_KEY_NAMES = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'codeVerifier',
  'state',
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'client_secret',
  'clientSecret',
  'secret',
  'token',
  'linkKey',
  'totp',
  'totpSecret',
  'totpCode',
  'otp',
  'setupToken',
  'sessionId',
  'csrfSecret',
  'csrfToken',
  '_csrf',
  'apiKey',
  'x-api-key',
  'oauth_token',
  'privateKey',
  'secretKeys',
  'GRAX_SECRET_KEYS',
  'SF_CLIENT_SECRET',
  'GRAX_SETUP_TOKEN',
  'SMTP_URL',
] as const;

const SECRET_KEYS = new Set<string>(SECRET_KEY_NAMES.map(normalizeKey));

const URL_SECRET_PARAMS =
  'code|state|oauth_token|access_token|refresh_token|id_token|code_verifier|client_secret|token|password|setup_token|link';

const VALUE_PATTERNS: [RegExp, string][] = [
  // Salesforce session ids / access tokens: the org id, "!", then the session part.
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, `00D${REDACTED}`],
  // Salesforce refresh tokens start with 5Aep.
  [/\b5Aep[A-Za-z0-9._=-]{20,}/g, REDACTED],
  // GRAX link keys.
  [/\bgxk_[A-Za-z0-9_-]+/g, `gxk_${REDACTED}`],
  // Bearer credentials anywhere; Basic credentials after an Authorization header name (prose says "Basic" too).
  [/\bBearer\s+[A-Za-z0-9._~+/=!-]{8,}/gi, `Bearer ${REDACTED}`],
  [/(authorization\W{0,4})Basic\s+[A-Za-z0-9+/=]+/gi, `$1Basic ${REDACTED}`],
  // Secret-bearing URL parameters (query or fragment), e.g. ?code=...&state=...
  [new RegExp(`([?&#;](?:${URL_SECRET_PARAMS})=)[^&#\\s"'<>]*`, 'gi'), `$1${REDACTED}`],
  // User info in URLs (smtps://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@"']+:[^\s/@"']+@/gi, `$1${REDACTED}@`],
];

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** True when values under this key are always secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(normalizeKey(key));
}

/** Replaces token-like substrings of a string. */
export function scrubString(text: string): string {
  return VALUE_PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

const MAX_DEPTH = 10;

/**
 * Returns a copy of `value` with secrets removed. Errors become plain objects (type, message, stack, code, cause) so
 * their messages are scrubbed too. Cycles and very deep structures are cut.
 */
export function scrubSecrets(value: unknown): unknown {
  return scrub(value, 0, new WeakSet());
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (value instanceof Date) return value;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
    const source = value instanceof Error ? errorToObject(value) : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(source)) {
      out[key] = isSecretKey(key) && inner != null ? REDACTED : scrub(inner, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorToObject(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, inner] of Object.entries(error)) {
    // An error's `code` is a machine code (ENOENT, INVALID_GRANT), not an OAuth code: keep it under errorCode.
    if (key === 'code') out.errorCode = inner;
    else out[key] = inner;
  }
  if (error.cause !== undefined) out.cause = error.cause;
  return out;
}
