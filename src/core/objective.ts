/**
 * Which way a metric is better, from its name: `validation:rmse`, `val_loss` are better low;
 * `validation:accuracy`, `f1` better high. The Tuning form picks the objective's direction
 * with it, the leaderboard the order a first click on a metric's heading sorts in. Pure.
 */

export type ObjectiveType = 'Maximize' | 'Minimize';

/** Words of metric names that are better low, and better high. */
const LOWER_IS_BETTER = new Set([
  'loss',
  'error',
  'err',
  'rmse',
  'mse',
  'mae',
  'mape',
  'smape',
  'rmsle',
  'msle',
  'logloss',
  'nll',
  'perplexity',
  'ppl',
  'wer',
  'cer',
  'latency',
  'cost',
  'regret',
  'deviance'
]);
const HIGHER_IS_BETTER = new Set([
  'accuracy',
  'acc',
  'auc',
  'f1',
  'precision',
  'recall',
  'r2',
  'score',
  'map',
  'ndcg',
  'iou',
  'dice',
  'bleu',
  'rouge',
  'reward',
  'return'
]);

/**
 * The direction a metric's name implies (`validation:rmse`, `val_loss`, `trainError` ->
 * Minimize; `validation:accuracy`, `f1` -> Maximize), with the word that says so; null when the
 * name says nothing. The last such word decides (`error_rate_of_accuracy` is rare; names end
 * with their measure).
 */
export function inferObjective(metric: string): { type: ObjectiveType; word: string } | null {
  const words = metric
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const word of [...words].reverse()) {
    if (LOWER_IS_BETTER.has(word) || word.endsWith('loss') || word.endsWith('error')) {
      return { type: 'Minimize', word };
    }
    if (HIGHER_IS_BETTER.has(word)) {
      return { type: 'Maximize', word };
    }
  }
  return null;
}
