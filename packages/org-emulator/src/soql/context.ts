/**
 * The state one query compilation shares: the data source, the query text with its source map, the running options,
 * and cursors that walk a clause left to right so that each error points at the occurrence being compiled.
 */
import type { SoqlEngineDataSource } from './dataSource';
import type { ClauseName, Scope, SourceMap } from './sourceMap';

/** Everything compiling and running one SOQL statement needs. */
export interface QueryContext {
  ds: SoqlEngineDataSource;
  text: string;
  source: SourceMap;
  includeDeleted: boolean;
  now: Date;
}

/** Walks one clause of one scope, finding paths in text order. */
export class ClauseCursor {
  private next = 0;

  constructor(
    private readonly ctx: QueryContext,
    private readonly scope: Scope,
    private readonly clause: ClauseName,
  ) {}

  /** Offset of the next occurrence of a dotted path (or function name) in the clause; moves past it. */
  at(path: string[], asFunction = false): number {
    const index = this.scope.find(this.clause, path, this.next, asFunction);
    if (index === undefined) return this.scope.clauseOffset(this.clause);
    this.next = index + 1;
    return this.ctx.source.offsetOf(index);
  }

  /** Offset of the n-th value after the most recently found path (0 = the first literal after the operator). */
  valueOffset(n: number): number {
    const tokens = this.ctx.source.tokens;
    let seen = -1;
    for (let i = this.next; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) break;
      const isValue = token.kind === 'string' || token.kind === 'number' || token.kind === 'datetime';
      const isWordValue =
        token.kind === 'word' && !['NOT', 'IN', 'LIKE', 'INCLUDES', 'EXCLUDES'].includes(token.text.toUpperCase());
      if (isValue || (isWordValue && tokens[i - 1]?.text !== '.')) seen++;
      if (seen === n) return token.start;
    }
    return this.scope.clauseOffset(this.clause);
  }

  /** Token-based offset of the first word after the most recently found path (e.g. a field alias). */
  followingWordOffset(): number {
    const tokens = this.ctx.source.tokens;
    for (let i = this.next; i < tokens.length; i++) {
      const token = tokens[i];
      if (token && token.kind === 'word' && tokens[i - 1]?.text !== '.') return token.start;
    }
    return this.scope.clauseOffset(this.clause);
  }
}

/** Path segments of a field reference with the object alias (`a.Name` for `FROM Account a`) removed. */
export function withoutAlias(segments: string[], alias: string | undefined): string[] {
  if (alias && segments.length > 1 && segments[0]?.toUpperCase() === alias.toUpperCase()) return segments.slice(1);
  return segments;
}
