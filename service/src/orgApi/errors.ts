/**
 * The org API's errors, in the words the GRAX Setup page shows to a Salesforce admin (GraxServiceClient passes
 * `message` and `actions` through unchanged). Codes and statuses are the contract in docs/org-api.md.
 */
import { AppError } from '../errors';
import type { ConnectionState } from '../domain/connection';
import type { JobKind } from '../domain/jobs';

const SETTINGS_PATH = 'GRAX > Settings > Org link';
const BEARER_CHALLENGE = 'Bearer realm="GRAX org API"';

/** No `Authorization: Bearer` header: the External Credential holds no key, or the principal is not set up. */
export function linkKeyMissing(): AppError {
  return new AppError({
    code: 'LINK_KEY_MISSING',
    kind: 'sign_in_required',
    message: 'The request carried no GRAX link key, so the GRAX service cannot tell which org is calling.',
    actions: [
      `Create a link key in ${SETTINGS_PATH} and paste it into GRAX Setup (Link this org to GRAX).`,
      'Check that External Credential GRAX_Service adds the Authorization header from principal Link.',
    ],
    headers: { 'WWW-Authenticate': BEARER_CHALLENGE },
  });
}

/** The key is malformed, unknown, revoked or expired (never said which: that would help a guesser). */
export function linkKeyInvalid(): AppError {
  return new AppError({
    code: 'LINK_KEY_INVALID',
    kind: 'sign_in_required',
    message:
      'The GRAX service does not accept this link key: it is unknown, revoked, or expired (a rotated key stops working 10 minutes after rotation, and Reset GRAX revokes every key).',
    actions: [`Create a new link key in ${SETTINGS_PATH} and paste it into GRAX Setup (Link this org to GRAX).`],
    headers: { 'WWW-Authenticate': `${BEARER_CHALLENGE}, error="invalid_token"` },
  });
}

/** The org id header is missing, not an org id, or not the org the key was issued for. */
export function orgMismatch(presented: string | null): AppError {
  return new AppError({
    code: 'ORG_MISMATCH',
    kind: 'forbidden',
    message: presented
      ? `This link key was issued for another org than the one calling (${presented}). A key works only in the org it was created for; a sandbox refresh or copy gives the org a new id.`
      : 'The request did not say which org is calling (header X-Salesforce-Org-Id is missing or not an org id).',
    actions: [`Create a link key for this org in ${SETTINGS_PATH} and paste it into GRAX Setup in this org.`],
  });
}

/** Too many calls with one key in a short time. */
export function orgApiRateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError({
    code: 'RATE_LIMITED',
    kind: 'rate_limited',
    message: 'This org called the GRAX service too often in a short time.',
    actions: [`Wait ${seconds} seconds, then try again.`],
    headers: { 'Retry-After': String(seconds) },
  });
}

/** Verify, Scan or Auto Fix needs a working connection to this org. */
export function notConnected(reason: 'disconnected' | 'reauthorization_required' | 'other_org'): AppError {
  const messages = {
    disconnected: 'GRAX is not connected to this org, so it cannot check or fix permissions.',
    reauthorization_required:
      'GRAX can no longer use its connection to this org (the token was revoked or expired), so it cannot check or fix permissions.',
    other_org: 'GRAX is connected to a different org, so it cannot check or fix permissions in this one.',
  } as const;
  return new AppError({
    code: 'NOT_CONNECTED',
    kind: 'conflict',
    message: messages[reason],
    actions: [
      'Connect GRAX to this org from GRAX Setup (Connect with Auto Config or Skip Auto Config), then try again.',
    ],
  });
}

const JOB_NAMES: Record<JobKind, string> = {
  autoconfig: 'Auto Config',
  verify: 'Verify',
  scan: 'Scan',
  autofix: 'Auto Fix',
};

/** A job of this kind is already queued or running; its id lets the page follow it. */
export function jobRunning(kind: JobKind, jobId: string): AppError {
  return new AppError({
    code: 'JOB_RUNNING',
    kind: 'conflict',
    message: `${JOB_NAMES[kind]} is already running for this org.`,
    actions: ['Wait for it to finish: GRAX Setup follows its progress.'],
    details: { jobId },
  });
}

/** A connect link was asked for while GRAX already works with this org (changing the user is an Update). */
export function alreadyConnected(): AppError {
  return new AppError({
    code: 'ALREADY_CONNECTED',
    kind: 'conflict',
    message: 'GRAX is already connected to this org.',
    actions: [
      'To connect as another integration user, sign in to GRAX and use Settings > Salesforce > Update.',
      'Reload GRAX Setup to see the connection.',
    ],
  });
}

/** A connect link was asked for while GRAX works (or last worked) with another org: changing the org is an Update. */
export function connectedToOtherOrg(state: ConnectionState): AppError {
  return new AppError({
    code: 'CONNECTED_TO_OTHER_ORG',
    kind: 'conflict',
    message:
      state === 'disconnected'
        ? 'GRAX was last connected to a different org. Connecting this org instead must be done by a GRAX admin.'
        : 'GRAX is connected to a different org. Connecting this org instead must be done by a GRAX admin.',
    actions: ['Sign in to GRAX as an admin and connect this org from the GRAX home page or Settings > Salesforce.'],
  });
}
