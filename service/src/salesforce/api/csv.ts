/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180: comma separated, double quotes around values that hold commas,
 * quotes or line breaks, LF line endings).
 */

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV document with a header line and one line per row, as blocks of up to `linesPerBlock` lines. */
export function* csvBlocks(
  columns: readonly string[],
  rows: Iterable<readonly (string | boolean | null | undefined)[]>,
  linesPerBlock = 5000,
): Generator<string> {
  let lines = [columns.map(quote).join(',')];
  for (const row of rows) {
    lines.push(row.map((v) => quote(v == null ? '' : String(v))).join(','));
    if (lines.length === linesPerBlock) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** A CSV document with a header line and one line per row. */
export function toCsv(
  columns: readonly string[],
  rows: Iterable<readonly (string | boolean | null | undefined)[]>,
): string {
  return [...csvBlocks(columns, rows)].join('');
}

/** Parses a CSV document into objects keyed by the header line's column names. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows = parseRows(text);
  const header = rows.shift();
  if (!header) return [];
  return rows
    .filter((r) => r.length > 1 || (r[0] ?? '') !== '')
    .map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(value);
      value = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  if (value !== '' || row.length > 0) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}
