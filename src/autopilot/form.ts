/**
 * The "New AutoML job" wizard's values and the CreateAutoMLJob request built from them: what
 * is wrong is found here first and named by its field, and a server 400 lands beside the field
 * its `field` path names. Pure functions.
 */
import { DEFAULT_METRICS, isMinimized, metricFits, metricsFor, PROBLEM_LABELS } from './metrics';
import type { AutoMLMode, CreateAutoMLJobRequest, CsvPreview, ProblemType } from './types';

/** The wizard's fields, as typed. */
export interface IWizardValues {
  /** The CSV: a path in the user's home, or a file:// / s3:// URL. */
  input: string;
  target: string;
  /** '' is Auto: Autopilot infers it from the target. */
  problem_type: ProblemType | '';
  /** '' is the problem type's default metric. */
  metric: string;
  /** The time budget in seconds (MaxAutoMLJobRuntimeInSeconds). */
  max_runtime: string;
  max_candidates: string;
  mode: AutoMLMode;
  job_name: string;
  output_path: string;
}

export type WizardField = keyof IWizardValues;

export const MODES: ReadonlyArray<{ value: AutoMLMode; label: string }> = [
  { value: 'AUTO', label: 'Auto' },
  { value: 'HYPERPARAMETER_TUNING', label: 'Hyperparameter tuning' },
  { value: 'ENSEMBLING', label: 'Ensembling' }
];

/** Where the jobs write by default: a folder of the user's home. */
export const DEFAULT_OUTPUT = 'automl';
export const DEFAULT_RUNTIME = 600;
export const DEFAULT_CANDIDATES = 10;
/** SageMaker's limits. */
export const MAX_CANDIDATES = 750;
export const MAX_RUNTIME = 30 * 86400;
export const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/;

export class WizardFieldError extends Error {
  constructor(
    readonly field: WizardField,
    message: string
  ) {
    super(message);
    this.name = 'WizardFieldError';
  }
}

export function emptyWizard(input = '', now: Date = new Date()): IWizardValues {
  return {
    input,
    target: '',
    problem_type: '',
    metric: '',
    max_runtime: String(DEFAULT_RUNTIME),
    max_candidates: String(DEFAULT_CANDIDATES),
    mode: 'AUTO',
    job_name: input ? jobNameFor(input, now) : '',
    output_path: DEFAULT_OUTPUT
  };
}

/**
 * A job name from the CSV's file name and the time (`titanic-0102-1530`), within SageMaker's
 * 32 characters.
 */
