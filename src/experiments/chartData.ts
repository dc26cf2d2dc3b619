/**
 * Chart data from the leaderboard. Non-numbers ("NaN", "Infinity", "-Infinity", null, strings)
 * become gaps (null) or are left out, never NaN in a trace.
 */
import { finiteOrNull, IXY } from '../core/charts/data';
import type { TrialComponent } from '../core/generated/models';
import { cellValue } from './columns';

/** Parameter (or any column) vs metric: one point per component with a finite y; x may be a category. */
export function scatterPoints(
  rows: ReadonlyArray<TrialComponent>,
  xColumn: string,
  yColumn: string
): IXY {
  const out: IXY = { x: [], y: [], text: [] };
  for (const row of rows) {
    const x = cellValue(row, xColumn);
    const y = finiteOrNull(cellValue(row, yColumn));
    const xValue =
      typeof x === 'number'
        ? finiteOrNull(x)
        : typeof x === 'string' && !['NaN', 'Infinity', '-Infinity'].includes(x)
          ? x
          : null;
    if (y === null || xValue === null) {
      continue;
    }
    out.x.push(xValue);
    out.y.push(y);
    out.text!.push(row.display_name || row.trial_component_name);
  }
  return out;
}

export interface IDimension {
  label: string;
  values: number[];
  /** For string columns: the category names by code. */
  ticktext?: string[];
  tickvals?: number[];
}

/**
 * Parallel coordinates: one dimension per column. String columns become category codes.
 * Rows with a non-finite number in any chosen column are left out (parcoords has no gaps).
 */
export function parallelDimensions(
  rows: ReadonlyArray<TrialComponent>,
  columns: ReadonlyArray<string>
): IDimension[] {
  const raw = columns.map(c => rows.map(r => cellValue(r, c)));
  const isCategory = raw.map(values =>
    values.some(v => typeof v === 'string' && !['NaN', 'Infinity', '-Infinity'].includes(v))
  );
  const categories = raw.map((values, i) =>
    isCategory[i]
      ? [...new Set(values.filter(v => v !== undefined && v !== null).map(String))].sort()
      : []
  );
  const keep = rows.map((_, r) =>
    raw.every((values, c) => {
      const v = values[r];
      return isCategory[c] ? v !== undefined && v !== null : finiteOrNull(v) !== null;
    })
  );
  return columns.map((label, c) => {
    const values: number[] = [];
    raw[c].forEach((v, r) => {
      if (keep[r]) {
        values.push(isCategory[c] ? categories[c].indexOf(String(v)) : (v as number));
      }
    });
    return isCategory[c]
      ? { label, values, ticktext: categories[c], tickvals: categories[c].map((_, i) => i) }
      : { label, values };
  });
}

/** Histogram input: the finite numbers of a column, or its strings when it has no numbers. */
export function histogramValues(
  rows: ReadonlyArray<TrialComponent>,
  column: string
): (number | string)[] {
  const values = rows.map(r => cellValue(r, column));
  const numbers = values.map(finiteOrNull).filter((v): v is number => v !== null);
  if (numbers.length) {
    return numbers;
  }
  return values.filter(
    (v): v is string => typeof v === 'string' && !['NaN', 'Infinity', '-Infinity'].includes(v)
  );
}
