/**
 * Chart data shared by the rooms. Non-numbers ("NaN", "Infinity", "-Infinity", null, strings)
 * become gaps (null), never NaN in a trace.
 */
import type { MetricSeries } from '../generated/models';

/** A finite number, or null for anything else (NaN, +-Infinity, strings, null): a gap in a chart. */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface IXY {
  x: (number | string | null)[];
  y: (number | null)[];
  text?: string[];
}

/** A metric series as a line: x is the step (the point's index when it has none), gaps stay null. */
export function seriesLine(series: Pick<MetricSeries, 'steps' | 'values'>): IXY {
  const values = series.values ?? [];
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  values.forEach((value, i) => {
    const step = series.steps?.[i];
    x.push(typeof step === 'number' && Number.isFinite(step) ? step : i);
    y.push(finiteOrNull(value));
  });
  return { x, y };
}

/** Markers for a single point, a line through markers for more. */
export function lineMode(points: number): 'markers' | 'lines+markers' {
  return points > 1 ? 'lines+markers' : 'markers';
}