export function jobNameFor(input: string, now: Date = new Date()): string {
  const file = input.replace(/\/+$/, '').split('/').pop() ?? '';
  const stem =
    file
      .replace(/\.csv$/i, '')
      .replace(/[^a-zA-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 20)
      .replace(/-+$/, '') || 'automl';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${stem}-${stamp}`;
}

/** The problem type the preview suggests for the target, or null. */
export function suggestedProblemType(
  preview: Pick<CsvPreview, 'SuggestedProblemTypes'> | null,
  target: string
): ProblemType | null {
  return (target && preview?.SuggestedProblemTypes?.[target]) || null;
}

/** The problem type the metrics follow: the chosen one, else the one suggested for the target. */
export function effectiveProblemType(
  values: Pick<IWizardValues, 'problem_type' | 'target'>,
  preview: Pick<CsvPreview, 'SuggestedProblemTypes'> | null
): ProblemType | null {
  return values.problem_type || suggestedProblemType(preview, values.target);
}

/** The metric select's choices: '' (the default of the problem type) then those that fit. */
export function metricChoices(problemType: ProblemType | null): { value: string; label: string }[] {
  return [
    { value: '', label: problemType ? `Default (${DEFAULT_METRICS[problemType]})` : 'Default' },
    ...metricsFor(problemType).map(m => ({
      value: m,
      label: `${m} (${isMinimized(m) ? 'lower' : 'higher'} is better)`
    }))
  ];
}

/**
 * The values after one field changed: a metric that no longer fits the problem type goes back
 * to the default, and a new target clears a chosen metric that does not fit its suggestion.
 */
export function withField<K extends WizardField>(
  values: IWizardValues,
  field: K,
  value: IWizardValues[K],
  preview: Pick<CsvPreview, 'SuggestedProblemTypes'> | null
): IWizardValues {
  const next = { ...values, [field]: value };
  if (field === 'input' && !values.job_name.trim() && typeof value === 'string' && value.trim()) {
    next.job_name = jobNameFor(value);
  }
  const kind = effectiveProblemType(next, preview);
  if (next.metric && !metricFits(next.metric, kind)) {
    next.metric = '';
  }
  return next;
}

/** A whole number typed in a field, within limits; a field error otherwise. */
function integer(
  values: IWizardValues,
  field: 'max_runtime' | 'max_candidates',
  what: string,
  max: number
): number {
  const text = values[field].trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new WizardFieldError(field, `${what} is a whole number from 1 to ${max}.`);
  }
  return n;
}

/**
 * The CreateAutoMLJob request of the wizard's values (with the preview's columns, when read);
 * throws a `WizardFieldError` naming what is wrong.
 */
export function buildAutoMLRequest(
  values: IWizardValues,
  preview: Pick<CsvPreview, 'Columns' | 'SuggestedProblemTypes'> | null = null
): CreateAutoMLJobRequest {
  const input = values.input.trim();
  if (!input) {
    throw new WizardFieldError('input', 'Choose a CSV file, or type its path or URL.');
  }
  const target = values.target.trim();
  if (!target) {
    throw new WizardFieldError('target', 'Choose the column to predict.');
  }
  if (preview && !preview.Columns.some(c => c.Name === target)) {
    throw new WizardFieldError('target', `The file has no column "${target}".`);
  }
  const kind = effectiveProblemType(values, preview);
  if (values.metric && !metricFits(values.metric, kind)) {
    throw new WizardFieldError(
      'metric',
      `${values.metric} does not fit ${kind ? PROBLEM_LABELS[kind].toLowerCase() : 'this problem'}.`
    );
  }
  const runtime = integer(values, 'max_runtime', 'The time budget', MAX_RUNTIME);
  const candidates = integer(values, 'max_candidates', 'Max candidates', MAX_CANDIDATES);
  const name = values.job_name.trim();
  if (!JOB_NAME.test(name)) {
    throw new WizardFieldError(
      'job_name',
      'Up to 32 letters, digits and hyphens, starting and ending with a letter or digit.'
    );
  }
  const output = values.output_path.trim();
  if (!output) {
    throw new WizardFieldError('output_path', 'Where the job writes its notebooks and models.');
  }
  const request: CreateAutoMLJobRequest = {
    AutoMLJobName: name,
    InputDataConfig: [
      {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input } },
        TargetAttributeName: target
      }
    ],
    OutputDataConfig: { S3OutputPath: output },
    AutoMLJobConfig: {
      CompletionCriteria: { MaxCandidates: candidates, MaxAutoMLJobRuntimeInSeconds: runtime },
      Mode: values.mode
    }
  };
  if (values.problem_type) {
    request.ProblemType = values.problem_type;
  }
  if (values.metric) {
    request.AutoMLJobObjective = { MetricName: values.metric };
  }
  return request;
}

/** The wizard field a server error's `field` path names (null: none; shown above the buttons). */
export function wizardTargetFor(field: string | null | undefined): WizardField | null {
  if (!field) {
    return null;
  }
  if (/(^|\.)TargetAttributeName$/.test(field)) {
    return 'target';
  }
  if (field === 'S3Uri' || field.startsWith('InputDataConfig')) {
    return 'input';
  }
  if (field.startsWith('AutoMLJobObjective')) {
    return 'metric';
  }
  if (field === 'ProblemType') {
    return 'problem_type';
  }
  if (field.startsWith('OutputDataConfig')) {
    return 'output_path';
  }
  if (field === 'AutoMLJobName') {
    return 'job_name';
  }
  if (field.endsWith('MaxCandidates')) {
    return 'max_candidates';
  }
  if (field.endsWith('MaxAutoMLJobRuntimeInSeconds')) {
    return 'max_runtime';
  }
  if (field.startsWith('AutoMLJobConfig.Mode')) {
    return 'mode';
  }
  return null;
}
