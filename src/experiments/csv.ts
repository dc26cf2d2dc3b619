/**
 * CSV export of leaderboard rows (RFC 4180 quoting), safe to open in a spreadsheet: text that a
 * spreadsheet would run as a formula is written as text (OWASP's advice on CSV injection).
 */
import type { TrialComponent } from '../core/generated/models';
import { cellValue, columnLabel } from './columns';
import { formatValue } from './values';

/** What a spreadsheet may read as the start of a formula (or of a DDE call). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number as text: `-0.5`, `+3`, `1e-7`, `.5`, `-Infinity`, `NaN`. */
const PLAIN_NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)$|^NaN$/;

/**
 * Text a spreadsheet would not run: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, unless it is a plain number (`-0.5` stays a number).
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: formulas neutralised, then quoted when it holds a comma, quote, CR or LF or
 * starts or ends with white space (quotes doubled).
 */
export function csvField(value: unknown): string {
  const text = neutraliseFormula(
    typeof value === 'number' ? formatValue(value, 17) : formatValue(value)
  );
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: header row of column labels, then one line per row, CRLF line ends. */
export function toCsv(rows: ReadonlyArray<unknown[]>, header: ReadonlyArray<string>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** CSV of trial components over the given columns (the component name always first). */
export function componentsToCsv(
  components: ReadonlyArray<TrialComponent>,
  columns: ReadonlyArray<string>
): string {
  const ids = ['TrialComponentName', ...columns.filter(c => c !== 'TrialComponentName')];
  return toCsv(
    components.map(c => ids.map(id => cellValue(c, id))),
    ids.map(id => (id === 'TrialComponentName' ? 'TrialComponentName' : columnLabelForCsv(id)))
  );
}

function columnLabelForCsv(id: string): string {
  // Property names are unambiguous and can be fed back into a search: keep them.
  return id.startsWith('Parameters.') || id.startsWith('Metrics.') ? id : columnLabel(id);
}

/** Offer a text as a file download. */
export function downloadText(text: string, filename: string, type = 'text/csv'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
