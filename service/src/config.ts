/**
 * The service's configuration: every environment variable, parsed and validated once at start-up. Invalid input never
 * reaches the rest of the code: `loadConfig` either returns a complete Config or throws a ConfigError holding one line
 * per problem (`NAME: what is wrong and what to do`), which `main.ts` prints before exiting.
 *
 * Demo mode is "no SF_CLIENT_ID": the service then runs against the local org emulator and generates its own secret
 * keys. Outside demo mode the client secret and the key ring are required.
 */
import path from 'node:path';
import { z } from 'zod';
import { loadOrCreateKeyFile } from './crypto/keyFile';
import { KeyRingError, parseKeyRing } from './crypto/secretBox';
import type { KeyRing } from './crypto/secretBox';
import { resolveLoginHost } from './salesforce/loginHosts';
import type { Environment } from './domain/connection';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The lowest Salesforce API version the service supports (jsforce's default 50.0 lacks resources we need). */
export const MIN_API_VERSION = 62;

/** Where the store lives. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The validated configuration. Durations are in milliseconds (`...Ms`). */
export interface Config {
  /** True when SF_CLIENT_ID is not set: the service runs against the org emulator. */
  demoMode: boolean;
  port: number;
  host: string;
  /** Origin the browser and Salesforce use to reach the service, without a trailing slash. */
  publicUrl: string;
  /** True when publicUrl is https: cookies get the Secure flag and the __Host- prefix. */
  secureCookies: boolean;
  dataDir: string;
  database: DatabaseConfig;
  salesforce: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    productionLoginUrl: string;
    sandboxLoginUrl: string;
    /** Exact origins accepted as login hosts besides Salesforce's own (tests and demo mode). */
    extraLoginOrigins: string[];
    apiVersion: string;
    maxConcurrentRequests: number;
    /** The External Client App's name as LoginHistory shows it (GRAX's own sign-ins, for the dedicated-user check). */
    clientAppName: string;
  };
  secretKeys: KeyRing;
  /** Where the key ring came from; `file` means the demo key file in DATA_DIR. */
  secretKeysSource: 'env' | 'file';
  setupToken: string | undefined;
  scanIntervalMs: number;
  /** How long a replica holds a claimed job without renewing; a killed replica's job is taken over after it. */
  jobLeaseMs: number;
  alerts: { webhookUrl: string | undefined; smtpUrl: string | undefined; adminEmails: string[] };
  logLevel: LogLevel;
  session: { idleMs: number; absoluteMs: number };
  /** Express `trust proxy`: false or the number of proxy hops in front of the service (never `true`). */
  trustProxy: false | number;
  shutdownTimeoutMs: number;
  /** Things an operator should know, to be logged at start-up. */
  warnings: string[];
}

/** Invalid configuration; `problems` holds one line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A failed check: one or more lines (without the variable name). */
class Problems {
  constructor(readonly lines: string[]) {}
}

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be between ${min} and ${max}` });
}

/** GRAX_SETUP_TOKEN: at least this many characters, and at least SETUP_TOKEN_MIN_BITS of estimated entropy. */
export const SETUP_TOKEN_MIN_LENGTH = 32;
export const SETUP_TOKEN_MIN_BITS = 128;

const schemas = {
  PORT: wholeNumber(0, 65535).default(3000),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0' })
    .default('127.0.0.1'),
  SF_CLIENT_ID: z.string().max(256, { error: 'is longer than 256 characters' }).optional(),
  SF_CLIENT_SECRET: z.string().max(256, { error: 'is longer than 256 characters' }).optional(),
  SF_API_VERSION: z
    .string()
    .regex(/^\d{2,3}\.0$/, { error: 'must look like 62.0' })
    .refine((v) => Number(v) >= MIN_API_VERSION, { error: `must be ${MIN_API_VERSION}.0 or newer` })
    .default(`${MIN_API_VERSION}.0`),
  GRAX_SETUP_TOKEN: z
    .string()
    .regex(/^\S+$/, { error: 'must not contain spaces' })
    .min(SETUP_TOKEN_MIN_LENGTH, {
      error: `must be at least ${SETUP_TOKEN_MIN_LENGTH} characters (or leave it unset to get a generated one)`,
    })
    .max(256, { error: 'is longer than 256 characters' })
    .optional(),
  SCAN_INTERVAL_MS: wholeNumber(MINUTE_MS, 30 * DAY_MS).default(6 * HOUR_MS),
  JOB_LEASE_MS: wholeNumber(1000, 10 * MINUTE_MS).default(MINUTE_MS),
  SF_MAX_CONCURRENT_REQUESTS: wholeNumber(1, 25).default(8),
  SF_CLIENT_APP_NAME: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(255, { error: 'is longer than 255 characters' })
    .default('GRAX Connect'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SESSION_IDLE_MS: wholeNumber(MINUTE_MS, DAY_MS).default(30 * MINUTE_MS),
  SESSION_ABSOLUTE_MS: wholeNumber(5 * MINUTE_MS, 7 * DAY_MS).default(12 * HOUR_MS),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 120_000).default(10_000),
};

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An absolute http(s) URL with nothing but scheme, host and port; returns its origin. */
function parseOrigin(value: string, what: string): string | Problems {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return new Problems([`"${value}" is not a URL; expected ${what}`]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return new Problems([`must start with http:// or https://`]);
  if (url.username || url.password) return new Problems(['must not contain a user name or password']);
  if (url.pathname !== '/' || url.search || url.hash) {
    return new Problems([`must be ${what} without a path, query or fragment (got "${value}")`]);
  }
  return url.origin;
}

