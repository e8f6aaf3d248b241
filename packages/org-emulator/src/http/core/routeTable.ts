/**
 * A small path router: patterns like `/sobjects/:type/:id` matched segment by segment, with the method checked after
 * the path so that a known path with the wrong method can answer 405 the way Salesforce does. Each route has a name
 * (its pattern) for the call statistics.
 */

/** One route: the methods it answers, its pattern and whatever the caller attaches (`data`). */
export interface Route<T> {
  methods: readonly string[];
  pattern: string;
  data: T;
}

/** A match: the route and the values of its `:params` (decoded). */
export interface RouteMatch<T> {
  route: Route<T>;
  params: Record<string, string>;
}

/** Result of a lookup: a match, a path that exists for other methods, or nothing. */
export type RouteLookup<T> =
  { kind: 'match'; match: RouteMatch<T> } | { kind: 'methodNotAllowed'; allowed: string[] } | { kind: 'notFound' };

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = splitPath(pattern);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/** Finds the route for a method and path (trailing slashes ignored). */
export function lookupRoute<T>(routes: readonly Route<T>[], method: string, path: string): RouteLookup<T> {
  const segments = splitPath(path);
  const allowed = new Set<string>();
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.methods.includes(method)) return { kind: 'match', match: { route, params } };
    for (const m of route.methods) allowed.add(m);
  }
  return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed] } : { kind: 'notFound' };
}
