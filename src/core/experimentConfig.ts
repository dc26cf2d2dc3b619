/**
 * The "Experiment" and "Trial" fields of the Jobs and Training forms: the job's
 * `experiment_config` (SageMaker's), which places the trial component that tracks the job.
 * Without them the component is unassigned (the Experiments room lists it under "Unassigned
 * trial components"). Pure functions.
 */
import type { ExperimentConfig } from './generated/models';

/** Experiment and trial names (the server's ENTITY_NAME). */
const ENTITY_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$/;

/** The two fields' values. */
export interface IExperimentFields {
  experiment_name: string;
  trial_name: string;
}

/** Why the fields cannot be sent, by field; null when they can. */
export function experimentFieldError(
  values: IExperimentFields
): { field: keyof IExperimentFields; message: string } | null {
  const experiment = values.experiment_name.trim();
  const trial = values.trial_name.trim();
  if (experiment && !ENTITY_NAME.test(experiment)) {
    return {
      field: 'experiment_name',
      message: 'An experiment name has letters, digits and single hyphens (at most 120)'
    };
  }
  if (trial && !ENTITY_NAME.test(trial)) {
    return {
      field: 'trial_name',
      message: 'A trial name has letters, digits and single hyphens (at most 120)'
    };
  }
  if (trial && !experiment) {
    return { field: 'experiment_name', message: 'Name the experiment the trial belongs to' };
  }
  return null;
}

/** The request's `experiment_config`, or undefined when no experiment is named. */
export function experimentConfig(values: IExperimentFields): ExperimentConfig | undefined {
  const experiment = values.experiment_name.trim();
  const trial = values.trial_name.trim();
  if (!experiment) {
    return undefined;
  }
  return trial ? { ExperimentName: experiment, TrialName: trial } : { ExperimentName: experiment };
}

/**
 * The experiment and trial a recorded `experiment_config` names. Records spell its fields
 * either way: SageMaker's (`ExperimentName`, as requests send them) or the server's own
 * (`experiment_name`, as it answers the typed `tracking` part of a job's config).
 */
export function configuredPlacement(config: unknown): { experiment?: string; trial?: string } {
  if (!config || typeof config !== 'object') {
    return {};
  }
  const c = config as Record<string, unknown>;
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = c[key];
      if (typeof value === 'string' && value) {
        return value;
      }
    }
    return undefined;
  };
  return {
    experiment: text('ExperimentName', 'experiment_name'),
    trial: text('TrialName', 'trial_name', 'RunName', 'run_name')
  };
}

/** The experiment a job's recorded configuration places it in, if any. */
export function jobExperiment(config: {
  experiment_config?: unknown;
  tracking?: { experiment_config?: unknown } | null;
}): string | undefined {
  return (
    configuredPlacement(config.experiment_config).experiment ??
    configuredPlacement(config.tracking?.experiment_config).experiment
  );
}

/** The fields from a recorded `experiment_config` (clone). */
export function experimentFields(config: ExperimentConfig | null | undefined): IExperimentFields {
  const placement = configuredPlacement(config);
  return { experiment_name: placement.experiment ?? '', trial_name: placement.trial ?? '' };
}

/** The form field a server error on `experiment_config.<Field>` belongs to. */
export function experimentFieldFor(field: string): keyof IExperimentFields | null {
  const path = field.replace(/^body\./, '');
  if (!path.startsWith('experiment_config')) {
    return null;
  }
  return /TrialName|RunName/.test(path) ? 'trial_name' : 'experiment_name';
}

/** Help texts of the two fields, the same in both forms. */
export const EXPERIMENT_HELP = {
  experiment_name:
    'Tracks the job in this experiment (created when new). Empty: the job is listed under "Unassigned trial components".',
  trial_name: "The experiment's trial the job joins. Empty: a trial of its own."
};