function parseHttpUrl(value: string): string | Problems {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  return new Problems(['must be an http(s) URL']);
}

/** ADMIN_EMAIL: one address or several separated by commas. */
function parseAdminEmails(value: string): string[] | Problems {
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const wrong = addresses.filter((a) => !z.email().safeParse(a).success);
  if (addresses.length === 0 || (addresses.length === 1 && wrong.length === 1)) {
    return new Problems(['must be an email address']);
  }
  if (wrong.length > 0) {
    return new Problems([`must be email addresses separated by commas; not an address: ${wrong.join(', ')}`]);
  }
  return [...new Set(addresses)];
}

function parseSmtpUrl(value: string): string | Problems {
  try {
    const url = new URL(value);
    if (url.protocol === 'smtp:' || url.protocol === 'smtps:') return value;
  } catch {
    // reported below
  }
  return new Problems(['must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465']);
}

function parseExtraOrigins(value: string): string[] | Problems {
  const origins: string[] = [];
  const lines: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const origin = parseOrigin(entry, 'an http(s)://host:port origin');
    if (origin instanceof Problems) lines.push(...origin.lines.map((l) => `entry "${entry}": ${l}`));
    else origins.push(origin);
  }
  return lines.length > 0 ? new Problems(lines) : origins;
}

function parseDatabaseUrl(value: string): DatabaseConfig | Problems {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') return new Problems(['sqlite: needs a file path, e.g. sqlite:./data/grax.db']);
    return { kind: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
      return { kind: 'postgres', url: value };
    } catch {
      return new Problems(['is not a valid postgres:// URL']);
    }
  }
  return new Problems(['must start with sqlite: or postgres://']);
}

const MAKE_A_SETUP_TOKEN =
  'use 32 random bytes, e.g. the output of openssl rand -base64 32 (or leave it unset to get a generated one)';

/**
 * A conservative estimate of a token's entropy in bits: its length times the Shannon entropy of its own characters'
 * frequencies, so a small alphabet or a few characters used over and over count for little.
 */
export function estimatedEntropyBits(token: string): number {
  const counts = new Map<string, number>();
  for (const character of token) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...token].length;
  let perCharacter = 0;
  for (const count of counts.values()) perCharacter -= (count / length) * Math.log2(count / length);
  return Math.floor(perCharacter * length);
}

/** Why a configured setup token is too easy to guess (never quoting it), or null when it is strong enough. */
function setupTokenWeakness(token: string): string | null {
  const bits = estimatedEntropyBits(token);
  if (bits < SETUP_TOKEN_MIN_BITS) {
    return `has about ${bits} bits of entropy (estimated from its characters), at least ${SETUP_TOKEN_MIN_BITS} are needed: ${MAKE_A_SETUP_TOKEN}`;
  }
  const seen = new Set<string>();
  for (let at = 0; at + 8 <= token.length; at++) {
    const run = token.slice(at, at + 8);
    if (seen.has(run)) {
      return `repeats a run of 8 characters, so it is easier to guess than its length suggests: ${MAKE_A_SETUP_TOKEN}`;
    }
    seen.add(run);
  }
  return null;
}

