/**
 * The constraints editor's pure logic: the editable fields of SageMaker's constraints.json (a
 * data quality file's per feature and drift comparison, a model quality file's per metric),
 * their checks (the server's), and the file with the edits written in.
 */

/** The editable part of one feature's constraints: text as typed. */
export interface IFeatureEdit {
  /** The completeness threshold (0..1). */
  completeness: string;
  /** num_constraints.is_non_negative; null where the feature is not numeric. */
  nonNegative: boolean | null;
}

/** A model quality constraint (`<problem>_constraints.<metric>`): text as typed. */
export interface IQualityEdit {
  metric: string;
  threshold: string;
  operator: string;
}

/**
 * The editable constraints: a data quality file's (per feature, and the drift comparison's) or
 * a model quality file's (per metric: threshold and comparison operator).
 */
export interface IConstraintEdits {
  /** `data` for a data quality constraints.json; a model quality one's section, e.g. `regression_constraints`. */
  kind: string;
  features: Record<string, IFeatureEdit>;
  quality: IQualityEdit[];
  /** distribution_constraints.comparison_threshold. */
  threshold: string;
  /** distribution_constraints.comparison_method: Simple or Robust. */
  method: string;
}

export const COMPARISON_METHODS = ['Simple', 'Robust'] as const;

/** How a model quality metric is compared with its threshold (a violation when true). */
export const COMPARISON_OPERATORS = [
  'LessThanThreshold',
  'GreaterThanThreshold',
  'LessThanOrEqualToThreshold',
  'GreaterThanOrEqualToThreshold'
] as const;

/** The sections of a model quality constraints.json, one per problem type. */
const QUALITY_SECTIONS = [
  'binary_classification_constraints',
  'multiclass_classification_constraints',
  'regression_constraints'
];

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function featureList(constraints: unknown): Json[] {
  const features = asObject(constraints).features;
  return Array.isArray(features) ? features.map(asObject) : [];
}

function distribution(constraints: unknown): Json {
  return asObject(asObject(asObject(constraints).monitoring_config).distribution_constraints);
}

const text = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : '';

/** The fields of the editor, from a constraints.json. */
export function constraintEdits(constraints: unknown): IConstraintEdits {
  const features: Record<string, IFeatureEdit> = {};
  for (const f of featureList(constraints)) {
    if (typeof f.name !== 'string') {
      continue;
    }
    const numeric = asObject(f.num_constraints);
    features[f.name] = {
      completeness: text(f.completeness),
      nonNegative:
        typeof numeric.is_non_negative === 'boolean'
          ? numeric.is_non_negative
          : f.inferred_type === 'Integral' || f.inferred_type === 'Fractional'
            ? false
            : null
    };
  }
  const config = distribution(constraints);
  const section = QUALITY_SECTIONS.find(k => k in asObject(constraints));
  const quality = section
    ? Object.entries(asObject(asObject(constraints)[section])).map(([metric, rule]) => ({
        metric,
        threshold: text(asObject(rule).threshold),
        operator: String(asObject(rule).comparison_operator ?? 'LessThanThreshold')
      }))
    : [];
  return {
    kind: section && !Object.keys(features).length ? section : 'data',
    features,
    quality,
    threshold: text(config.comparison_threshold),
    method: typeof config.comparison_method === 'string' ? config.comparison_method : 'Robust'
  };
}

/** What is wrong with an edit: the field (`threshold`, or `<feature>.completeness`) and why. */
export interface IEditProblem {
  field: string;
  message: string;
}

function parseFraction(value: string): number | null {
  const n = value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/** The first problem of the edits (the same checks as the server's), or null. */
export function editProblem(edits: IConstraintEdits): IEditProblem | null {
  if (edits.kind !== 'data') {
    for (const q of edits.quality) {
      if (q.threshold.trim() === '' || !Number.isFinite(Number(q.threshold))) {
        return {
          field: `${q.metric}.threshold`,
          message: `The threshold of ${q.metric} must be a number.`
        };
      }
      if (!(COMPARISON_OPERATORS as ReadonlyArray<string>).includes(q.operator)) {
        return {
          field: `${q.metric}.operator`,
          message: `The comparison of ${q.metric} is one of ${COMPARISON_OPERATORS.join(', ')}.`
        };
      }
    }
    return null;
  }
  for (const [name, edit] of Object.entries(edits.features)) {
    if (edit.completeness.trim() !== '' && parseFraction(edit.completeness) === null) {
      return {
        field: `${name}.completeness`,
        message: `The completeness of ${name} must be a number from 0 to 1.`
      };
    }
  }
  if (parseFraction(edits.threshold) === null) {
    return { field: 'threshold', message: 'The drift threshold must be a number from 0 to 1.' };
  }
  if (!(COMPARISON_METHODS as ReadonlyArray<string>).includes(edits.method)) {
    return { field: 'method', message: 'The comparison method is Simple or Robust.' };
  }
  return null;
}

/**
 * The constraints.json with the edits written in: every other field as it was (the file stays
 * SageMaker's). A feature whose completeness field is empty keeps no completeness constraint.
 */
export function applyEdits(constraints: unknown, edits: IConstraintEdits): Json {
  const original = asObject(constraints);
  if (edits.kind !== 'data') {
    const section = asObject(original[edits.kind]);
    const rules: Json = { ...section };
    for (const q of edits.quality) {
      rules[q.metric] = {
        ...asObject(section[q.metric]),
        threshold: Number(q.threshold),
        comparison_operator: q.operator
      };
    }
    return { ...original, [edits.kind]: rules };
  }
  const features = featureList(constraints).map(f => {
    const edit = typeof f.name === 'string' ? edits.features[f.name] : undefined;
    if (!edit) {
      return f;
    }
    const next: Json = { ...f };
    const completeness = parseFraction(edit.completeness);
    if (completeness === null) {
      delete next.completeness;
    } else {
      next.completeness = completeness;
    }
    if (edit.nonNegative !== null) {
      next.num_constraints = { ...asObject(f.num_constraints), is_non_negative: edit.nonNegative };
    }
    return next;
  });
  const config = asObject(original.monitoring_config);
  return {
    ...original,
    features,
    monitoring_config: {
      ...config,
      distribution_constraints: {
        ...distribution(constraints),
        comparison_threshold: Number(edits.threshold),
        comparison_method: edits.method
      }
    }
  };
}

/** Whether the edits change the constraints. */
export function editsChanged(constraints: unknown, edits: IConstraintEdits): boolean {
  return JSON.stringify(constraintEdits(constraints)) !== JSON.stringify(edits);
}
