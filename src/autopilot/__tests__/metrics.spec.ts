import { DEFAULT_METRICS, isMinimized, metricFits, METRICS, metricsFor } from '../metrics';

describe('metrics by problem type', () => {
  it('match the server’s table (checks.py)', () => {
    expect(METRICS.BinaryClassification).toEqual([
      'Accuracy',
      'AUC',
      'BalancedAccuracy',
      'F1',
      'Precision',
      'Recall',
      'LogLoss'
    ]);
    expect(METRICS.MulticlassClassification).toContain('F1macro');
    expect(METRICS.MulticlassClassification).not.toContain('AUC');
    expect(METRICS.Regression).toEqual(['MSE', 'RMSE', 'MAE', 'R2']);
    expect(DEFAULT_METRICS).toEqual({
      BinaryClassification: 'F1',
      MulticlassClassification: 'Accuracy',
      Regression: 'MSE'
    });
  });

  it('offer only those that fit', () => {
    expect(metricFits('F1', 'BinaryClassification')).toBe(true);
    expect(metricFits('F1', 'MulticlassClassification')).toBe(false);
    expect(metricFits('R2', 'BinaryClassification')).toBe(false);
    expect(metricFits('R2', null)).toBe(true);
    const all = metricsFor(null);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(14);
  });

  it('know which way each points', () => {
    expect(isMinimized('MSE')).toBe(true);
    expect(isMinimized('validation:LogLoss')).toBe(true);
    expect(isMinimized('AUC')).toBe(false);
    expect(isMinimized('R2')).toBe(false);
  });
});
