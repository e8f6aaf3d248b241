/**
 * A request body read once and parsed on demand: JSON for REST resources (bad JSON answers Salesforce's
 * JSON_PARSER_ERROR), form encoding for OAuth endpoints, raw text for Bulk API CSV uploads.
 */
import { SfApiError } from '../../org/types';
import { findJsonSyntaxProblem, lineAndColumn } from './jsonSyntax';

/** The body of one request. Composite subrequests wrap their already-parsed `body` with `RequestBody.fromValue`. */
export class RequestBody {
  private constructor(
    private readonly raw: string,
    readonly contentType: string,
    private readonly parsed?: { value: unknown },
  ) {}

  /** A body received over HTTP. */
  static fromText(raw: string, contentType: string | undefined): RequestBody {
    return new RequestBody(raw, (contentType ?? '').toLowerCase());
  }

  /** A body that is already a value (a composite subrequest's `body`). */
  static fromValue(value: unknown): RequestBody {
    if (value === undefined) return new RequestBody('', '');
    return new RequestBody(JSON.stringify(value), 'application/json', { value });
  }

  /** True when nothing was sent. */
  get isEmpty(): boolean {
    return this.raw.trim() === '';
  }

  /** The raw text (CSV uploads). */
  text(): string {
    return this.raw;
  }

  /** The parsed JSON value; throws JSON_PARSER_ERROR with the parser's position, as Salesforce does. */
  json(): unknown {
    if (this.parsed) return this.parsed.value;
    const problem = findJsonSyntaxProblem(this.raw);
    if (!problem) return JSON.parse(this.raw) as unknown;
    const { line, column } = lineAndColumn(this.raw, problem.index);
    if (problem.endOfInput) {
      throw new SfApiError(400, 'JSON_PARSER_ERROR', `Unexpected end-of-input at [line:${line}, column:${column}]`);
    }
    const ch = this.raw.charAt(problem.index);
    throw new SfApiError(
      400,
      'JSON_PARSER_ERROR',
      `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): expected a valid value (JSON String, Number, ` +
        `Array, Object or token 'null', 'true' or 'false') at [line:${line}, column:${column}]`,
    );
  }

  /** The parsed JSON value, which must be an object; other shapes answer JSON_PARSER_ERROR. */
  jsonObject(): Record<string, unknown> {
    const value = this.json();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new SfApiError(
        400,
        'JSON_PARSER_ERROR',
        'Cannot deserialize instance of object from ' +
          `${Array.isArray(value) ? 'START_ARRAY' : 'VALUE'} value at [line:1, column:1]`,
      );
    }
    return value as Record<string, unknown>;
  }

  /** Form fields (application/x-www-form-urlencoded). */
  form(): URLSearchParams {
    return new URLSearchParams(this.raw);
  }
}
