/** Pure helpers of the Tuning room: progress, best-so-far curve, parameter columns. */
import type { TuningJob, TuningTrial } from '../core/generated/models';

/** Training jobs that ended (any status but InProgress) out of the most the tuning job runs. */
export function progress(job: TuningJob): { done: number; total: number } {
  const counters = job.status_counters ?? {};
  const done = Object.entries(counters)
    .filter(([status]) => status !== 'InProgress')
    .reduce((sum, [, n]) => sum + n, 0);
  return { done, total: job.max_jobs };
}

/**
 * The objective of each trial with a value, by trial number, and the best value so far after
 * each of them (what a user reads to see whether the search still improves).
 */
export function objectiveCurve(
  trials: TuningTrial[],
  maximize: boolean
): { x: number[]; y: number[]; best: number[] } {
  const scored = trials
    .filter(t => typeof t.objective_value === 'number' && Number.isFinite(t.objective_value))
    .sort((a, b) => a.number - b.number);
  const x: number[] = [];
  const y: number[] = [];
  const best: number[] = [];
  let current: number | null = null;
  for (const t of scored) {
    const value = t.objective_value as number;
    current =
      current === null ? value : maximize ? Math.max(current, value) : Math.min(current, value);
    x.push(t.number + 1);
    y.push(value);
    best.push(current);
  }
  return { x, y, best };
}

/** The tuned hyperparameter names, in the order the ranges list them. */
export function parameterNames(job: TuningJob): string[] {
  const r = job.parameter_ranges;
  return [
    ...(r.continuous_parameter_ranges ?? []).map(p => p.name),
    ...(r.integer_parameter_ranges ?? []).map(p => p.name),
    ...(r.categorical_parameter_ranges ?? []).map(p => p.name)
  ];
}

/** A hyperparameter value for a table cell (floats to 4 significant digits). */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  }
  return value === null || value === undefined ? '' : String(value);
}

/**
 * The best training job: the tuning job's own, else (a stopped or failed tuning job reports
 * none) the best objective among its training jobs, which the chart's best-so-far line shows.
 * `final` says whether it is the tuning job's own.
 */
export function bestTrial(
  job: Pick<TuningJob, 'best_training_job' | 'objective'>,
  trials: ReadonlyArray<TuningTrial>
): { trial: TuningTrial; final: boolean } | null {
  if (job.best_training_job) {
    return { trial: job.best_training_job, final: true };
  }
  const maximize = job.objective.type === 'Maximize';
  let best: TuningTrial | null = null;
  for (const t of trials) {
    const value = t.objective_value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      continue;
    }
    const current = best?.objective_value as number | undefined;
    if (current === undefined || (maximize ? value > current : value < current)) {
      best = t;
    }
  }
  return best ? { trial: best, final: false } : null;
}
