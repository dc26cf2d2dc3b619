/**
 * The "New tuning job" form as plain values, the request they make, and where a server error
 * belongs in the form. No React here, so it is tested on its own.
 */
import { parseValue } from '../core/formValues';
import { inferObjective, ObjectiveType } from '../core/objective';
import type { ContinuousParameterRange, TuningJobRequest } from '../core/generated/models';
import type { ITuningPrefill } from '../tokens';

export type RangeKind = 'continuous' | 'integer' | 'categorical';
export { inferObjective };
export type { ObjectiveType };
export const STRATEGIES = ['Bayesian', 'Random', 'Grid', 'Hyperband'] as const;
export const SCALINGS = ['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic'] as const;
export type Scaling = NonNullable<ContinuousParameterRange['scaling_type']>;

export interface IRangeRow {
  id: number;
  name: string;
  kind: RangeKind;
  min: string;
  max: string;
  scaling: Scaling;
  /** Categorical values, comma-separated. */
  values: string;
}

export interface ITuningFormValues {
  tuning_job_name: string;
  entry_point: string;
  source_dir: string;
  /** Static hyperparameters: `epochs=10, batch=32`. */
  static_hyperparameters: string;
  metric_name: string;
  metric_regex: string;
  objective_type: ObjectiveType;
  /** Whether the direction follows the metric's name (until the user picks one). */
  objective_auto: boolean;
  strategy: (typeof STRATEGIES)[number];
  max_jobs: string;
  max_parallel_jobs: string;
  early_stopping: boolean;
  ranges: IRangeRow[];
}

/** A form field (`entry_point`), a range row (`ranges.<id>`), or the ranges block (`ranges`). */
export type TuningTarget =
  Exclude<keyof ITuningFormValues, 'ranges'> | 'ranges' | `ranges.${number}`;

export class TuningFieldError extends Error {
  constructor(
    readonly field: TuningTarget,
    message: string
  ) {
    super(message);
    this.name = 'TuningFieldError';
  }
}

let nextId = 0;

export function newRange(kind: RangeKind = 'continuous'): IRangeRow {
  return { id: ++nextId, name: '', kind, min: '', max: '', scaling: 'Auto', values: '' };
}

export function emptyTuningForm(): ITuningFormValues {
  return {
    tuning_job_name: '',
    entry_point: '',
    source_dir: '',
    static_hyperparameters: '',
    metric_name: '',
    metric_regex: '',
    objective_type: 'Maximize',
    objective_auto: true,
    strategy: 'Bayesian',
    max_jobs: '10',
    max_parallel_jobs: '2',
    early_stopping: false,
    ranges: [newRange()]
  };
}

/** The empty form with what a training job already says (the direction from the metric's name). */
export function tuningFormFrom(prefill: ITuningPrefill): ITuningFormValues {
  const form = emptyTuningForm();
  for (const key of PREFILL_FIELDS) {
    const value = prefill[key];
    if (typeof value === 'string') {
      form[key] = value;
    }
  }
  return withMetricName(form, form.metric_name);
}

/** The form with a new metric name; the direction follows the name unless the user chose one. */
export function withMetricName(values: ITuningFormValues, metric: string): ITuningFormValues {
  const next = { ...values, metric_name: metric };
  if (values.objective_auto) {
    next.objective_type = inferObjective(metric)?.type ?? 'Maximize';
  }
  return next;
}

/** `name=value` parts of the static hyperparameters, as typed (parts without `=` left out). */
export function staticEntries(text: string): [string, string][] {
  return text
    .split(',')
    .map(part => part.trim())
    .filter(part => part.indexOf('=') > 0)
    .map(part => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    });
}

/** The static hyperparameters without `name` (it is tuned now). */
export function withoutStatic(text: string, name: string): string {
  return text
    .split(',')
    .map(part => part.trim())
    .filter(part => part && part.slice(0, part.indexOf('=')).trim() !== name)
    .join(', ');
}

function round(n: number): number {
  return Number(n.toPrecision(6));
}

/**
 * A range to search around a hyperparameter's value: whole numbers from half to twice it;
 * positive fractions a decade either side (logarithmic); text as a category to add to.
 */
export function suggestRange(name: string, valueText: string): IRangeRow {
  const value = parseValue(valueText);
  const row = newRange();
  row.name = name;
  if (typeof value === 'string') {
    row.kind = 'categorical';
    row.values = /^(true|false)$/i.test(value) ? 'true, false' : value;
    return row;
  }
  if (Number.isInteger(value) && !valueText.includes('.') && !/e/i.test(valueText)) {
    row.kind = 'integer';
    if (value > 0) {
      row.min = String(Math.max(1, Math.floor(value / 2)));
      row.max = String(value * 2);
    } else {
      row.min = String(value === 0 ? 0 : value * 2);
      row.max = String(value === 0 ? 10 : 0);
    }
    return row;
  }
  row.kind = 'continuous';
  if (value > 0) {
    row.min = String(round(value / 10));
    row.max = String(round(value < 1 ? Math.min(1, value * 10) : value * 10));
    row.scaling = 'Logarithmic';
  } else {
    row.min = String(value === 0 ? 0 : round(value * 2));
    row.max = String(value === 0 ? 1 : 0);
  }
  return row;
}

/** The fields a prefill may give. */
const PREFILL_FIELDS = [
  'entry_point',
  'source_dir',
  'static_hyperparameters',
  'metric_name',
  'metric_regex'
] as const satisfies ReadonlyArray<keyof ITuningPrefill>;

/** Whether a command argument is a prefill (an object whose known fields are text). */
export function isTuningPrefill(value: unknown): value is ITuningPrefill {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const fields: Record<string, unknown> = { ...value };
  return PREFILL_FIELDS.every(key => fields[key] === undefined || typeof fields[key] === 'string');
}