function parseTrustProxy(value: string): false | number | Problems {
  if (['off', 'false', '0'].includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
  if (value.toLowerCase() === 'true') {
    return new Problems([
      '"true" would trust any X-Forwarded-For a client sends; set the number of proxies in front of GRAX Connect (e.g. 1) or off',
    ]);
  }
  return new Problems(['must be off or the number of proxies in front of GRAX Connect (1-10)']);
}

/** Checks that a configured login URL is a Salesforce login host of that environment, or an allowed extra origin. */
function checkLoginUrl(value: string, environment: Environment, extraOrigins: string[]): string | Problems {
  const origin = parseOrigin(value, 'a login host such as https://login.salesforce.com');
  if (origin instanceof Problems) return origin;
  if (extraOrigins.includes(origin)) return origin;
  const resolved = resolveLoginHost(
    { environment, myDomain: origin },
    { productionLoginUrl: origin, sandboxLoginUrl: origin, extraLoginOrigins: [] },
  );
  if (!resolved.ok) {
    return new Problems([`${resolved.problem.message} (or list ${origin} in SF_EXTRA_LOGIN_HOSTS for tests)`]);
  }
  return resolved.value.loginUrl;
}

/**
 * Parses and validates the environment. Throws ConfigError with one line per problem. In demo mode without
 * GRAX_SECRET_KEYS it creates (or reuses) a key file in DATA_DIR and adds a warning.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const warnings: string[] = [];
  const raw = (name: string) => blankToUndefined(env[name]);

  function read<T>(name: keyof typeof schemas & string): T | undefined {
    const result = schemas[name].safeParse(raw(name));
    if (result.success) return result.data as T;
    problems.push(`${name}: ${result.error.issues[0]?.message ?? 'is invalid'}`);
    return undefined;
  }
  function check<T>(name: string, fallback: string | undefined, parse: (v: string) => T | Problems): T | undefined {
    const value = raw(name) ?? fallback;
    if (value === undefined) return undefined;
    const result = parse(value);
    if (result instanceof Problems) {
      problems.push(...result.lines.map((line) => `${name}: ${line}`));
      return undefined;
    }
    return result;
  }

  const clientId = read<string | undefined>('SF_CLIENT_ID');
  const clientSecret = read<string | undefined>('SF_CLIENT_SECRET');
  const demoMode = raw('SF_CLIENT_ID') === undefined;
  const port = read<number>('PORT');
  const host = read<string>('HOST');
  const publicUrl = check('PUBLIC_URL', 'http://localhost:3000', (v) =>
    parseOrigin(v, 'an http(s) origin such as https://grax.example.com'),
  );
  const dataDir = path.resolve(raw('DATA_DIR') ?? './data');
  const database = check('DATABASE_URL', `sqlite:${path.join(dataDir, 'grax.db')}`, parseDatabaseUrl);
  const extraOrigins = check('SF_EXTRA_LOGIN_HOSTS', '', parseExtraOrigins);
  const productionLoginUrl = check('SF_PRODUCTION_LOGIN_URL', 'https://login.salesforce.com', (v) =>
    checkLoginUrl(v, 'production', extraOrigins ?? []),
  );
  const sandboxLoginUrl = check('SF_SANDBOX_LOGIN_URL', 'https://test.salesforce.com', (v) =>
    checkLoginUrl(v, 'sandbox', extraOrigins ?? []),
  );
  const apiVersion = read<string>('SF_API_VERSION');
  const setupToken = read<string | undefined>('GRAX_SETUP_TOKEN');
  const setupTokenWeak = setupToken === undefined ? null : setupTokenWeakness(setupToken);
  if (setupTokenWeak) problems.push(`GRAX_SETUP_TOKEN: ${setupTokenWeak}`);
  const scanIntervalMs = read<number>('SCAN_INTERVAL_MS');
  const jobLeaseMs = read<number>('JOB_LEASE_MS');
  const maxConcurrentRequests = read<number>('SF_MAX_CONCURRENT_REQUESTS');
  const clientAppName = read<string>('SF_CLIENT_APP_NAME');
  const logLevel = read<LogLevel>('LOG_LEVEL');
  const idleMs = read<number>('SESSION_IDLE_MS');
  const absoluteMs = read<number>('SESSION_ABSOLUTE_MS');
  const shutdownTimeoutMs = read<number>('SHUTDOWN_TIMEOUT_MS');
  const trustProxy = check('TRUST_PROXY', 'off', parseTrustProxy);
  const webhookUrl = check('ALERT_WEBHOOK_URL', undefined, parseHttpUrl);
  const smtpUrl = check('SMTP_URL', undefined, parseSmtpUrl);
  const adminEmails = check('ADMIN_EMAIL', undefined, parseAdminEmails) ?? [];

  if (!demoMode && clientSecret === undefined && !problems.some((p) => p.startsWith('SF_CLIENT_SECRET'))) {
    problems.push('SF_CLIENT_SECRET: required when SF_CLIENT_ID is set (outside demo mode)');
  }
  if (idleMs !== undefined && absoluteMs !== undefined && idleMs > absoluteMs) {
    problems.push('SESSION_IDLE_MS: must not be longer than SESSION_ABSOLUTE_MS');
  }

  const keysSpec = raw('GRAX_SECRET_KEYS');
  let secretKeys: KeyRing | undefined;
  if (keysSpec !== undefined) {
    secretKeys = parseRing('GRAX_SECRET_KEYS', keysSpec, problems);
  } else if (!demoMode) {
    problems.push(
      'GRAX_SECRET_KEYS: required when SF_CLIENT_ID is set (outside demo mode); generate a key with ' +
        `node -e "console.log('k1:' + require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  let secretKeysSource: Config['secretKeysSource'] = 'env';
  if (!secretKeys) {
    const keyFile = loadOrCreateKeyFile(dataDir);
    secretKeys = parseRing(`GRAX_SECRET_KEYS (demo key file ${keyFile.path})`, keyFile.spec, problems);
    if (problems.length > 0) throw new ConfigError(problems);
    secretKeysSource = 'file';
    warnings.push(
      `GRAX_SECRET_KEYS is not set: demo mode encrypts secrets with a key ${keyFile.created ? 'generated now' : 'generated earlier'} ` +
        `in ${keyFile.path}. Set GRAX_SECRET_KEYS before connecting a real org.`,
    );
  }
  if (!demoMode && (extraOrigins ?? []).length > 0) {
    warnings.push(
      `SF_EXTRA_LOGIN_HOSTS allows logins through ${(extraOrigins ?? []).join(', ')}; use it only for tests.`,
    );
  }

  return {
    demoMode,
    port: defined(port),
    host: defined(host),
    publicUrl: defined(publicUrl),
    secureCookies: defined(publicUrl).startsWith('https:'),
    dataDir,
    database: defined(database),
    salesforce: {
      clientId,
      clientSecret,
      productionLoginUrl: defined(productionLoginUrl),
      sandboxLoginUrl: defined(sandboxLoginUrl),
      extraLoginOrigins: defined(extraOrigins),
      apiVersion: defined(apiVersion),
      maxConcurrentRequests: defined(maxConcurrentRequests),
      clientAppName: defined(clientAppName),
    },
    secretKeys: defined(secretKeys),
    secretKeysSource,
    setupToken,
    scanIntervalMs: defined(scanIntervalMs),
    jobLeaseMs: defined(jobLeaseMs),
    alerts: { webhookUrl, smtpUrl, adminEmails },
    logLevel: defined(logLevel),
    session: { idleMs: defined(idleMs), absoluteMs: defined(absoluteMs) },
    trustProxy: defined(trustProxy),
    shutdownTimeoutMs: defined(shutdownTimeoutMs),
    warnings,
  };
}

/**
 * The config `npm start` uses in demo mode: the emulator's demo External Client App filled in, demo mode kept on.
 * Refuses a config that is not in demo mode, so real credentials are never replaced by the demo app.
 */
export function withDemoClientApp(config: Config, app: { clientId: string; clientSecret: string }): Config {
  if (!config.demoMode) throw new Error('withDemoClientApp is for demo mode only (SF_CLIENT_ID must be unset)');
  return { ...config, salesforce: { ...config.salesforce, clientId: app.clientId, clientSecret: app.clientSecret } };
}

function parseRing(label: string, spec: string, problems: string[]): KeyRing | undefined {
  try {
    return parseKeyRing(spec);
  } catch (error) {
    if (!(error instanceof KeyRingError)) throw error;
    problems.push(...error.problems.map((p) => `${label}: ${p}`));
    return undefined;
  }
}

/** Narrows a value that is known to be set once no problem was reported. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('configuration value missing after validation');
  return value;
}
