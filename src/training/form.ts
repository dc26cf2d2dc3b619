/**
 * The "New training job" form: rows of the form -> `TrainingJobRequest`, server error fields ->
 * the form field (or row) they belong to, a described job -> form values (clone).
 * Pure functions, unit-tested in __tests__/form.spec.ts.
 */
import {
  experimentConfig,
  experimentFieldError,
  experimentFieldFor,
  experimentFields
} from '../core/experimentConfig';
import { parseValue } from '../core/formValues';
import type {
  AlgorithmSpecification,
  DescribeTrainingJob,
  TrainingJobConfig,
  TrainingJobRequest
} from '../core/generated/models';

export const FRAMEWORKS = ['sklearn', 'pytorch', 'xgboost'] as const;
export type Framework = (typeof FRAMEWORKS)[number] | '';

/** One row of a key/value list (hyperparameter, input channel, metric definition). */
export interface IRow {
  /** Stable id (React key, error target); not sent. */
  id: number;
  key: string;
  value: string;
}

export interface ITrainingFormValues {
  entry_point: string;
  source_dir: string;
  framework: Framework;
  instance_type: string;
  instance_count: string;
  /** key = name, value = value (parsed as a number when numeric). */
  hyperparameters: IRow[];
  /** key = channel name, value = URL or path. */
  channels: IRow[];
  /** key = Name, value = Regex. */
  metrics: IRow[];
  max_run: string;
  job_name: string;
  /** The experiment (and trial) that track the job; empty: unassigned. */
  experiment_name: string;
  trial_name: string;
}

/** The row lists of the form. */
export type RowList = 'hyperparameters' | 'channels' | 'metrics';

/** Simple (single-input) fields of the form. */
export type SimpleField = Exclude<keyof ITrainingFormValues, RowList>;

/**
 * Where an error shows: a simple field name (`entry_point`) or a row (`channels.<row id>`).
 */
export type FormTarget = SimpleField | `${RowList}.${number}`;

let nextRowId = 1;

export function newRow(key = '', value = ''): IRow {
  return { id: nextRowId++, key, value };
}

export function emptyForm(): ITrainingFormValues {
  return {
    entry_point: '',
    source_dir: '',
    framework: '',
    instance_type: 'local',
    instance_count: '1',
    hyperparameters: [newRow()],
    channels: [newRow()],
    metrics: [newRow()],
    max_run: '',
    job_name: '',
    experiment_name: '',
    trial_name: ''
  };
}

