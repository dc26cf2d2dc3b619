/**
 * Links between rooms. Each room's open command takes the record to show as its arguments, so
 * any room (or the palette, or a notebook) opens any record's page through JupyterLab's
 * commands: rooms never depend on each other, which plugins could not do both ways (a cycle).
 */
import type { ReadonlyJSONObject } from '@lumino/coreutils';

import type { TrialComponent } from './generated/models';

/** The open command of each room; its arguments name the record (see `linkTarget`). */
export const OPEN_COMMANDS = {
  jobs: 'smstudio:jobs-open',
  training: 'smstudio:training-open',
  tuning: 'smstudio:tuning-open',
  experiments: 'smstudio:experiments-open',
  endpoints: 'smstudio:endpoints-open'
} as const;

/** The tag the Tuning room puts on each training job it starts (value: the tuning job's name). */
export const TUNING_JOB_TAG = 'smstudio:tuning-job';

/** A record whose page a link opens. */
export type RecordRef =
  /** A job of any kind: training and processing jobs open in the Training room. */
  | { kind: 'job'; name: string; jobKind?: string }
  | { kind: 'tuning-job'; name: string }
  | { kind: 'experiment'; name: string }
  | { kind: 'endpoint'; name: string }
  /** The Endpoints room's models and endpoint configs. */
  | { kind: 'model'; name: string }
  | { kind: 'endpoint-config'; name: string }
  /** The trial components that belong to no trial (SageMaker's "Unassigned trial components"). */
  | { kind: 'unassigned' }
  | { kind: 'trial-component'; name: string; experiment?: string };

/** What a link runs: a room's open command with the record as arguments. */
export interface ILinkTarget {
  command: string;
  args: ReadonlyJSONObject;
}

/** Job kinds the Training room shows (the others open in the Jobs room). */
const TRAINING_KINDS = ['training', 'processing'];

/** The command (and its arguments) that opens a record's page. */
export function linkTarget(ref: RecordRef): ILinkTarget {
  switch (ref.kind) {
    case 'job':
      return ref.jobKind && TRAINING_KINDS.includes(ref.jobKind)
        ? { command: OPEN_COMMANDS.training, args: { job_name: ref.name, kind: ref.jobKind } }
        : { command: OPEN_COMMANDS.jobs, args: { job_name: ref.name } };
    case 'tuning-job':
      return { command: OPEN_COMMANDS.tuning, args: { tuning_job_name: ref.name } };
    case 'experiment':
      return { command: OPEN_COMMANDS.experiments, args: { experiment_name: ref.name } };
    case 'endpoint':
      return { command: OPEN_COMMANDS.endpoints, args: { endpoint_name: ref.name } };
    case 'model':
      return { command: OPEN_COMMANDS.endpoints, args: { model_name: ref.name } };
    case 'endpoint-config':
      return { command: OPEN_COMMANDS.endpoints, args: { endpoint_config_name: ref.name } };
    case 'unassigned':
      return { command: OPEN_COMMANDS.experiments, args: { unassigned: true } };
    case 'trial-component':
      return {
        command: OPEN_COMMANDS.experiments,
        args: ref.experiment
          ? { trial_component_name: ref.name, experiment_name: ref.experiment }
          : { trial_component_name: ref.name }
      };
  }
}

/** A tooltip that says where a link goes. */
export function linkTitle(ref: RecordRef): string {
  switch (ref.kind) {
    case 'job':
      return ref.jobKind && TRAINING_KINDS.includes(ref.jobKind)
        ? `Open ${ref.jobKind} job ${ref.name} in the Training room`
        : `Open job ${ref.name} in the Jobs room`;
    case 'tuning-job':
      return `Open tuning job ${ref.name} in the Tuning room`;
    case 'experiment':
      return `Open experiment ${ref.name} in the Experiments room`;
    case 'endpoint':
      return `Open endpoint ${ref.name} in the Endpoints room`;
    case 'model':
      return `Open model ${ref.name} in the Endpoints room`;
    case 'endpoint-config':
      return `Open endpoint config ${ref.name} in the Endpoints room`;
    case 'unassigned':
      return 'Open the trial components that belong to no trial';
    case 'trial-component':
      return `Open trial component ${ref.name} in the Experiments room`;
  }
}

/**
 * The job that made a trial component (its source), when this server ran it: jobs record their
 * name as `source_arn` and `smstudio:<kind>-job` as `source_type`.
 */
export function componentSource(
  component: Pick<TrialComponent, 'source_arn' | 'source_type'>
): RecordRef | null {
  const match = /^smstudio:(.+)-job$/.exec(component.source_type ?? '');
  if (!match || !component.source_arn) {
    return null;
  }
  return { kind: 'job', name: component.source_arn, jobKind: match[1] };
}

/** The kinds of job SageMaker has: their components are named `<job>-aws-<kind>-job`, as SageMaker does. */
const SAGEMAKER_JOB_KINDS = new Set(['training', 'processing', 'transform']);

/** The trial component that tracks a job (the server's `trial_component_name`, jobs/models.py). */
export function jobComponentName(jobName: string, jobKind: string): string {
  const prefix = SAGEMAKER_JOB_KINDS.has(jobKind) ? 'aws-' : '';
  return `${jobName}-${prefix}${jobKind}-job`.slice(0, 120).replace(/-+$/, '');
}

/** A string argument of a command, or undefined. */
export function stringArg(args: ReadonlyJSONObject, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value ? value : undefined;
}
