/**
 * CSV as Bulk API 2.0 reads and writes it.
 */
import { formatCsv, parseCsv } from '../../../src/http/bulk/csv';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with LF or CRLF endings', () => {
    expect(parseCsv('Name,Description\r\n"Acme, Inc.","He said ""hi""\nbye"\r\nGlobex,\n')).toEqual([
      ['Name', 'Description'],
      ['Acme, Inc.', 'He said "hi"\nbye'],
      ['Globex', ''],
    ]);
  });

  it('reads other column delimiters', () => {
    expect(parseCsv('a|b\n1|2', '|')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('writes every field quoted, so that the result reads back the same', () => {
    const rows = [
      ['sf__Id', 'sf__Error'],
      ['', 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --'],
    ];
    const text = formatCsv(rows);
    expect(text.startsWith('"sf__Id","sf__Error"\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });
});
