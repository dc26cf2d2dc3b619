/**
 * The objective metrics Autopilot accepts, by problem type: SageMaker's, as the server checks
 * them (`METRICS` and `DEFAULT_METRICS` in jupyter_smstudio/autopilot/checks.py). Pure.
 */
import type { ProblemType } from './types';

export const PROBLEM_TYPES: ReadonlyArray<ProblemType> = [
  'BinaryClassification',
  'MulticlassClassification',
  'Regression'
];

/** What the problem types read as in the wizard. */
export const PROBLEM_LABELS: Record<ProblemType, string> = {
  BinaryClassification: 'Binary classification',
  MulticlassClassification: 'Multiclass classification',
  Regression: 'Regression'
};

export const METRICS: Record<ProblemType, ReadonlyArray<string>> = {
  BinaryClassification: [
    'Accuracy',
    'AUC',
    'BalancedAccuracy',
    'F1',
    'Precision',
    'Recall',
    'LogLoss'
  ],
  MulticlassClassification: [
    'Accuracy',
    'BalancedAccuracy',
    'F1macro',
    'PrecisionMacro',
    'RecallMacro',
    'LogLoss'
  ],
  Regression: ['MSE', 'RMSE', 'MAE', 'R2']
};

export const DEFAULT_METRICS: Record<ProblemType, string> = {
  BinaryClassification: 'F1',
  MulticlassClassification: 'Accuracy',
  Regression: 'MSE'
};

/** Metrics where lower is better (the others are maximized). */
const MINIMIZED = new Set(['MSE', 'RMSE', 'MAE', 'LogLoss']);

export function isProblemType(value: unknown): value is ProblemType {
  return typeof value === 'string' && (PROBLEM_TYPES as ReadonlyArray<string>).includes(value);
}

/**
 * The metrics the wizard offers: those of the problem type, or, while it is not known (Auto
 * without a suggestion), every metric once.
 */
export function metricsFor(problemType: ProblemType | null | undefined): ReadonlyArray<string> {
  if (problemType) {
    return METRICS[problemType];
  }
  const all: string[] = [];
  for (const p of PROBLEM_TYPES) {
    all.push(...METRICS[p].filter(m => !all.includes(m)));
  }
  return all;
}

/** Whether a metric fits a problem type (any metric fits while the type is unknown). */
export function metricFits(metric: string, problemType: ProblemType | null | undefined): boolean {
  return metricsFor(problemType).includes(metric);
}

/** Whether lower values of the metric are better (`validation:` prefixes are ignored). */
export function isMinimized(metric: string): boolean {
  return MINIMIZED.has(metric.replace(/^validation:/, ''));
}
