import type { ExportCell } from './export-columns.ts';

/**
 * CSV as Excel and WPS open it: UTF-8 with a byte-order mark (without it both read Chinese as
 * GBK and show mojibake), CRLF line ends, RFC 4180 quoting (a field with a comma, a quote, CR or
 * LF is quoted and its quotes doubled). And formula-safe: a cell that starts with = + - @, a tab
 * or CR would be run as a formula by Excel and WPS (CSV injection), so it gets a leading
 * apostrophe and is shown as the text it is.
 */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A value that a spreadsheet would not run: prefixed with ' when it starts like a formula. */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field, formula-safe and quoted as RFC 4180 needs. */
export function csvField(value: string): string {
  const safe = formulaSafe(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function cellText(cell: ExportCell): string {
  return cell.kind === 'text' ? cell.text : cell.kind === 'date' ? cell.iso : '';
}

/** One record and its CRLF; dates as ISO text (YYYY-MM-DD), which Excel and WPS read as dates. */
export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + CRLF;
}
