/**
 * The service's structured logger: pino, JSON lines on stdout, level from LOG_LEVEL.
 *
 * Secrets are removed in three layers: pino `redact` paths for known keys (top level and one level down, which also
 * covers child-logger bindings), a deep key-based pass over every log object (`formatters.log`), and a final pass over
 * each written line that replaces token-shaped values (Salesforce tokens, link keys, `code=`/`state=` in URLs).
 */
import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config';
import { REDACTED, SECRET_KEY_NAMES, scrubSecrets, scrubString } from './secretScrubber';

export type Logger = PinoLogger;

/** Options for createLogger; `destination` defaults to stdout (tests pass a capturing stream). */
export interface LoggerOptions {
  level: LogLevel;
  destination?: DestinationStream;
  name?: string;
}

/** Redact paths for pino: each known key at the top level and one level down, in every spelling we use. */
function redactPaths(): string[] {
  const spellings = new Set<string>();
  for (const name of SECRET_KEY_NAMES) {
    spellings.add(name);
    spellings.add(name.toLowerCase());
    spellings.add(name.replace(/[-_]([a-z])/g, (_m, letter: string) => letter.toUpperCase()));
  }
  const paths: string[] = [];
  for (const key of spellings) {
    // Keys that are not identifiers (e.g. `x-api-key`) need pino's bracket syntax.
    const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
    paths.push(plain ? key : `["${key}"]`, plain ? `*.${key}` : `*["${key}"]`);
  }
  return paths;
}

/** Creates the root logger. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name ?? 'grax-connect',
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths(), censor: REDACTED },
      // Errors are already turned into scrubbed plain objects by formatters.log.
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubSecrets(object) as Record<string, unknown>,
      },
      hooks: { streamWrite: scrubString },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
