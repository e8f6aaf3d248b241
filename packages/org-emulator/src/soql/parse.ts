/**
 * Parses SOQL with @jetstreamapp/soql-parser-js and turns its syntax errors into Salesforce's MALFORMED_QUERY
 * ("unexpected token: 'FROM'" with the caret under that token). The parser does not say where it failed, so the
 * failing token is found as the first token whose prefix of the query can no longer start a valid query.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { malformed, unexpectedToken } from './errors';
import { isKeyword, type Token } from './lexer';
import { SourceMap } from './sourceMap';

/** A parsed query with the map of where its parts are in the text. */
export interface ParsedSoql {
  text: string;
  ast: Query;
  source: SourceMap;
}

/** The outcome of one parser run: the AST, or whether the failure happened at the end of the text. */
type Attempt = { ast: Query } | { failedAtEnd: boolean };

function attempt(text: string): Attempt {
  try {
    return { ast: parseQuery(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Chevrotain names the offending token as --> 'x' <-- or "but found: 'x'"; the end of input is ''.
    return { failedAtEnd: message.includes("--> '' <--") || /but found: ''\s*$/.test(message) };
  }
}

/** True when the text is a valid query or a valid beginning of one. */
function isViablePrefix(text: string): boolean {
  const result = attempt(text);
  return 'ast' in result || result.failedAtEnd;
}

/** Index of the first token the grammar rejects, or tokens.length when only the end of the text is missing. */
function firstRejectedToken(text: string, tokens: Token[]): number {
  const viable = (count: number): boolean => isViablePrefix(text.slice(0, tokens[count - 1]?.end ?? 0));
  if (viable(tokens.length)) return tokens.length;
  // Viability is monotone (every prefix of a viable prefix is viable): bisect for the first rejected prefix.
  let good = 0;
  let bad = tokens.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (viable(middle)) good = middle;
    else bad = middle;
  }
  return bad - 1;
}

/** Refuses characters SOQL has no token for and Apex bind variables, the way Salesforce words them. */
function rejectLexicalProblems(text: string, source: SourceMap): void {
  const tokens = source.tokens;
  tokens.forEach((token, i) => {
    if (token.kind === 'bad') {
      if (token.text === "'") throw unexpectedToken(text, token.start, "'");
      const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
      const row = text.slice(0, lineStart).split('\n').length;
      throw malformed(text, token.start, `line ${row}:${token.start - lineStart} unexpected token: '${token.text}'`);
    }
    // A colon belongs to a date literal such as LAST_N_DAYS:3; anywhere else it starts an Apex bind variable.
    const isDateLiteralColon = tokens[i - 1]?.kind === 'word' && tokens[i + 1]?.kind === 'number';
    if (token.text === ':' && !isDateLiteralColon) {
      throw malformed(text, token.start, 'Bind variables only allowed in Apex code');
    }
  });
}

/** Parses a SOQL text or throws MALFORMED_QUERY pointing at the offending token. */
export function parseSoql(text: string): ParsedSoql {
  const source = new SourceMap(text);
  rejectLexicalProblems(text, source);
  const result = attempt(text);
  if ('ast' in result) return { text, ast: result.ast, source };
  const tokens = source.tokens;
  if (!isKeyword(tokens[0], 'SELECT')) throw unexpectedToken(text, tokens[0]?.start ?? 0, tokens[0]?.text);
  const index = firstRejectedToken(text, tokens);
  const token = tokens[index];
  throw unexpectedToken(text, token ? token.start : text.length, token?.text);
}
