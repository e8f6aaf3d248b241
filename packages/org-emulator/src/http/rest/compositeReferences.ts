/**
 * References between composite subrequests: `@{refId.field}`, nested fields and array elements
 * (`@{q.records[0].Id}`), and whole values such as `@{q.nextRecordsUrl}` to chain Query More. A reference to a
 * subrequest that failed, that has not run yet or that lacks the value stops the subrequest with PROCESSING_HALTED.
 */
import { SfApiError } from '../../org/types';

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/;

/** Results of earlier subrequests by reference id (only successful ones can be referenced). */
export type ReferenceResults = Map<string, { status: number; body: unknown }>;

function invalidReference(expression: string, refId: string): SfApiError {
  return new SfApiError(
    400,
    'PROCESSING_HALTED',
    `Invalid reference specified. No value for ${expression} found in ${refId}`,
  );
}

function walk(value: unknown, path: string): unknown {
  const steps = path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
  let current = value;
  for (const step of steps) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function lookup(results: ReferenceResults, refId: string, path: string): unknown {
  const expression = `${refId}${path}`;
  const result = results.get(refId);
  if (!result || result.status >= 400) throw invalidReference(expression, refId);
  const value = walk(result.body, path);
  if (value === undefined || value === null) throw invalidReference(expression, refId);
  return value;
}

/** Replaces references inside a string (URLs, string field values). */
export function resolveString(text: string, results: ReferenceResults): string {
  return text.replace(REFERENCE, (_match, refId: string, path: string) => {
    const value = lookup(results, refId, path);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** Replaces references anywhere in a JSON body; a string that is exactly one reference takes the value's type. */
export function resolveValue(value: unknown, results: ReferenceResults): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return lookup(results, whole[1] as string, whole[2] ?? '');
    return resolveString(value, results);
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, results));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, results)]));
  }
  return value;
}
