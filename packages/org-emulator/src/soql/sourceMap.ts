/**
 * Where things are in the query text: the clauses of the main query and of every nested subquery, found from the
 * tokens. The parser's AST has no positions, so the engine asks this map for the offset of a field, an object name or
 * a value when it reports an error in Salesforce's caret form.
 */
import { isKeyword, tokenize, type Token } from './lexer';

/** The clauses a scope can have, named by their leading keyword(s). */
export type ClauseName =
  | 'SELECT'
  | 'FROM'
  | 'USING'
  | 'WHERE'
  | 'WITH'
  | 'GROUP BY'
  | 'HAVING'
  | 'ORDER BY'
  | 'LIMIT'
  | 'OFFSET'
  | 'FOR'
  | 'UPDATE';

const SIMPLE_CLAUSES: ClauseName[] = ['FROM', 'USING', 'WHERE', 'WITH', 'HAVING', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE'];

/** Token index range [from, to) of a clause body (the tokens after its keyword). */
interface Range {
  from: number;
  to: number;
}

/** One SELECT (the main query or a subquery): its clause ranges and nested subqueries in text order. */
export class Scope {
  readonly clauses = new Map<ClauseName, Range>();
  readonly children: Scope[] = [];

  constructor(
    private readonly map: SourceMap,
    /** Token index of the SELECT keyword. */
    readonly start: number,
    /** Token index just after the scope (its closing parenthesis for a subquery). */
    public end = start,
  ) {}

  /** The subqueries that sit inside the given clause, in text order. */
  childrenIn(clause: ClauseName): Scope[] {
    const range = this.clauses.get(clause);
    if (!range) return [];
    return this.children.filter((c) => c.start >= range.from && c.start < range.to);
  }

  /** Offset where a clause's body starts (or where it would, for a missing clause: the scope's end). */
  clauseOffset(clause: ClauseName): number {
    const range = this.clauses.get(clause);
    return this.map.offsetOf(range ? range.from : this.end);
  }

  /** Offset of a clause's (first) keyword, or of the scope's end when the clause is absent. */
  keywordOffset(clause: ClauseName): number {
    const range = this.clauses.get(clause);
    if (!range) return this.map.offsetOf(this.end);
    return this.map.offsetOf(range.from - (clause.includes(' ') ? 2 : 1));
  }

  /**
   * Token index of the first occurrence of a dotted path (`Profile.Name`) or a function name followed by `(`
   * inside a clause, at or after `fromIndex`, skipping nested subqueries. Undefined when not found.
   */
  find(clause: ClauseName, path: string[], fromIndex = 0, asFunction = false): number | undefined {
    const range = this.clauses.get(clause);
    if (!range) return undefined;
    const tokens = this.map.tokens;
    for (let i = Math.max(range.from, fromIndex); i < range.to; i++) {
      const inChild = this.children.find((c) => i >= c.start && i < c.end);
      if (inChild) {
        i = inChild.end - 1;
        continue;
      }
      if (this.matchesPath(i, path) && (!asFunction || tokens[i + 1]?.text === '(')) return i;
    }
    return undefined;
  }

  /** Token indexes of the AND/OR keywords of a clause at this scope's level, in text order. */
  logicalOperators(clause: ClauseName): number[] {
    const range = this.clauses.get(clause);
    if (!range) return [];
    const found: number[] = [];
    for (let i = range.from; i < range.to; i++) {
      const inChild = this.children.find((c) => i >= c.start && i < c.end);
      if (inChild) i = inChild.end - 1;
      else if (isKeyword(this.map.tokens[i], 'AND') || isKeyword(this.map.tokens[i], 'OR')) found.push(i);
    }
    return found;
  }

  private matchesPath(index: number, path: string[]): boolean {
    const tokens = this.map.tokens;
    for (let k = 0; k < path.length; k++) {
      const token = tokens[index + 2 * k];
      if (!token || token.kind !== 'word' || token.text.toUpperCase() !== (path[k] ?? '').toUpperCase()) return false;
      if (k < path.length - 1 && tokens[index + 2 * k + 1]?.text !== '.') return false;
    }
    // A longer path that merely starts with this one is a different field.
    return tokens[index + 2 * path.length - 1]?.text !== '.';
  }
}

/** The tokens of a query and its scopes. */
export class SourceMap {
  readonly tokens: Token[];
  readonly root: Scope;

  constructor(readonly text: string) {
    this.tokens = tokenize(text);
    const first = this.tokens.findIndex((t) => isKeyword(t, 'SELECT'));
    this.root = this.readScope(first < 0 ? 0 : first, false);
  }

  /** Character offset of a token (the end of the text for an index past the last token). */
  offsetOf(index: number): number {
    return this.tokens[index]?.start ?? this.text.length;
  }

  /** The token at an index, if any. */
  token(index: number): Token | undefined {
    return this.tokens[index];
  }

  private readScope(start: number, nested: boolean): Scope {
    const scope = new Scope(this, start);
    let depth = 0;
    let clause: ClauseName = 'SELECT';
    let clauseStart = start + 1;
    const close = (at: number): void => {
      if (!scope.clauses.has(clause)) scope.clauses.set(clause, { from: clauseStart, to: at });
    };
    let i = start + 1;
    for (; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.text === '(' && isKeyword(this.tokens[i + 1], 'SELECT')) {
        const child = this.readScope(i + 1, true);
        scope.children.push(child);
        i = child.end - 1;
        continue;
      }
      if (token.text === '(') depth++;
      if (token.text === ')') {
        if (depth === 0 && nested) break;
        depth--;
      }
      if (depth !== 0 || token.kind !== 'word') continue;
      const next = this.clauseAt(i, clause);
      if (next) {
        close(i);
        clause = next;
        clauseStart = i + (next.includes(' ') ? 2 : 1);
        i = clauseStart - 1;
      }
    }
    close(i);
    scope.end = nested ? i + 1 : i;
    return scope;
  }

  /** The clause a keyword at `index` opens, if it opens one (the word right after FROM is the object name). */
  private clauseAt(index: number, current: ClauseName): ClauseName | undefined {
    const previous = this.tokens[index - 1];
    if (isKeyword(previous, 'FROM')) return undefined;
    const word = (this.tokens[index] as Token).text.toUpperCase();
    if ((word === 'GROUP' || word === 'ORDER') && isKeyword(this.tokens[index + 1], 'BY')) {
      return `${word} BY` as ClauseName;
    }
    // UPDATE only opens a clause as `UPDATE TRACKING|VIEWSTAT`, FOR only after FROM has been seen.
    if (word === 'UPDATE' && current === 'FOR') return undefined;
    return SIMPLE_CLAUSES.find((c) => c === word && (c !== 'FROM' || current === 'SELECT'));
  }
}
