/** Reading the Cookie header and the names and attributes of our cookies. */
import type { CookieOptions, Request } from 'express';

/** Parses the Cookie header; the first occurrence of a name wins, malformed values are skipped. */
export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (cookies.has(name)) continue;
    let value = part.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A value that is not valid percent-encoding is not one of ours.
    }
  }
  return cookies;
}

/** Cookie names; behind https they get the __Host- prefix (Secure, Path=/, no Domain, enforced by browsers). */
export function cookieNames(secure: boolean): {
  session: string;
  browser: string;
  signInAttempt: string;
  reconnectLink: string;
} {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}grax_session`,
    browser: `${prefix}grax_browser`,
    signInAttempt: `${prefix}grax_signin_attempt`,
    reconnectLink: `${prefix}grax_reconnect_link`,
  };
}

/** httpOnly, SameSite=Lax (the OAuth callback is a top-level GET from Salesforce), Secure behind https. */
export function cookieOptions(secure: boolean, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}
