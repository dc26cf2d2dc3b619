/**
 * The steps an AutoML job goes through, as SageMaker's secondary statuses name them, and where
 * a job stands on them: the job page's stepper. Pure functions.
 */
import type { AutoMLJob, SecondaryStatus } from './types';

export type StepState = 'done' | 'active' | 'pending' | 'failed' | 'stopped';

export interface IStep {
  /** The secondary status the step is. */
  status: SecondaryStatus;
  label: string;
  state: StepState;
}

/** The working steps, in order (a job's last step is its end, see `stepsOf`). */
export const WORK_STEPS: ReadonlyArray<{ status: SecondaryStatus; label: string }> = [
  { status: 'Starting', label: 'Starting' },
  { status: 'AnalyzingData', label: 'Analyzing data' },
  { status: 'FeatureEngineering', label: 'Feature engineering' },
  { status: 'ModelTuning', label: 'Model tuning' },
  { status: 'GeneratingExplainabilityReport', label: 'Explainability report' }
];

/** The steps of a job that only writes the candidate definitions (and its notebooks). */
const DEFINITION_STEPS = WORK_STEPS.slice(0, 2);

/** How a completed job's end reads. */
const ENDINGS: Partial<Record<SecondaryStatus, string>> = {
  Completed: 'Completed',
  MaxCandidatesReached: 'Completed: max candidates reached',
  MaxAutoMLJobRuntimeReached: 'Completed: time budget reached',
  CandidateDefinitionsGenerated: 'Candidate definitions generated',
  Failed: 'Failed',
  Stopped: 'Stopped',
  Stopping: 'Stopping'
};

/** A secondary status in words. */
export function secondaryLabel(status: SecondaryStatus): string {
  return WORK_STEPS.find(s => s.status === status)?.label ?? ENDINGS[status] ?? status;
}

/**
 * The last working step a job that ended early got to: the one the room saw it in last when it
 * did (`lastSeen`), else the furthest step its results show.
 */
export function reachedStep(job: AutoMLJob, lastSeen?: SecondaryStatus | null): number {
  const seen = WORK_STEPS.findIndex(s => s.status === lastSeen);
  let evidence = 0;
  if (job.DataAnalysisLocation || job.AutoMLJobArtifacts) {
    evidence = 1;
  }
  if ((job.CandidateCount ?? 0) > 0 || job.BestCandidate) {
    evidence = 2;
  }
  if (job.ExplainabilityReportLocation) {
    evidence = 4;
  }
  return Math.max(seen, evidence);
}

/**
 * The stepper of a job: every working step (only those that run for a definitions-only job)
 * and its end, each done, active, pending, or where the job failed or stopped.
 */
export function stepsOf(job: AutoMLJob, lastSeen?: SecondaryStatus | null): IStep[] {
  const definitionsOnly = !!job.GenerateCandidateDefinitionsOnly;
  const work = definitionsOnly ? DEFINITION_STEPS : WORK_STEPS;
  const secondary = job.AutoMLJobSecondaryStatus;
  const endStatus: SecondaryStatus = definitionsOnly
    ? 'CandidateDefinitionsGenerated'
    : 'Completed';
  const steps = (state: (index: number) => StepState): IStep[] => [
    ...work.map((s, i) => ({ ...s, state: state(i) })),
    { status: endStatus, label: ENDINGS[endStatus] ?? endStatus, state: state(work.length) }
  ];
  switch (job.AutoMLJobStatus) {
    case 'Completed': {
      const steps_ = steps(() => 'done');
      // the end says why it ended (max candidates, time budget)
      steps_[steps_.length - 1] = {
        status: secondary,
        label: ENDINGS[secondary] ?? secondaryLabel(secondary),
        state: 'done'
      };
      return steps_;
    }
    case 'InProgress': {
      const at = work.findIndex(s => s.status === secondary);
      const current = at < 0 ? 0 : at;
      return steps(i => (i < current ? 'done' : i === current ? 'active' : 'pending'));
    }
    default: {
      // Failed, Stopping, Stopped: the step it was in ends it
      const at = Math.min(reachedStep(job, lastSeen), work.length - 1);
      const ended: StepState = job.AutoMLJobStatus === 'Failed' ? 'failed' : 'stopped';
      const result = steps(i => (i < at ? 'done' : i === at ? ended : 'pending'));
      result[result.length - 1] = {
        status: secondary,
        label: ENDINGS[secondary] ?? secondary,
        state: job.AutoMLJobStatus === 'Stopping' ? 'active' : ended
      };
      return result;
    }
  }
}

/** Whether the job still moves (its page polls while it does). */
export function isActive(job: Pick<AutoMLJob, 'AutoMLJobStatus'> | null): boolean {
  return !!job && (job.AutoMLJobStatus === 'InProgress' || job.AutoMLJobStatus === 'Stopping');
}
