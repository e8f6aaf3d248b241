/**
 * The one error type a person ever sees, and the catalogue of named errors.
 *
 * An AppError says what happened (`message`) and what to do next (`actions`), in the product's words. Use cases throw
 * them through the named constructors below, or their own next to their code, giving a `kind` in their own terms;
 * only this file turns a kind into an HTTP status. The error middleware (`http/errorHandler.ts`) renders them: an SLDS
 * page for browser routes, `{"error": {...}}` JSON for `/api/*`.
 */

/** A problem with one input field, for the form (error text next to the field) and the JSON `fields` list. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What kind of failure an error is, in the use case's terms; this file alone turns a kind into an HTTP status, so use
 * cases never see status codes.
 */
export type ErrorKind =
  | 'invalid_input'
  | 'sign_in_required'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'rate_limited'
  | 'internal'
  | 'upstream_failed'
  | 'unavailable';

const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  sign_in_required: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
};

/** The kinds of the 4xx statuses the HTTP layer may meet in a framework error. */
export const CLIENT_ERROR_KINDS: Readonly<Record<number, ErrorKind>> = Object.fromEntries(
  Object.entries(HTTP_STATUS)
    .filter(([, status]) => status >= 400 && status < 500)
    .map(([kind, status]) => [status, kind as ErrorKind]),
);

/** What an AppError is made of. */
export interface AppErrorInit {
  /** Stable machine-readable code, e.g. `CSRF_FAILED`. */
  code: string;
  kind: ErrorKind;
  /** What happened, in a sentence a Salesforce admin understands. */
  message: string;
  /** What to do next, one sentence per action. */
  actions?: string[];
  fields?: FieldProblem[];
  /** Short page title for the HTML error page; defaults to a title derived from the status. */
  title?: string;
  /** Extra JSON members of `error` (e.g. `jobId`); never secrets. */
  details?: Record<string, string | number | boolean | null>;
  /** Response headers to send with the error (e.g. Retry-After). */
  headers?: Record<string, string>;
  /** The error this one translates (e.g. a SalesforceApiError): logged with it, never shown to the person. */
  cause?: unknown;
}

/** An error meant for a person: safe to show, with next steps. */
export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  /** The status the error middleware answers with (from the kind). */
  readonly httpStatus: number;
  readonly actions: string[];
  readonly fields: FieldProblem[] | undefined;
  readonly title: string | undefined;
  readonly details: Record<string, string | number | boolean | null>;
  readonly headers: Record<string, string>;

  constructor(init: AppErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AppError';
    this.code = init.code;
    this.kind = init.kind;
    this.httpStatus = HTTP_STATUS[init.kind];
    this.actions = init.actions ?? [];
    this.fields = init.fields;
    this.title = init.title;
    this.details = init.details ?? {};
    this.headers = init.headers ?? {};
  }
}

/** The same error, recording what it translates so the log keeps the detail (the person still sees only `error`). */
export function withCause(error: AppError, cause: unknown): AppError {
  const { code, kind, message, actions, fields, title, details, headers } = error;
  return new AppError({ code, kind, message, actions, fields, title, details, headers, cause });
}

/** One form field failed validation; `hint` says what a valid value looks like. */
export function invalidFormField(field: string, hint: string): AppError {
  return invalidInput([{ field, message: hint }]);
}

/** Several inputs failed validation (forms and JSON bodies alike). */
export function invalidInput(fields: FieldProblem[]): AppError {
  const names = fields.map((f) => f.field).join(', ');
  return new AppError({
    code: 'INVALID_REQUEST',
    kind: 'invalid_input',
    title: 'Check the form',
    message: fields.length === 1 ? (fields[0]?.message ?? 'A value is invalid.') : `Some values are invalid: ${names}.`,
    actions: ['Correct the highlighted values and submit again.'],
    fields,
  });
}

/** The request body is not well-formed JSON or form data. */
export function malformedBody(): AppError {
  return new AppError({
    code: 'MALFORMED_BODY',
    kind: 'invalid_input',
    title: 'Unreadable request',
    message: 'The request body could not be read: it is not valid JSON or form data.',
    actions: ['Send a valid body with a matching Content-Type header.'],
  });
}

/** The request body is larger than the service accepts. */
export function payloadTooLarge(limitBytes: number): AppError {
  return new AppError({
    code: 'PAYLOAD_TOO_LARGE',
    kind: 'too_large',
    title: 'Request too large',
    message: `The request was larger than ${Math.round(limitBytes / 1024)} kB, the most GRAX Connect accepts.`,
    actions: ['Go back, shorten what you entered, and submit again.'],
  });
}

/** A state-changing form arrived without a valid CSRF token. */
export function csrfFailed(): AppError {
  return new AppError({
    code: 'CSRF_FAILED',
    kind: 'forbidden',
    title: 'Form expired',
    message:
      'This form could not be accepted because its security token is missing or out of date ' +
      '(the page may have been open for a long time, or you signed in or out in another tab).',
    actions: ['Go back, reload the page, and submit the form again.'],
  });
}

/** No page or API resource at this address. */
export function notFound(): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    kind: 'not_found',
    title: 'Page not found',
    message: 'There is nothing at this address.',
    actions: ['Check the address, or start again from the GRAX Connect home page.'],
  });
}

/** The page needs a signed-in user (the session is missing or expired). */
export function signInRequired(): AppError {
  return new AppError({
    code: 'SIGN_IN_REQUIRED',
    kind: 'sign_in_required',
    title: 'Sign in required',
    message: 'You need to sign in to GRAX Connect to see this page (sessions end after a period of inactivity).',
    actions: ['Sign in, then open the page again.'],
  });
}

/** The signed-in user's role does not allow this action. */
export function forbidden(what: string): AppError {
  return new AppError({
    code: 'FORBIDDEN',
    kind: 'forbidden',
    title: 'Not allowed',
    message: `Your GRAX Connect role does not allow you to ${what}.`,
    actions: ['Ask a GRAX admin to do it, or to give you the admin role.'],
  });
}

/** A sensitive action (Update, Reset, changing the org) needs a fresh sign-in. */
export function reauthRequired(): AppError {
  return new AppError({
    code: 'REAUTH_REQUIRED',
    kind: 'forbidden',
    title: 'Confirm it is you',
    message: 'This action changes how GRAX reaches your org, so it needs a sign-in from the last 5 minutes.',
    actions: ['Sign in again, then repeat the action.'],
  });
}

/** Too many attempts in a short time. */
export function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new AppError({
    code: 'RATE_LIMITED',
    kind: 'rate_limited',
    title: 'Too many attempts',
    message: 'There were too many attempts from your network in a short time.',
    actions: [`Wait ${wait}, then try again.`],
    headers: { 'Retry-After': String(seconds) },
  });
}

/** Anything unexpected; `errorId` is also in the log line, so the operator can find the cause. */
export function internalError(errorId: string): AppError {
  return new AppError({
    code: 'INTERNAL_ERROR',
    kind: 'internal',
    title: 'Something went wrong',
    message: `GRAX Connect hit an unexpected error (reference ${errorId}). Nothing about it was shown to protect your data.`,
    actions: ['Try again. If it happens again, give the reference to your GRAX operator.'],
    details: { errorId },
  });
}
