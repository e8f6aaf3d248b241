/**
 * Builds the Salesforce login URL for a connection from what an admin typed: an environment and an optional My Domain.
 *
 * The browser only ever sends "production / sandbox / a My Domain"; the server builds the URL itself from explicit host
 * patterns (never a suffix match such as `.force.com`), so no input can point the OAuth flow at a host that is not a
 * Salesforce login host, except the origins an operator listed in `SF_EXTRA_LOGIN_HOSTS` (tests, the demo emulator).
 */

import type { Environment } from '../domain/connection';

/** The kind of org a My Domain host says it belongs to. */
export type MyDomainKind = 'production' | 'sandbox' | 'developer' | 'scratch' | 'government';

/** Where logins go when no My Domain is given, plus the test-only allow list. */
export interface LoginHostPolicy {
  productionLoginUrl: string;
  sandboxLoginUrl: string;
  /** Exact origins (`http://127.0.0.1:3001`) accepted as login hosts; for tests and demo mode only. */
  extraLoginOrigins: readonly string[];
}

/** A login URL the OAuth flow may use. */
export interface ResolvedLogin {
  environment: Environment;
  /** Origin of the login host, no trailing slash, e.g. `https://acme.my.salesforce.com`. */
  loginUrl: string;
  /** The My Domain host when one was given, else null. */
  myDomainHost: string | null;
  kind: MyDomainKind | null;
}

/** Why an input was refused, naming the form field so the page can mark it. */
export interface LoginHostProblem {
  field: 'environment' | 'myDomain';
  message: string;
}

export type LoginHostResult = { ok: true; value: ResolvedLogin } | { ok: false; problem: LoginHostProblem };

const NAME = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SANDBOX_NAME = `${NAME}--[a-z0-9]{1,40}`;

/**
 * The only host shapes accepted as My Domains. Each maps a host (login host or Lightning UI host) to its login host.
 * Order matters only for readability: the patterns are anchored and mutually exclusive.
 */
const HOST_PATTERNS: { pattern: RegExp; kind: MyDomainKind; toLoginHost: (name: string) => string }[] = [
  {
    pattern: new RegExp(`^(${SANDBOX_NAME})\\.sandbox\\.(?:my\\.salesforce|lightning\\.force)\\.com$`),
    kind: 'sandbox',
    toLoginHost: (n) => `${n}.sandbox.my.salesforce.com`,
  },
  {
    pattern: new RegExp(`^(${NAME})\\.develop\\.(?:my\\.salesforce|lightning\\.force)\\.com$`),
    kind: 'developer',
    toLoginHost: (n) => `${n}.develop.my.salesforce.com`,
  },
  {
    pattern: new RegExp(`^(${NAME})\\.scratch\\.(?:my\\.salesforce|lightning\\.force)\\.com$`),
    kind: 'scratch',
    toLoginHost: (n) => `${n}.scratch.my.salesforce.com`,
  },
  {
    pattern: new RegExp(`^(${NAME})\\.(?:my\\.salesforce|lightning\\.force)\\.com$`),
    kind: 'production',
    toLoginHost: (n) => `${n}.my.salesforce.com`,
  },
  {
    pattern: new RegExp(`^(${NAME})\\.(?:my\\.salesforce|lightning\\.crmforce)\\.mil$`),
    kind: 'government',
    toLoginHost: (n) => `${n}.my.salesforce.mil`,
  },
];

/** Environments whose logins a My Domain kind belongs to (scratch orgs and sandboxes sign in through test.salesforce.com). */
const KIND_ENVIRONMENT: Record<MyDomainKind, Environment> = {
  production: 'production',
  developer: 'production',
  government: 'production',
  sandbox: 'sandbox',
  scratch: 'sandbox',
};

const GENERIC_LOGIN_HOSTS = new Map<string, Environment>([
  ['login.salesforce.com', 'production'],
  ['test.salesforce.com', 'sandbox'],
]);

const MAX_INPUT_LENGTH = 2048;

function fail(field: LoginHostProblem['field'], message: string): LoginHostResult {
  return { ok: false, problem: { field, message } };
}

