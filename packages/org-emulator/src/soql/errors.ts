/**
 * The SOQL errors the engine throws, worded as Salesforce words them. Query errors that point at a place in the
 * query use Salesforce's caret form:
 * "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. ..."
 */
import { SfApiError } from '../org/types';
import { tokenize } from './lexer';

// How much of the query line Salesforce shows around the caret. Observed excerpts keep whole tokens within
// roughly 45 characters on either side of the error (UNCONFIRMED: the exact window is not documented).
const EXCERPT_BEFORE = 45;
const EXCERPT_AFTER = 45;

const WSDL_HINT = 'Please reference your WSDL or the describe call for the appropriate names.';

/** The row/column of an offset and the excerpt of its line that Salesforce prints above the caret. */
function caretBlock(query: string, offset: number): string {
  const lineStart = query.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = query.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? query.length : lineEndAt;
  const line = query.slice(lineStart, lineEnd).replace(/\r$/, '');
  const column = offset - lineStart;
  const row = query.slice(0, lineStart).split('\n').length;
  const tokens = tokenize(line);
  const first = tokens.find((t) => t.start >= column - EXCERPT_BEFORE);
  const from = Math.min(first ? first.start : column, column);
  const kept = tokens.filter((t) => t.start >= from && (t.end <= column + EXCERPT_AFTER || t.start <= column));
  const to = Math.max(kept.length > 0 ? (kept[kept.length - 1]?.end ?? column) : column, column);
  const excerpt = line.slice(from, to);
  return `\n${excerpt}\n${' '.repeat(column - from)}^\nERROR at Row:${row}:Column:${column + 1}\n`;
}

/** An error in caret form pointing at `offset` of the query. */
export function atQuery(
  query: string,
  offset: number,
  errorCode: string,
  text: string,
  status = 400,
  fields?: string[],
): SfApiError {
  return new SfApiError(status, errorCode, caretBlock(query, offset) + text, fields);
}

/** MALFORMED_QUERY in caret form. */
export function malformed(query: string, offset: number, text: string): SfApiError {
  return atQuery(query, offset, 'MALFORMED_QUERY', text);
}

/** MALFORMED_QUERY for a token the grammar does not allow there ('<EOF>' at the end of the text). */
export function unexpectedToken(query: string, offset: number, image: string | undefined): SfApiError {
  return malformed(query, offset, `unexpected token: '${image ?? '<EOF>'}'`);
}

/** INVALID_TYPE for an object that does not exist for the running user. */
export function unsupportedObject(query: string, offset: number, name: string): SfApiError {
  return atQuery(
    query,
    offset,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the ` +
      `'__c' after the entity name. ${WSDL_HINT}`,
  );
}

/** INVALID_FIELD for a field that does not exist or is hidden by field-level security. */
export function noSuchColumn(query: string, offset: number, field: string, entity: string): SfApiError {
  return atQuery(
    query,
    offset,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to ` +
      `append the '__c' after the custom field name. ${WSDL_HINT}`,
  );
}

/** INVALID_FIELD for a parent relationship name that does not exist on the object. */
export function unknownRelationship(query: string, offset: number, name: string): SfApiError {
  return atQuery(
    query,
    offset,
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, ` +
      `be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
  );
}

/** INVALID_TYPE for a child relationship name in a subquery's FROM that does not exist on the parent object. */
export function unknownChildRelationship(query: string, offset: number, name: string): SfApiError {
  return atQuery(
    query,
    offset,
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom ` +
      `relationship, be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
  );
}

/** MALFORMED_QUERY for SOQL that Salesforce accepts but this emulator does not implement. */
export function notSupportedByEmulator(query: string, offset: number, feature: string): SfApiError {
  return malformed(
    query,
    offset,
    `${feature} is not supported by the org emulator's SOQL engine. Rewrite the query without it, or extend ` +
      `packages/org-emulator/src/soql to emulate it faithfully.`,
  );
}
