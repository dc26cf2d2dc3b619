/**
 * The candidates leaderboard: best first whichever way the objective points, the best marked,
 * values and hyperparameters written short. Pure functions.
 */
import { isMinimized } from './metrics';
import type { AutoMLCandidate, AutoMLJob } from './types';

/** The objective metric's name without SageMaker's `validation:` prefix. */
export function metricName(candidate: AutoMLCandidate): string | null {
  const metric = candidate.FinalAutoMLJobObjectiveMetric;
  return metric ? metric.MetricName.replace(/^validation:/, '') : null;
}

/** The job's objective metric: resolved by the server, else asked for, else the candidates'. */
export function jobMetric(job: AutoMLJob, candidates: ReadonlyArray<AutoMLCandidate>): string {
  return (
    job.ResolvedAttributes?.AutoMLJobObjective?.MetricName ??
    job.AutoMLJobObjective?.MetricName ??
    candidates.map(metricName).find(Boolean) ??
    'Objective'
  );
}

/** Whether lower objective values are better (the candidates say; the metric's name else). */
export function minimizes(metric: string, candidates: ReadonlyArray<AutoMLCandidate>): boolean {
  const type = candidates.find(c => c.FinalAutoMLJobObjectiveMetric)?.FinalAutoMLJobObjectiveMetric
    ?.Type;
  return type ? type === 'Minimize' : isMinimized(metric);
}

function value(candidate: AutoMLCandidate): number | null {
  const v = candidate.FinalAutoMLJobObjectiveMetric?.Value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The candidates best first (those without an objective value last); among equal values the
 * job's best candidate (`preferred`) first, then the newest.
 */
export function ranked(
  candidates: ReadonlyArray<AutoMLCandidate>,
  minimize: boolean,
  preferred: string | null = null
): AutoMLCandidate[] {
  return [...candidates].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va !== null && vb !== null && va !== vb) {
      return minimize ? va - vb : vb - va;
    }
    if ((va === null) !== (vb === null)) {
      return va === null ? 1 : -1;
    }
    if (preferred && (a.CandidateName === preferred) !== (b.CandidateName === preferred)) {
      return a.CandidateName === preferred ? -1 : 1;
    }
    return b.CreationTime.localeCompare(a.CreationTime);
  });
}

/** The best candidate's name: the job's BestCandidate, else the leader of the ranking. */
export function bestName(
  job: AutoMLJob,
  rankedCandidates: ReadonlyArray<AutoMLCandidate>
): string | null {
  if (job.BestCandidate?.CandidateName) {
    return job.BestCandidate.CandidateName;
  }
  const first = rankedCandidates[0];
  return first && value(first) !== null ? first.CandidateName : null;
}

/** An objective value with 4 significant digits (`0.8731`, `1.235e+5`), or an em dash. */
export function formatObjective(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) {
    return '—';
  }
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) {
    return v.toExponential(3);
  }
  return String(Number(v.toPrecision(4)));
}

/** A candidate's hyperparameters as `name=value, …` (numbers shortened). */
export function formatHyperparameters(params: Record<string, string> | undefined): string {
  return Object.entries(params ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => {
      const n = Number(v);
      const shown =
        v.trim() !== '' && Number.isFinite(n) && !/^-?\d+$/.test(v) ? formatObjective(n) : v;
      return `${k}=${shown}`;
    })
    .join(', ');
}

/** The training job a candidate is (its training step), for the link to the Training room. */
export function trainingJobOf(candidate: AutoMLCandidate): string {
  const step = candidate.CandidateSteps.find(
    s => s.CandidateStepType === 'AWS::SageMaker::TrainingJob'
  );
  return step?.CandidateStepName ?? candidate.CandidateName;
}
