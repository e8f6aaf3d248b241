/**
 * Translates Salesforce errors into the admin's words with the next step, per item ("Object permission Invoice__c")
 * and for a whole run. The wording is the product's: say what happened and what to do next, never a stack trace.
 */
import { RequestLimitExceededError, SalesforceApiError } from '../../salesforce/apiClient';

/** One item Auto Config or Auto Fix could not write, in the admin's words. */
export interface ItemFailure {
  /** What was being written, e.g. "Permission set GRAX Integration User" or "Field permission Account.Rating". */
  item: string;
  errorCode: string;
  message: string;
  nextStep: string;
}

/** What to do when the connected user lacks the rights Auto Config needs. */
export const NEEDS_ADMIN_USER =
  'Connect as a user with Manage Profiles and Permission Sets and Assign Permission Sets, or choose Skip Auto Config.';

const RUN_AGAIN = 'Run Auto Config again: it re-reads the org and continues where it stopped.';

/** The admin wording of a Salesforce error while writing `item` (kind: what kind of write it was). */
export function describeFailure(
  item: string,
  kind: 'createSet' | 'updateSet' | 'assign' | 'objectPermission' | 'fieldPermission' | 'linkKey' | 'read',
  errorCode: string,
  message: string,
): ItemFailure {
  const base = { item, errorCode };
  if (/licen[cs]e/i.test(message)) {
    return {
      ...base,
      message: `${item}: the integration user's license does not allow it (${message})`,
      nextStep:
        'Give the integration user a Salesforce license, or delete the GRAX permission set tied to another license in Setup > Permission Sets, then run Auto Config again.',
    };
  }
  if (/INSUFFICIENT_ACCESS|INSUFFICIENT_PRIVILEGES/.test(errorCode)) {
    const what =
      kind === 'assign'
        ? 'assign permission sets'
        : kind === 'linkKey'
          ? 'edit the GRAX_Service External Credential'
          : kind === 'read'
            ? 'read permission sets'
            : 'create or edit permission sets';
    return {
      ...base,
      message: `${item}: the connected user cannot ${what}.`,
      nextStep:
        kind === 'linkKey'
          ? 'Grant Manage Named Credentials to the integration user, or paste the link key on the GRAX Setup page yourself.'
          : NEEDS_ADMIN_USER,
    };
  }
  if (errorCode === 'FIELD_INTEGRITY_EXCEPTION' && /depends on/i.test(message)) {
    // Running again would fail the same way: the admin grants what Salesforce names.
    return {
      ...base,
      message: `${item}: Salesforce requires other permissions first (${message}).`,
      nextStep:
        'Enable the permissions Salesforce names on the same permission set in Setup > Permission Sets, then run Auto Config again.',
    };
  }
  if (errorCode === 'DUPLICATE_VALUE') {
    return { ...base, message: `${item} already exists (${message}).`, nextStep: RUN_AGAIN };
  }
  return { ...base, message: `${item}: ${message || errorCode}`, nextStep: RUN_AGAIN };
}

/** A run-level failure for the job record: what happened and what to do next. */
export interface RunFailure {
  code: string;
  message: string;
  actions: string[];
}

/** The admin wording of an error that stopped a whole run. */
export function describeRunFailure(error: unknown, what: string): RunFailure {
  if (error instanceof RequestLimitExceededError) {
    return {
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: `${what} stopped: the org's daily API allowance is used up, so Salesforce refuses every call.`,
      actions: [
        'Run it again once the allowance recovers (Salesforce counts calls over the last 24 hours); it continues where it stopped.',
      ],
    };
  }
  if (error instanceof SalesforceApiError) {
    if (error.errorCode === 'INVALID_SESSION_ID' || error.errorCode === 'INVALID_GRANT') {
      const inactive = /inactive user/i.test(error.message);
      return {
        code: 'SESSION_INVALID',
        message: inactive
          ? `${what} stopped: the integration user was deactivated in Salesforce, so GRAX's session no longer works.`
          : `${what} stopped: GRAX's Salesforce session is no longer valid (the token was revoked or expired).`,
        actions: inactive
          ? ['Reactivate the integration user (Setup > Users), then reconnect in Settings > Salesforce with Update.']
          : ['Reconnect in Settings > Salesforce with Update.'],
      };
    }
    if (error.errorCode === 'API_DISABLED_FOR_ORG') {
      return {
        code: 'API_DISABLED',
        message: `${what} stopped: the integration user cannot use the Salesforce API (API Enabled is off).`,
        actions: ['Enable API Enabled for the integration user (profile or permission set), then run it again.'],
      };
    }
    if (error.status === 0) {
      return {
        code: 'SALESFORCE_UNREACHABLE',
        message: `${what} stopped: ${error.message}`,
        actions: ['Run it again later.'],
      };
    }
    if (/INSUFFICIENT_ACCESS|INVALID_TYPE/.test(error.errorCode)) {
      return {
        code: 'NOT_PERMITTED',
        message: `${what} stopped: the connected user cannot read or change permission sets (${error.message}).`,
        actions: [NEEDS_ADMIN_USER],
      };
    }
    return {
      code: error.errorCode,
      message: `${what} stopped: Salesforce answered ${error.errorCode}: ${error.message}`,
      actions: ['Run it again: it re-reads the org and continues where it stopped.'],
    };
  }
  if (error instanceof RunRefusal) return { code: error.code, message: error.message, actions: error.actions };
  if (isExplained(error)) return { code: error.code, message: error.message, actions: error.actions };
  return {
    code: 'INTERNAL',
    message: `${what} stopped because of an unexpected error in GRAX Connect.`,
    actions: ['Run it again; if it fails again, contact GRAX support with the time of the failure.'],
  };
}

/** An error that already says what happened and what to do (the service's AppError shape). */
function isExplained(error: unknown): error is RunFailure {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: unknown; actions?: unknown };
  return typeof e.code === 'string' && Array.isArray(e.actions) && e.actions.every((a) => typeof a === 'string');
}

/** Why the connection stopped working, from the token provider's error when renewing the session failed. */
export function describeRefreshFailure(cause: unknown, what: string): RunFailure {
  if (isExplained(cause)) return { code: cause.code, message: cause.message, actions: cause.actions };
  const detail = cause instanceof Error ? cause.message : String(cause);
  return describeRunFailure(new SalesforceApiError(401, 'INVALID_GRANT', detail), what);
}

/** A run that refused to start (e.g. the connected user lacks the rights), with the admin's next step. */
export class RunRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly actions: string[],
  ) {
    super(message);
    this.name = 'RunRefusal';
  }
}
