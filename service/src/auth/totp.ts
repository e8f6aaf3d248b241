/**
 * Time-based one-time passwords (RFC 6238) for local users, with otplib: SHA-1, 6 digits, 30-second steps, and one
 * step of tolerance either side for clock drift. `matchingStep` says which time step a code belongs to, so the caller
 * can refuse a second use of the same code (see localUsersLogin.ts). Also builds the enrolment QR code as a data: URL
 * (the CSP allows `img-src data:`), so no secret ever leaves the page as a separate request.
 */
import { authenticator } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted before and after the current one. */
export const TOTP_WINDOW = 1;
/** Issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'GRAX Connect';

function authenticatorAt(now: Date) {
  return authenticator.clone({
    step: TOTP_STEP_SECONDS,
    digits: TOTP_DIGITS,
    window: TOTP_WINDOW,
    epoch: now.getTime(),
  });
}

/** A new random secret (160 bits, base32), as authenticator apps expect. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The time step (30-second counter) of an instant. */
export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The time step the code was generated for, when it is valid at `now` (current step, or one step either side);
 * null for a wrong or malformed code.
 */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const digits = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) return null;
  const delta = authenticatorAt(now).checkDelta(digits, secret);
  return delta === null ? null : totpStepAt(now) + delta;
}

/** The code an authenticator app shows at `now` (tests and the enrolment self-check use it). */
export function totpCodeAt(secret: string, now: Date): string {
  return authenticatorAt(now).generate(secret);
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpKeyUri(secret: string, username: string): string {
  return authenticatorAt(new Date()).keyuri(username, TOTP_ISSUER, secret);
}

/** The QR code of the otpauth:// URI as a PNG data: URL. */
export function totpQrDataUrl(keyUri: string): Promise<string> {
  return QRCode.toDataURL(keyUri, { errorCorrectionLevel: 'M', margin: 1, width: 200 });
}

/** The secret in groups of four characters, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
