/**
 * Faults injected by tests: the next N calls matching a method and a path pattern answer a given status and body,
 * drop the connection, or wait longer first. Paths are matched by a glob (`*` matches anything, `/` included) or by
 * a regular expression.
 */

/** What a test asks for. */
export interface FaultSpec {
  /** HTTP method to match; any method when absent. */
  method?: string;
  /** Path glob, e.g. `/services/data/*\/query*`; give this or `pathRegex`. */
  path?: string;
  /** Path regular expression, e.g. `/sobjects/Account$`; give this or `path`. */
  pathRegex?: string;
  /** How many matching calls get the fault (default 1). */
  count?: number;
  /** Matching calls to let through untouched before the fault starts (default 0). */
  afterCalls?: number;
  /** Status to answer with. */
  status?: number;
  /** Body to answer with (JSON unless a string); defaults to a Salesforce error body for the status. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Close the socket without answering. */
  dropConnection?: boolean;
  /** Wait this long before answering (alone: the call then proceeds normally). */
  latencyMs?: number;
}

/** A fault in the plan. */
export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
  skip: number;
  matcher: RegExp;
}

function toMatcher(spec: FaultSpec): RegExp {
  if (spec.pathRegex !== undefined) return new RegExp(spec.pathRegex);
  if (spec.path === undefined) throw new Error('Give path (a glob) or pathRegex.');
  const escaped = spec.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** The faults waiting to happen. */
export class FaultPlan {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  /** Adds a fault; throws when no path is given or the regular expression is invalid. */
  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = {
      ...spec,
      method: spec.method?.toUpperCase(),
      id: this.nextId++,
      remaining: spec.count ?? 1,
      skip: spec.afterCalls ?? 0,
      matcher: toMatcher(spec),
    };
    this.faults.push(fault);
    return fault;
  }

  /** The fault for this call, if any, counting it as used. */
  take(method: string, path: string): ActiveFault | undefined {
    for (const fault of this.faults) {
      if (fault.method && fault.method !== method) continue;
      if (!fault.matcher.test(path)) continue;
      if (fault.skip > 0) {
        fault.skip--;
        continue;
      }
      fault.remaining--;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      return fault;
    }
    return undefined;
  }

  /** Faults still waiting. */
  list(): ActiveFault[] {
    return [...this.faults];
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }
}

const DEFAULT_ERRORS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['INVALID_SESSION_ID', 'Session expired or invalid'],
  403: ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
  404: ['NOT_FOUND', 'The requested resource does not exist'],
  500: ['UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support.'],
  503: ['SERVER_UNAVAILABLE', 'Server temporarily unavailable. Try again later.'],
};

/** The body a fault answers with when the test gave none. */
export function defaultFaultBody(status: number): unknown {
  const [errorCode, message] = DEFAULT_ERRORS[status] ??
    (status >= 500 ? DEFAULT_ERRORS[500] : DEFAULT_ERRORS[400]) ?? ['UNKNOWN_EXCEPTION', 'Injected fault'];
  return [{ message, errorCode }];
}
