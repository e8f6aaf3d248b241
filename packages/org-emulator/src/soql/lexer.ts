/**
 * A small SOQL tokenizer. The grammar is @jetstreamapp/soql-parser-js's job; its output carries no source positions,
 * so this lexer gives every token an offset, which the engine needs to point its error messages at the right place
 * (Salesforce's "ERROR at Row:1:Column:16" caret form) and to tell apart the clauses of nested subqueries.
 */

/** What a token is, as far as locating errors needs to know. */
export type TokenKind = 'word' | 'string' | 'number' | 'datetime' | 'punct' | 'bad';

/** One token with its half-open character range in the query text. */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
// A date (2020-01-31) optionally followed by a time and offset, as SOQL writes date and dateTime literals.
const DATETIME = /\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const PUNCT = /!=|<>|<=|>=|[(),.:=<>]/y;
const SPACE = /\s+/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  return m ? m[0] : undefined;
}

/** Length of a quoted string starting at `at` (including both quotes), or undefined when it never closes. */
function quotedLength(text: string, at: number): number | undefined {
  let i = at + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\\') i += 2;
    else if (c === "'") return i + 1 - at;
    else i += 1;
  }
  return undefined;
}

/**
 * Splits a SOQL text into tokens. Characters SOQL does not know (and an unterminated quote) become 'bad' tokens
 * of one character, so that the caller can report them where they are.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, length: number): void => {
    tokens.push({ kind, text: text.slice(at, at + length), start: at, end: at + length });
    at += length;
  };
  while (at < text.length) {
    const space = matchAt(SPACE, text, at);
    if (space) {
      at += space.length;
      continue;
    }
    if (text.charAt(at) === "'") {
      const length = quotedLength(text, at);
      push(length === undefined ? 'bad' : 'string', length ?? 1);
      continue;
    }
    const datetime = matchAt(DATETIME, text, at);
    if (datetime) {
      push('datetime', datetime.length);
      continue;
    }
    const number = matchAt(NUMBER, text, at);
    if (number) {
      push('number', number.length);
      continue;
    }
    const word = matchAt(WORD, text, at);
    if (word) {
      push('word', word.length);
      continue;
    }
    const punct = matchAt(PUNCT, text, at);
    push(punct ? 'punct' : 'bad', punct ? punct.length : 1);
  }
  return tokens;
}

/** True for a word token spelling `keyword` in any letter case. */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === keyword;
}
