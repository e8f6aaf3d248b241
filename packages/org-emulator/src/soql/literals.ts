/**
 * SOQL literal values as the parser hands them over (raw text such as `'O\'Brien'`, `2020-01-31`,
 * `2020-01-31T10:00:00Z`), decoded into JavaScript values. References: SOQL and SOSL Reference, "Quoted String
 * Escape Sequences", "Reserved Characters" and "Date Formats and Date Literals".
 */

/** Escapes SOQL allows in quoted strings, and what they stand for. */
const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** A decoded string piece: literal text, or a LIKE wildcard (`%`, `_`) that was not escaped. */
export type StringPiece = { text: string } | { wildcard: '%' | '_' };

/** Why a quoted literal could not be decoded: the offending escape sequence. */
export class BadEscape extends Error {
  constructor(readonly sequence: string) {
    super(`Illegal character sequence '${sequence}' in string literal.`);
  }
}

/**
 * Decodes a quoted literal into pieces. `\%` and `\_` are kept as literal characters and only allowed where
 * `like` is true (LIKE patterns); bare `%` and `_` become wildcards there.
 */
export function decodePieces(raw: string, like: boolean): StringPiece[] {
  const body = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  const pieces: StringPiece[] = [];
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (like && (c === '%' || c === '_')) {
      if (text) pieces.push({ text });
      text = '';
      pieces.push({ wildcard: c });
      continue;
    }
    if (c !== '\\') {
      text += c;
      continue;
    }
    const next = body.charAt(i + 1);
    if (next === 'u' || next === 'U') {
      const hex = body.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new BadEscape(`\\${next}${hex}`);
      text += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else if (ESCAPES[next] !== undefined) {
      text += ESCAPES[next];
      i += 1;
    } else if (like && (next === '%' || next === '_')) {
      text += next;
      i += 1;
    } else {
      throw new BadEscape(`\\${next}`);
    }
  }
  if (text) pieces.push({ text });
  return pieces;
}

/** Decodes a quoted string literal (not a LIKE pattern). */
export function decodeString(raw: string): string {
  return decodePieces(raw, false)
    .map((p) => ('text' in p ? p.text : p.wildcard))
    .join('');
}

/** A case-insensitive matcher for a LIKE pattern (`%` any run, `_` one character). */
export function likeMatcher(raw: string): (value: string) => boolean {
  const source = decodePieces(raw, true)
    .map((p) =>
      'text' in p ? p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p.wildcard === '%' ? '[\\s\\S]*' : '[\\s\\S]',
    )
    .join('');
  const pattern = new RegExp(`^${source}$`, 'i');
  return (value) => pattern.test(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):?(\d{2}))$/;

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A `YYYY-MM-DD` date literal, or undefined when it is not a real calendar date. */
export function parseDateLiteral(raw: string): string | undefined {
  const m = DATE.exec(raw);
  if (!m) return undefined;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? raw : undefined;
}

/** A dateTime literal as epoch milliseconds, or undefined when it is malformed (e.g. an offset of -25:00). */
export function parseDateTimeLiteral(raw: string): number | undefined {
  const m = DATETIME.exec(raw);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (!validDay(year as number, month as number, day as number)) return undefined;
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return undefined;
  if (m[9] !== undefined && (Number(m[10]) > 14 || Number(m[11]) > 59)) return undefined;
  const offset = m[9] === undefined ? 'Z' : `${m[9]}${m[10]}:${m[11]}`;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${offset}`);
}

/** A stored dateTime value (`2026-01-15T09:00:00.000+0000` as REST returns it) as epoch milliseconds. */
export function storedDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}