/** An input error that belongs to one form field or row. */
export class FieldError extends Error {
  constructor(
    readonly field: FormTarget,
    message: string
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

function isBlank(row: IRow): boolean {
  return !row.key.trim() && !row.value.trim();
}

/** The rows that are sent (blank rows are left out), in order. */
export function filledRows(rows: ReadonlyArray<IRow>): IRow[] {
  return rows.filter(r => !isBlank(r));
}

function positiveInt(text: string, field: SimpleField, label: string, max?: number): number {
  const n = Number(text.trim());
  if (
    !/^\d+$/.test(text.trim()) ||
    !Number.isInteger(n) ||
    n < 1 ||
    (max !== undefined && n > max)
  ) {
    throw new FieldError(
      field,
      `${label} must be a whole number from 1${max !== undefined ? ` to ${max}` : ''}`
    );
  }
  return n;
}

/** Build the request; throws `FieldError` naming the field or row that is wrong. */
export function buildTrainingJobRequest(values: ITrainingFormValues): TrainingJobRequest {
  const entry = values.entry_point.trim();
  if (!entry) {
    throw new FieldError('entry_point', 'The entry point (the script that trains) is required');
  }
  const request: TrainingJobRequest = {
    entry_point: entry,
    instance_type: values.instance_type.trim() || 'local',
    instance_count: positiveInt(
      values.instance_count || '1',
      'instance_count',
      'Instance count',
      16
    )
  };
  const source = values.source_dir.trim();
  if (source) {
    request.source_dir = source;
  }
  if (values.framework) {
    request.framework = values.framework;
  }
  if (values.max_run.trim()) {
    request.max_run = positiveInt(values.max_run, 'max_run', 'Max run (seconds)', 28 * 86400);
  }
  if (values.job_name.trim()) {
    request.job_name = values.job_name.trim();
  }
  const experimentError = experimentFieldError(values);
  if (experimentError) {
    throw new FieldError(experimentError.field, experimentError.message);
  }
  const experiment = experimentConfig(values);
  if (experiment) {
    request.experiment_config = experiment;
  }

  const hyperparameters: Record<string, number | string> = {};
  for (const row of filledRows(values.hyperparameters)) {
    const key = row.key.trim();
    if (!key) {
      throw new FieldError(`hyperparameters.${row.id}`, 'A hyperparameter needs a name');
    }
    if (key in hyperparameters) {
      throw new FieldError(`hyperparameters.${row.id}`, `Hyperparameter '${key}' is given twice`);
    }
    hyperparameters[key] = parseValue(row.value);
  }
  if (Object.keys(hyperparameters).length) {
    request.hyperparameters = hyperparameters;
  }

  const inputs: NonNullable<TrainingJobRequest['inputs']> = {};
  for (const row of filledRows(values.channels)) {
    const name = row.key.trim();
    const url = row.value.trim();
    if (!name) {
      throw new FieldError(`channels.${row.id}`, 'A channel needs a name (e.g. train)');
    }
    if (!url) {
      throw new FieldError(`channels.${row.id}`, `Channel '${name}' needs a URL or path`);
    }
    if (name in inputs) {
      throw new FieldError(`channels.${row.id}`, `Channel '${name}' is given twice`);
    }
    inputs[name] = { s3_data: url };
  }
  if (Object.keys(inputs).length) {
    request.inputs = inputs;
  }

  const metrics = filledRows(values.metrics).map(row => {
    const name = row.key.trim();
    const regex = row.value.trim();
    if (!name || !regex) {
      throw new FieldError(`metrics.${row.id}`, 'A metric definition needs a name and a regex');
    }
    return { Name: name, Regex: regex };
  });
  if (metrics.length) {
    request.metric_definitions = metrics;
  }
  return request;
}

const SIMPLE: Record<string, SimpleField> = {
  entry_point: 'entry_point',
  source_dir: 'source_dir',
  framework: 'framework',
  instance_type: 'instance_type',
  instance_count: 'instance_count',
  max_run: 'max_run',
  job_name: 'job_name',
  base_job_name: 'job_name'
};

/** The row whose name is `rest` or a prefix of it (`rest` = `<name>` or `<name>.<more>`). */
function rowByName(rows: ReadonlyArray<IRow>, rest: string): IRow | undefined {
  let best: IRow | undefined;
  for (const row of filledRows(rows)) {
    const name = row.key.trim();
    if (name && (rest === name || rest.startsWith(`${name}.`))) {
      if (!best || name.length > best.key.trim().length) {
        best = row;
      }
    }
  }
  return best;
}

/**
 * The form field or row a server 400's `field` belongs to (`inputs.train.s3_data` -> the
 * `train` channel row; `hyperparameters.C` -> the `C` row; `metric_definitions.0.Regex` -> the
 * first filled metric row), or null when the form has no such field.
 */
export function formTargetFor(
  values: ITrainingFormValues,
  field: string | null | undefined
): FormTarget | null {
  if (!field) {
    return null;
  }
  if (field in SIMPLE) {
    return SIMPLE[field];
  }
  const experiment = experimentFieldFor(field);
  if (experiment) {
    return experiment;
  }
  const dot = field.indexOf('.');
  if (dot < 0) {
    return null;
  }
  const head = field.slice(0, dot);
  const rest = field.slice(dot + 1);
  if (head === 'hyperparameters') {
    const row = rowByName(values.hyperparameters, rest);
    return row ? `hyperparameters.${row.id}` : null;
  }
  if (head === 'inputs') {
    const row = rowByName(values.channels, rest);
    return row ? `channels.${row.id}` : null;
  }
  if (head === 'metric_definitions') {
    const index = parseInt(rest, 10);
    const row = Number.isInteger(index) ? filledRows(values.metrics)[index] : undefined;
    return row ? `metrics.${row.id}` : null;
  }
  return null;
}

function rowsFrom(entries: [string, string][]): IRow[] {
  const rows = entries.map(([k, v]) => newRow(k, v));
  return rows.length ? rows : [newRow()];
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A channel's URL in a recorded configuration: the URL, or the request's `{ s3_data }`. */
function channelUrl(value: unknown): string {
  if (typeof value === 'object' && value !== null && 's3_data' in value) {
    return text(value.s3_data);
  }
  return text(value);
}

/**
 * Form values that repeat a job's configuration ("Clone into a new job"). `config` is the
 * job's recorded configuration (it keeps the request as sent: source_dir, typed
 * hyperparameters); the description fills in what it lacks. The job name is left empty (a new
 * one is generated).
 */
export function formFromJob(
  description: DescribeTrainingJob | null,
  config: TrainingJobConfig = {}
): ITrainingFormValues {
  const spec: AlgorithmSpecification = description?.AlgorithmSpecification ?? {};
  const framework = text(config.framework ?? spec.Framework);
  const hps = config.hyperparameters ?? description?.HyperParameters ?? {};
  const channels: [string, string][] = config.inputs
    ? Object.entries(config.inputs).map(([k, v]) => [k, channelUrl(v)])
    : (description?.InputDataConfig ?? []).map(c => [
        c.ChannelName,
        c.DataSource.S3DataSource.S3Uri
      ]);
  const metricDefs = config.metric_definitions ?? spec.MetricDefinitions ?? [];
  const maxRun = config.max_run ?? description?.StoppingCondition.MaxRuntimeInSeconds;
  return {
    entry_point: text(config.entry_point ?? spec.EntryPoint),
    source_dir: text(config.source_dir),
    framework: (FRAMEWORKS as ReadonlyArray<string>).includes(framework)
      ? (framework as Framework)
      : '',
    instance_type:
      text(config.instance_type ?? description?.ResourceConfig.InstanceType) || 'local',
    instance_count: text(config.instance_count ?? description?.ResourceConfig.InstanceCount) || '1',
    hyperparameters: rowsFrom(Object.entries(hps).map(([k, v]) => [k, text(v)])),
    channels: rowsFrom(channels),
    metrics: rowsFrom(metricDefs.map(m => [m.Name, m.Regex])),
    max_run: text(maxRun),
    job_name: '',
    ...experimentFields(config.experiment_config ?? description?.ExperimentConfig)
  };
}

/**
 * A `file://` URL (or absolute path) inside the Jupyter root, as a path relative to the root
 * (what `filebrowser:go-to-path` takes), or null when it is elsewhere (s3://, outside the root).
 */
export function rootRelativePath(
  url: string | null | undefined,
  root: string | null | undefined
): string | null {
  if (!url || !root) {
    return null;
  }
  let path: string;
  if (url.startsWith('file://')) {
    try {
      path = decodeURIComponent(url.slice('file://'.length));
    } catch {
      return null;
    }
  } else if (url.startsWith('/')) {
    path = url;
  } else {
    return null;
  }
  const base = root.replace(/\/+$/, '');
  if (path === base) {
    return '';
  }
  if (!path.startsWith(`${base}/`)) {
    return null;
  }
  const rel = path.slice(base.length + 1);
  return rel.split('/').includes('..') ? null : rel;
}

/** The folder of a path (`a/b/model.tar.gz` -> `a/b`; `x` -> ``). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
