/**
 * The Model Monitor room's pure logic: numbers as the tables write them, the distribution
 * sparklines, a schedule's config and the charts' lines (the constraints editor's is in
 * constraints.ts).
 */
import type { HistogramBin, HistoryPoint, MonitoringSchedule } from './types';

/** The room's tabs. */
export const MONITOR_VIEWS = [
  { id: 'baselines', label: 'Baselines', noun: 'baseline' },
  { id: 'schedules', label: 'Schedules', noun: 'schedule' }
] as const;
export type MonitorView = (typeof MONITOR_VIEWS)[number]['id'];

/** Statuses of an execution that may still change. */
const RUNNING = ['Pending', 'InProgress', 'Stopping'];

export function isRunning(status: string | null | undefined): boolean {
  return !!status && RUNNING.includes(status);
}

/** A statistic with at most 4 significant digits (`12.35`, `0.0012`, `1.235e+6`), or an em dash. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-4)) {
    return value.toExponential(3).replace(/\.?0+e/, 'e');
  }
  return String(Number(value.toPrecision(4)));
}

/** A fraction as a percentage (`97.5%`), or an em dash. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return `${Number((value * 100).toPrecision(4))}%`;
}

/** One bar of a sparkline, in the SVG's coordinates. */
export interface IBar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

/** The bars of a distribution's sparkline, `width` x `height`, the tallest bin at full height. */
export function sparklineBars(bins: ReadonlyArray<HistogramBin>, width = 80, height = 20): IBar[] {
  const max = Math.max(0, ...bins.map(b => b.Count));
  if (!bins.length || max <= 0) {
    return [];
  }
  const step = width / bins.length;
  return bins.map((b, i) => {
    // a bin with any count stays visible (1px), an empty one is not drawn
    const h = b.Count > 0 ? Math.max(1, (b.Count / max) * height) : 0;
    return {
      x: i * step,
      y: height - h,
      width: Math.max(1, step - (bins.length > 24 ? 0 : 1)),
      height: h,
      label: `${b.Label}: ${formatNumber(b.Count)}`
    };
  });
}

// -- schedules ----------------------------------------------------------------------------------

/** A schedule's config as the page lists it: when, over which window, against which baseline. */
export function scheduleFacts(schedule: MonitoringSchedule): {
  cron: string;
  window: string;
  statistics: string;
  constraints: string;
  output: string;
} {
  const config = schedule.MonitoringScheduleConfig;
  const times = config.ScheduleConfig;
  const definition = config.MonitoringJobDefinition;
  const baseline = definition?.BaselineConfig;
  const start = times?.DataAnalysisStartTime;
  const end = times?.DataAnalysisEndTime;
  return {
    cron: times?.ScheduleExpression ?? '—',
    window: start || end ? `${start ?? 'start'} … ${end ?? 'now'}` : 'since the last execution',
    statistics: baseline?.StatisticsResource?.S3Uri ?? '—',
    constraints: baseline?.ConstraintsResource?.S3Uri ?? '—',
    output: definition?.MonitoringOutputConfig.MonitoringOutputs[0]?.S3Output.S3Uri ?? '—'
  };
}

// -- charts -------------------------------------------------------------------------------------

/** One line of a chart over the executions: null where an execution has no value (a gap). */
export interface ILine {
  name: string;
  x: string[];
  y: (number | null)[];
}

export type HistoryMeasure = 'Drift' | 'Psi' | 'Completeness' | 'ModelQuality';

/** One line per feature (or metric) of `measure` across the executions, in the points' order. */
export function historyLines(
  points: ReadonlyArray<HistoryPoint>,
  measure: HistoryMeasure
): ILine[] {
  const names: string[] = [];
  for (const p of points) {
    for (const name of Object.keys(p[measure] ?? {})) {
      if (!names.includes(name)) {
        names.push(name);
      }
    }
  }
  const x = points.map(p => p.ScheduledTime);
  return names.map(name => ({
    name,
    x,
    y: points.map(p => {
      const value = p[measure]?.[name];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    })
  }));
}

/** The metrics a model quality chart draws first (SageMaker's headline ones, by problem type). */
const KEY_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'weighted_f1',
  'weighted_precision',
  'weighted_recall',
  'rmse',
  'mae',
  'r2'
];

/**
 * The lines of a model quality chart: the headline metrics the executions have (all of them,
 * but the best-constant-classifier references, when they have none of those).
 */
export function qualityLines(points: ReadonlyArray<HistoryPoint>): ILine[] {
  const lines = historyLines(points, 'ModelQuality').filter(
    l => !l.name.endsWith('_best_constant_classifier')
  );
  const key = lines.filter(l => KEY_METRICS.includes(l.name));
  return key.length ? key : lines;
}

/** The drift threshold the executions were checked against (the largest one named), or null. */
export function driftThreshold(
  features: ReadonlyArray<{ Threshold?: number | null }> | undefined
): number | null {
  const values = (features ?? [])
    .map(f => f.Threshold)
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return values.length ? Math.max(...values) : null;
}

/** A window's histogram on the baseline's bins beside the baseline's, both as shares of their total. */
export function histogramShares(
  baseline: ReadonlyArray<HistogramBin>,
  current: ReadonlyArray<HistogramBin>
): { labels: string[]; baseline: number[]; current: number[] } {
  const share = (bins: ReadonlyArray<HistogramBin>) => {
    const total = bins.reduce((sum, b) => sum + b.Count, 0);
    return (label: string) => {
      const bin = bins.find(b => b.Label === label);
      return total > 0 && bin ? bin.Count / total : 0;
    };
  };
  const labels = baseline.map(b => b.Label);
  for (const b of current) {
    if (!labels.includes(b.Label)) {
      labels.push(b.Label);
    }
  }
  const ofBaseline = share(baseline);
  const ofCurrent = share(current);
  return { labels, baseline: labels.map(ofBaseline), current: labels.map(ofCurrent) };
}
