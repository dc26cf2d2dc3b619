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

/** What parallel coordinates draw, and what they leave out. */
export interface IParallelData {
  dimensions: IDimension[];
  /** The rows drawn (every chosen column has a value). */
  drawn: number;
  /** The rows left out (a chosen column has no value, or NaN / Infinity). */
  leftOut: number;
  /** The chosen columns some row has no value in. */
  incomplete: string[];
}

/**
 * Parallel coordinates: one dimension per column. String columns become category codes.
 * Rows without a finite value in a chosen column are left out (parcoords has no gaps): the
 * result says how many, and which columns lack values, so the chart can say so.
 */
export function parallelData(
  rows: ReadonlyArray<TrialComponent>,
  columns: ReadonlyArray<string>
): IParallelData {
  const raw = columns.map(c => rows.map(r => cellValue(r, c)));
  const isCategory = raw.map(values =>
    values.some(v => typeof v === 'string' && !['NaN', 'Infinity', '-Infinity'].includes(v))
  );
  const has = (c: number, v: unknown) =>
    isCategory[c] ? v !== undefined && v !== null : finiteOrNull(v) !== null;
  const incomplete = columns.filter((_, c) => raw[c].some(v => !has(c, v)));
  const dimensions = parallelDimensions(rows, columns);
  const drawn = dimensions[0]?.values.length ?? 0;
  return { dimensions, drawn, leftOut: rows.length - drawn, incomplete };
}

/** The dimensions of `parallelData`. */
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

/**
 * The columns parallel coordinates start with: the visible parameters, then the visible metrics'
 * last values, at most 7 axes (more cannot be read side by side).
 */
export function defaultParallel(visible: ReadonlyArray<string>, numeric: string[]): string[] {
  const shown = visible.filter(c => numeric.includes(c));
  const params = shown.filter(c => c.startsWith('Parameters.'));
  const last = shown.filter(c => c.startsWith('Metrics.') && c.endsWith('.Last'));
  return [...params.slice(0, 4), ...last].slice(0, 7);
}