function wholeNumber(text: string, field: TuningTarget, label: string, max: number): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > max) {
    throw new TuningFieldError(field, `${label} must be a whole number from 1 to ${max}`);
  }
  return n;
}

function number(text: string, row: IRangeRow, label: string, integer: boolean): number {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new TuningFieldError(
      `ranges.${row.id}`,
      `${row.name}: ${label} must be ${integer ? 'a whole number' : 'a number'}`
    );
  }
  return n;
}

/** `a=1, b=x` as {a: 1, b: 'x'}. */
export function parseStatic(text: string): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const part of text
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw new TuningFieldError('static_hyperparameters', `"${part}" is not name=value`);
    }
    out[part.slice(0, eq).trim()] = parseValue(part.slice(eq + 1));
  }
  return out;
}

/** Build the request; throws `TuningFieldError` naming the field or range row that is wrong. */
export function buildTuningJobRequest(values: ITuningFormValues): TuningJobRequest {
  if (!values.entry_point.trim()) {
    throw new TuningFieldError(
      'entry_point',
      'The entry point (the script that trains) is required'
    );
  }
  const metric = values.metric_name.trim();
  if (!metric) {
    throw new TuningFieldError('metric_name', 'Name the objective metric');
  }
  if (!values.metric_regex.trim()) {
    throw new TuningFieldError(
      'metric_regex',
      'A regular expression finds the metric in the log, e.g. loss=([0-9.]+)'
    );
  }
  const ranges: TuningJobRequest['parameter_ranges'] = {
    continuous_parameter_ranges: [],
    integer_parameter_ranges: [],
    categorical_parameter_ranges: []
  };
  for (const row of values.ranges.filter(r => r.name.trim())) {
    const name = row.name.trim();
    if (row.kind === 'categorical') {
      const choices = row.values
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      if (!choices.length) {
        throw new TuningFieldError(`ranges.${row.id}`, `${name}: list values, separated by commas`);
      }
      ranges.categorical_parameter_ranges!.push({ name, values: choices as [string, ...string[]] });
    } else {
      const integer = row.kind === 'integer';
      const item = {
        name,
        min_value: number(row.min, row, 'min', integer),
        max_value: number(row.max, row, 'max', integer),
        scaling_type: row.scaling
      };
      (integer ? ranges.integer_parameter_ranges! : ranges.continuous_parameter_ranges!).push(item);
    }
  }
  if (!values.ranges.some(r => r.name.trim())) {
    throw new TuningFieldError('ranges', 'Add at least one hyperparameter to tune');
  }
  // A hyperparameter with a range is tuned: it is not also sent as a static one.
  const tuned = new Set(values.ranges.map(r => r.name.trim()).filter(Boolean));
  const statics: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(parseStatic(values.static_hyperparameters))) {
    if (!tuned.has(name)) {
      statics[name] = value;
    }
  }
  const request: TuningJobRequest = {
    strategy: values.strategy,
    objective: { type: values.objective_type, metric_name: metric },
    parameter_ranges: ranges,
    max_parallel_jobs: wholeNumber(
      values.max_parallel_jobs,
      'max_parallel_jobs',
      'Parallel jobs',
      100
    ),
    early_stopping_type: values.early_stopping ? 'Auto' : 'Off',
    training_job: {
      entry_point: values.entry_point.trim(),
      hyperparameters: statics,
      metric_definitions: [{ Name: metric, Regex: values.metric_regex.trim() }]
    }
  };
  if (values.max_jobs.trim() || values.strategy !== 'Grid') {
    request.max_jobs = wholeNumber(values.max_jobs, 'max_jobs', 'Training jobs', 500);
  }
  if (values.source_dir.trim()) {
    request.training_job.source_dir = values.source_dir.trim();
  }
  if (values.tuning_job_name.trim()) {
    request.tuning_job_name = values.tuning_job_name.trim();
  }
  return request;
}

const KIND_OF: Record<string, RangeKind> = {
  continuous_parameter_ranges: 'continuous',
  integer_parameter_ranges: 'integer',
  categorical_parameter_ranges: 'categorical'
};

const SIMPLE: Record<string, TuningTarget> = {
  tuning_job_name: 'tuning_job_name',
  strategy: 'strategy',
  max_jobs: 'max_jobs',
  max_parallel_jobs: 'max_parallel_jobs',
  early_stopping_type: 'early_stopping',
  hyperband: 'strategy',
  'objective.metric_name': 'metric_name',
  'objective.type': 'objective_type',
  'training_job.entry_point': 'entry_point',
  'training_job.source_dir': 'source_dir',
  parameter_ranges: 'ranges'
};

/** The form field or range row a server error's `field` belongs to, or null (shown above the form). */
export function tuningTargetFor(
  values: ITuningFormValues,
  field: string | null | undefined
): TuningTarget | null {
  if (!field) {
    return null;
  }
  if (field in SIMPLE) {
    return SIMPLE[field];
  }
  if (field.startsWith('training_job.hyperparameters')) {
    return 'static_hyperparameters';
  }
  if (field.startsWith('training_job.metric_definitions')) {
    return 'metric_regex';
  }
  const match = /^parameter_ranges\.(\w+)(?:\.(\d+))?/.exec(field);
  if (match) {
    const kind = KIND_OF[match[1]];
    const rows = values.ranges.filter(r => r.name.trim() && r.kind === kind);
    const row = match[2] !== undefined ? rows[Number(match[2])] : undefined;
    return row ? `ranges.${row.id}` : 'ranges';
  }
  return null;
}
