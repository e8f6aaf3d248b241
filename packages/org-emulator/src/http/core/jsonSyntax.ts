/**
 * Finds where a JSON text stops being valid, so that the emulator can answer JSON_PARSER_ERROR with a line and column
 * the way Salesforce's parser reports them. JSON.parse on Node 20 does not always say where it failed.
 */

/** Where parsing failed: an unexpected character at `index`, or the end of input. */
export interface JsonSyntaxProblem {
  index: number;
  endOfInput: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];

class Scanner {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(): never {
    throw { index: this.pos, endOfInput: this.pos >= this.text.length } satisfies JsonSyntaxProblem;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipWhitespace(): void {
    while (WHITESPACE.has(this.peek())) this.pos++;
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail();
    this.pos++;
  }

  value(): void {
    this.skipWhitespace();
    const ch = this.peek();
    if (ch === '{') this.object();
    else if (ch === '[') this.array();
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch >= '0' && ch <= '9')) this.number();
    else this.literal();
  }

  object(): void {
    this.expect('{');
    this.skipWhitespace();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      this.string();
      this.skipWhitespace();
      this.expect(':');
      this.value();
      this.skipWhitespace();
      if (this.peek() === ',') this.pos++;
      else return this.expect('}');
    }
  }

  array(): void {
    this.expect('[');
    this.skipWhitespace();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWhitespace();
      if (this.peek() === ',') this.pos++;
      else return this.expect(']');
    }
  }

  string(): void {
    this.expect('"');
    for (;;) {
      const ch = this.peek();
      if (ch === '' || ch < ' ') this.fail();
      this.pos++;
      if (ch === '"') return;
      if (ch === '\\') {
        if (!/["\\/bfnrtu]/.test(this.peek()) || this.peek() === '') this.fail();
        this.pos++;
      }
    }
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match || match[0] === '-') this.fail();
    this.pos += match[0].length;
  }

  literal(): void {
    const word = LITERALS.find((w) => this.text.startsWith(w, this.pos));
    if (!word) this.fail();
    this.pos += word.length;
  }
}

/** The first syntax problem in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.skipWhitespace();
    if (scanner.pos < text.length) scanner.fail();
    return undefined;
  } catch (problem) {
    return problem as JsonSyntaxProblem;
  }
}

/** 1-based line and column of a character index, as parser errors report them. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}
