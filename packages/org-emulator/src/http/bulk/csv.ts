/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180: quoted fields, doubled quotes, embedded line breaks; LF or CRLF
 * line endings; comma by default).
 */

/** Separators Bulk API 2.0 accepts as `columnDelimiter`. */
export const COLUMN_DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

/** Parses CSV text into rows of fields. A trailing line break does not add an empty row. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Formats rows as CSV with every field quoted, as Salesforce writes result files. */
export function formatCsv(rows: readonly (readonly string[])[], lineEnding = '\n', delimiter = ','): string {
  return rows.map((row) => row.map(quote).join(delimiter)).join(lineEnding) + (rows.length > 0 ? lineEnding : '');
}