/** Parses the Environment select's value. */
function parseEnvironment(value: unknown): Environment | null {
  return value === 'production' || value === 'sandbox' ? value : null;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Turns what the admin typed into a URL, or null when it cannot be one. A bare name (`acme`, `acme--uat`) becomes the
 * matching My Domain host for the chosen environment.
 */
function toUrl(input: string, environment: Environment): URL | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(input) && !/^https?:\/\//i.test(input)) return null;
  if (/^https?:\/\//i.test(input)) {
    try {
      return new URL(input);
    } catch {
      return null;
    }
  }
  const lower = input.toLowerCase();
  if (new RegExp(`^${SANDBOX_NAME}$`).test(lower)) return new URL(`https://${lower}.sandbox.my.salesforce.com`);
  if (new RegExp(`^${NAME}$`).test(lower) && !lower.includes('--')) {
    return environment === 'sandbox' ? null : new URL(`https://${lower}.my.salesforce.com`);
  }
  if (/^[a-z0-9.-]+(?::\d+)?(?:\/.*)?$/i.test(input)) {
    try {
      return new URL(`https://${input}`);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Resolves the login URL for an environment and an optional My Domain (a name, a My Domain host, an enhanced sandbox,
 * developer or scratch host, or a pasted Lightning URL). Never follows a suffix: only the explicit patterns above and
 * the configured extra origins are accepted.
 */
export function resolveLoginHost(
  input: { environment: unknown; myDomain?: unknown },
  policy: LoginHostPolicy,
): LoginHostResult {
  const environment = parseEnvironment(input.environment);
  if (!environment) return fail('environment', 'Choose Production or Sandbox as the Environment.');

  const raw = typeof input.myDomain === 'string' ? input.myDomain.trim() : '';
  if (input.myDomain !== undefined && typeof input.myDomain !== 'string') {
    return fail('myDomain', 'My Domain must be text, for example acme or acme.my.salesforce.com.');
  }
  if (raw === '') {
    const loginUrl = environment === 'production' ? policy.productionLoginUrl : policy.sandboxLoginUrl;
    return { ok: true, value: { environment, loginUrl: originOf(loginUrl), myDomainHost: null, kind: null } };
  }
  if (raw.length > MAX_INPUT_LENGTH) return fail('myDomain', 'My Domain is too long: paste only the address.');

  const url = toUrl(raw, environment);
  if (!url) {
    if (environment === 'sandbox' && new RegExp(`^${NAME}$`).test(raw.toLowerCase())) {
      return fail(
        'myDomain',
        `For a sandbox, enter the sandbox My Domain such as ${raw.toLowerCase()}--uat or ` +
          `${raw.toLowerCase()}--uat.sandbox.my.salesforce.com, or leave My Domain empty.`,
      );
    }
    return fail(
      'myDomain',
      'My Domain must be a Salesforce My Domain such as acme, acme.my.salesforce.com or ' +
        'acme--uat.sandbox.my.salesforce.com (a Lightning address such as acme.lightning.force.com also works).',
    );
  }

  const extra = policy.extraLoginOrigins.find((o) => o === url.origin);
  if (extra) return { ok: true, value: { environment, loginUrl: extra, myDomainHost: url.host, kind: null } };

  if (url.protocol !== 'https:' || url.username || url.password || url.port) {
    return fail('myDomain', 'My Domain must be an https Salesforce address without a port or user name.');
  }
  const host = url.hostname.toLowerCase();
  const generic = GENERIC_LOGIN_HOSTS.get(host);
  if (generic) {
    if (generic !== environment) return fail('myDomain', mismatch(host, generic));
    return { ok: true, value: { environment, loginUrl: `https://${host}`, myDomainHost: null, kind: null } };
  }
  for (const { pattern, kind, toLoginHost } of HOST_PATTERNS) {
    const match = pattern.exec(host);
    if (!match?.[1]) continue;
    const expected = KIND_ENVIRONMENT[kind];
    if (expected !== environment) return fail('myDomain', mismatch(host, expected));
    const loginHost = toLoginHost(match[1]);
    return { ok: true, value: { environment, loginUrl: `https://${loginHost}`, myDomainHost: loginHost, kind } };
  }
  return fail(
    'myDomain',
    `${host} is not a Salesforce My Domain. Use the address from Setup > My Domain, such as acme.my.salesforce.com.`,
  );
}

function mismatch(host: string, expected: Environment): string {
  const label = expected === 'production' ? 'Production' : 'Sandbox';
  return `${host} belongs to a ${expected} org: choose ${label} as the Environment.`;
}
