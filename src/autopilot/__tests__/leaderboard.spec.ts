import { classBalance } from '../AnalysisTable';
import { importanceBars } from '../explain';
import {
  bestName,
  formatHyperparameters,
  formatObjective,
  jobMetric,
  minimizes,
  ranked,
  trainingJobOf
} from '../leaderboard';
import { candidate, job } from './fixtures';

describe('the leaderboard', () => {
  const a = candidate('churn-dpp0-lgbm', 0.8);
  const b = candidate('churn-dpp1-linear', 0.9);
  const c = candidate('churn-dpp2-rf', null);

  it('ranks best first whichever way the metric points, unfinished last', () => {
    expect(ranked([a, c, b], false).map(x => x.CandidateName)).toEqual([
      'churn-dpp1-linear',
      'churn-dpp0-lgbm',
      'churn-dpp2-rf'
    ]);
    expect(ranked([a, c, b], true).map(x => x.CandidateName)).toEqual([
      'churn-dpp0-lgbm',
      'churn-dpp1-linear',
      'churn-dpp2-rf'
    ]);
  });

  it('puts the job’s best first among equal values', () => {
    const d = candidate('churn-dpp3-mlp', 0.9);
    expect(ranked([b, d], false, 'churn-dpp1-linear')[0].CandidateName).toBe('churn-dpp1-linear');
    expect(ranked([b, d], false, 'churn-dpp3-mlp')[0].CandidateName).toBe('churn-dpp3-mlp');
  });

  it('marks the job’s best candidate, else the leader', () => {
    expect(bestName(job(), ranked([a, b], false))).toBe('churn-dpp1-linear');
    expect(bestName(job({ BestCandidate: a }), ranked([a, b], false))).toBe('churn-dpp0-lgbm');
    expect(bestName(job(), [c])).toBeNull();
  });

  it('reads the objective and its direction', () => {
    expect(jobMetric(job(), [a])).toBe('F1');
    expect(jobMetric(job({ AutoMLJobObjective: { MetricName: 'AUC' } }), [a])).toBe('AUC');
    expect(
      jobMetric(job({ ResolvedAttributes: { AutoMLJobObjective: { MetricName: 'MSE' } } }), [])
    ).toBe('MSE');
    expect(jobMetric(job(), [])).toBe('Objective');
    expect(minimizes('F1', [a])).toBe(false);
    expect(minimizes('MSE', [])).toBe(true);
  });

  it('writes values and hyperparameters short', () => {
    expect(formatObjective(0.87312345)).toBe('0.8731');
    expect(formatObjective(123456.7)).toBe('1.235e+5');
    expect(formatObjective(0)).toBe('0');
    expect(formatObjective(null)).toBe('—');
    expect(
      formatHyperparameters({ n_estimators: '200', learning_rate: '0.0312345', kind: 'x' })
    ).toBe('kind=x, learning_rate=0.03123, n_estimators=200');
    expect(formatHyperparameters(undefined)).toBe('');
  });

  it('links a candidate to its training job', () => {
    expect(trainingJobOf(a)).toBe('churn-dpp0-lgbm');
    expect(trainingJobOf({ ...a, CandidateSteps: [] })).toBe('churn-dpp0-lgbm');
  });

  it('draws the most important columns, the most important on top', () => {
    const bars = importanceBars(
      {
        method: 'permutation',
        metric: 'F1',
        n_rows: 100,
        feature_importance: [
          { feature: 'b', importance: 0.1, std: 0.01 },
          { feature: 'a', importance: 0.3, std: 0.02 },
          { feature: 'c', importance: 0.0, std: 0 }
        ]
      },
      2
    );
    expect(bars.features).toEqual(['b', 'a']);
    expect(bars.importance).toEqual([0.1, 0.3]);
    expect(bars.hidden).toBe(1);
  });

  it('writes the class balance', () => {
    expect(classBalance({ no: 80, yes: 120 })).toBe('yes 120 (60%), no 80 (40%)');
    expect(classBalance(null)).toBe('');
  });
});
