import type { MonitorApi } from '../api';
import { applyEdits, constraintEdits, editProblem, editsChanged } from '../constraints';
import {
  driftThreshold,
  formatNumber,
  formatPercent,
  histogramShares,
  historyLines,
  qualityLines,
  isRunning,
  scheduleFacts,
  sparklineBars
} from '../logic';
import { monitorTarget } from '../links';
import { MonitorModel } from '../model';
import type { BaselineReport, HistoryPoint, MonitoringSchedule } from '../types';

/** A constraints.json as SageMaker's analyzer writes it. */
const CONSTRAINTS = {
  version: 0.0,
  features: [
    {
      name: 'age',
      inferred_type: 'Integral',
      completeness: 1.0,
      num_constraints: { is_non_negative: true }
    },
    { name: 'score', inferred_type: 'Fractional', completeness: 0.98 },
    {
      name: 'city',
      inferred_type: 'String',
      completeness: 1.0,
      string_constraints: { domains: ['Paris', 'Lyon'] }
    }
  ],
  monitoring_config: {
    evaluate_constraints: 'Enabled',
    emit_metrics: 'Enabled',
    distribution_constraints: {
      perform_comparison: 'Enabled',
      comparison_threshold: 0.1,
      comparison_method: 'Robust',
      categorical_comparison_threshold: 0.1
    }
  }
};

describe('numbers', () => {
  it('keeps four significant digits and switches to exponents for the extremes', () => {
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.001234)).toBe('0.001234');
    expect(formatNumber(1234567)).toBe('1.235e+6');
    expect(formatNumber(0.00001)).toBe('1e-5');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
  });

  it('writes fractions as percentages', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('knows which execution statuses may still change', () => {
    expect(isRunning('InProgress')).toBe(true);
    expect(isRunning('Pending')).toBe(true);
    expect(isRunning('CompletedWithViolations')).toBe(false);
    expect(isRunning(null)).toBe(false);
  });
});

describe('sparklineBars', () => {
  it('draws the tallest bin at full height and keeps small ones visible', () => {
    const bars = sparklineBars(
      [
        { Label: '0–1', Count: 100 },
        { Label: '1–2', Count: 0.1 },
        { Label: '2–3', Count: 0 },
        { Label: '3–4', Count: 50 }
      ],
      80,
      20
    );
    expect(bars).toHaveLength(4);
    expect(bars[0]).toMatchObject({ x: 0, y: 0, height: 20 });
    expect(bars[1].height).toBe(1);
    expect(bars[2].height).toBe(0);
    expect(bars[3]).toMatchObject({ x: 60, y: 10, height: 10 });
    expect(bars[3].label).toBe('3–4: 50');
  });

  it('draws nothing without counts', () => {
    expect(sparklineBars([])).toEqual([]);
    expect(sparklineBars([{ Label: 'a', Count: 0 }])).toEqual([]);
  });
});

describe('the constraints editor', () => {
  it('reads the editable fields of a constraints.json', () => {
    const edits = constraintEdits(CONSTRAINTS);
    expect(edits).toEqual({
      kind: 'data',
      quality: [],
      features: {
        age: { completeness: '1', nonNegative: true },
        score: { completeness: '0.98', nonNegative: false },
        city: { completeness: '1', nonNegative: null }
      },
      threshold: '0.1',
      method: 'Robust'
    });
    expect(editsChanged(CONSTRAINTS, edits)).toBe(false);
  });

  it('writes the edits back, every other field as it was', () => {
    const edits = constraintEdits(CONSTRAINTS);
    edits.features.score = { completeness: '0.9', nonNegative: true };
    edits.features.city = { completeness: '', nonNegative: null };
    edits.threshold = '0.25';
    edits.method = 'Simple';
    expect(editsChanged(CONSTRAINTS, edits)).toBe(true);
    const written = applyEdits(CONSTRAINTS, edits);
    const features = written.features as Record<string, unknown>[];
    expect(features[0]).toEqual(CONSTRAINTS.features[0]);
    expect(features[1]).toEqual({
      name: 'score',
      inferred_type: 'Fractional',
      completeness: 0.9,
      num_constraints: { is_non_negative: true }
    });
    // an emptied completeness drops the constraint; the domains stay
    expect(features[2]).toEqual({
      name: 'city',
      inferred_type: 'String',
      string_constraints: { domains: ['Paris', 'Lyon'] }
    });
    expect(written.version).toBe(0);
    expect(written.monitoring_config).toEqual({
      ...CONSTRAINTS.monitoring_config,
      distribution_constraints: {
        ...CONSTRAINTS.monitoring_config.distribution_constraints,
        comparison_threshold: 0.25,
        comparison_method: 'Simple'
      }
    });
    // the original is untouched
    expect(CONSTRAINTS.features[1].completeness).toBe(0.98);
  });

  it('names the field of a bad edit', () => {
    const edits = constraintEdits(CONSTRAINTS);
    expect(editProblem(edits)).toBeNull();
    expect(editProblem({ ...edits, threshold: '-1' })?.field).toBe('threshold');
    expect(editProblem({ ...edits, threshold: '' })?.field).toBe('threshold');
    expect(editProblem({ ...edits, threshold: '1.5' })?.field).toBe('threshold');
    expect(editProblem({ ...edits, method: 'Fuzzy' })?.field).toBe('method');
    const bad = {
      ...edits,
      features: { ...edits.features, age: { completeness: '1.5', nonNegative: true } }
    };
    expect(editProblem(bad)).toEqual({
      field: 'age.completeness',
      message: 'The completeness of age must be a number from 0 to 1.'
    });
  });

  it('reads a file without the optional parts', () => {
    expect(constraintEdits(null)).toEqual({
      kind: 'data',
      features: {},
      quality: [],
      threshold: '',
      method: 'Robust'
    });
    expect(
      constraintEdits({ features: [{ name: 'x', inferred_type: 'Unknown' }] }).features
    ).toEqual({
      x: { completeness: '', nonNegative: null }
    });
  });
});

describe('the model quality constraints editor', () => {
  const QUALITY = {
    version: 0.0,
    regression_constraints: {
      rmse: { threshold: 1.5, comparison_operator: 'GreaterThanThreshold' },
      r2: { threshold: 0.8, comparison_operator: 'LessThanThreshold' }
    }
  };

  it('reads and writes the thresholds and operators of each metric', () => {
    const edits = constraintEdits(QUALITY);
    expect(edits.kind).toBe('regression_constraints');
    expect(edits.quality).toEqual([
      { metric: 'rmse', threshold: '1.5', operator: 'GreaterThanThreshold' },
      { metric: 'r2', threshold: '0.8', operator: 'LessThanThreshold' }
    ]);
    // no drift comparison in such a file: nothing to check there
    expect(editProblem(edits)).toBeNull();
    edits.quality[0] = {
      metric: 'rmse',
      threshold: '2',
      operator: 'GreaterThanOrEqualToThreshold'
    };
    expect(editsChanged(QUALITY, edits)).toBe(true);
    expect(applyEdits(QUALITY, edits)).toEqual({
      version: 0,
      regression_constraints: {
        rmse: { threshold: 2, comparison_operator: 'GreaterThanOrEqualToThreshold' },
        r2: { threshold: 0.8, comparison_operator: 'LessThanThreshold' }
      }
    });
  });

  it('names the metric of a bad threshold', () => {
    const edits = constraintEdits(QUALITY);
    edits.quality[1] = { ...edits.quality[1], threshold: 'high' };
    expect(editProblem(edits)).toEqual({
      field: 'r2.threshold',
      message: 'The threshold of r2 must be a number.'
    });
  });
});

describe('charts', () => {
  const point = (time: string, drift: Record<string, number>): HistoryPoint => ({
    ScheduledTime: time,
    Status: 'Completed',
    ProcessingJobName: `job-${time}`,
    Violations: 0,
    Drift: drift,
    Psi: {},
    Completeness: {},
    ModelQuality: {}
  });

  it('draws one line per feature with gaps for executions without a value', () => {
    const lines = historyLines(
      [point('t1', { a: 0.1, b: 0.2 }), point('t2', {}), point('t3', { a: 0.4, c: 0.5 })],
      'Drift'
    );
    expect(lines.map(l => l.name)).toEqual(['a', 'b', 'c']);
    expect(lines[0]).toEqual({ name: 'a', x: ['t1', 't2', 't3'], y: [0.1, null, 0.4] });
    expect(lines[2].y).toEqual([null, null, 0.5]);
  });

  it('draws the headline model quality metrics', () => {
    const point = (quality: Record<string, number>): HistoryPoint => ({
      ScheduledTime: 't',
      Status: 'Completed',
      Violations: 0,
      Drift: {},
      Psi: {},
      Completeness: {},
      ModelQuality: quality
    });
    const binary = point({
      accuracy: 0.9,
      f0_5: 0.8,
      accuracy_best_constant_classifier: 0.5,
      auc: 1
    });
    expect(qualityLines([binary]).map(l => l.name)).toEqual(['accuracy', 'auc']);
    const other = point({ log_loss: 0.3, brier_best_constant_classifier: 0.2 });
    expect(qualityLines([other]).map(l => l.name)).toEqual(['log_loss']);
  });

  it('takes the drift threshold from the report', () => {
    expect(driftThreshold([{ Threshold: 0.1 }, { Threshold: null }, { Threshold: 0.2 }])).toBe(0.2);
    expect(driftThreshold([])).toBeNull();
    expect(driftThreshold(undefined)).toBeNull();
  });

  it('compares histograms as shares on the baseline bins', () => {
    const shares = histogramShares(
      [
        { Label: 'a', Count: 30 },
        { Label: 'b', Count: 10 }
      ],
      [
        { Label: 'b', Count: 5 },
        { Label: 'z', Count: 5 }
      ]
    );
    expect(shares).toEqual({
      labels: ['a', 'b', 'z'],
      baseline: [0.75, 0.25, 0],
      current: [0, 0.5, 0.5]
    });
  });
});

describe('schedules and links', () => {
  it('lists a schedule config', () => {
    const schedule = {
      MonitoringScheduleName: 's',
      MonitoringScheduleConfig: {
        ScheduleConfig: {
          ScheduleExpression: 'NOW',
          DataAnalysisStartTime: '-PT1H',
          DataAnalysisEndTime: '-PT0H'
        },
        MonitoringJobDefinition: {
          BaselineConfig: {
            StatisticsResource: { S3Uri: 'baseline/statistics.json' },
            ConstraintsResource: { S3Uri: 'baseline/constraints.json' }
          },
          MonitoringInputs: [{ EndpointInput: { EndpointName: 'ep' } }],
          MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 'reports' } }] }
        }
      }
    } as unknown as MonitoringSchedule;
    expect(scheduleFacts(schedule)).toEqual({
      cron: 'NOW',
      window: '-PT1H … -PT0H',
      statistics: 'baseline/statistics.json',
      constraints: 'baseline/constraints.json',
      output: 'reports'
    });
  });

  it('opens a schedule or a baseline through the room command', () => {
    expect(monitorTarget({ kind: 'monitoring-schedule', name: 's' })).toEqual({
      command: 'smstudio:open-monitor',
      args: { monitoring_schedule_name: 's' }
    });
    expect(monitorTarget({ kind: 'baseline', name: 'b' }).args).toEqual({
      baselining_job_name: 'b'
    });
  });
});

describe('MonitorModel', () => {
  const report: BaselineReport = {
    BaseliningJob: {
      BaseliningJobName: 'base',
      ProcessingJobArn: 'arn',
      ProcessingJobStatus: 'Completed',
      BaselineDatasetS3Uri: 'train.csv',
      OutputS3Uri: 'baseline',
      StatisticsS3Uri: 'baseline/statistics.json',
      ConstraintsS3Uri: 'baseline/constraints.json',
      CreationTime: '2026-12-01T10:00:00Z',
      Owner: 'alice'
    },
    ItemCount: 10,
    Features: [],
    Constraints: CONSTRAINTS
  };

  function fakeApi(overrides: Partial<Record<keyof MonitorApi, unknown>> = {}): MonitorApi {
    return {
      listBaseliningJobs: jest.fn(async () => ({
        BaseliningJobs: [report.BaseliningJob],
        Total: 1
      })),
      describeBaselineReport: jest.fn(async () => report),
      updateBaselineConstraints: jest.fn(async () => report),
      ...overrides
    } as unknown as MonitorApi;
  }

  it('opens a baseline, edits its constraints and saves the whole file', async () => {
    const api = fakeApi();
    const model = new MonitorModel({ api });
    model.openBaseline('base');
    await model.refresh();
    expect(model.baselines.report).toBe(report);
    expect(model.baselines.dirty).toBe(false);
    model.baselines.setComparison({ threshold: '0.3' });
    expect(model.baselines.dirty).toBe(true);
    await model.baselines.save();
    const [name, body] = (api.updateBaselineConstraints as jest.Mock).mock.calls[0];
    expect(name).toBe('base');
    expect(body.monitoring_config.distribution_constraints.comparison_threshold).toBe(0.3);
    expect(model.baselines.saved).toBe(true);
    model.dispose();
  });

  it('shows the server refusal of a save and keeps the edits', async () => {
    const api = fakeApi({
      updateBaselineConstraints: jest.fn(async () => {
        throw new Error('Constraints.features[0].completeness: must be at most 1');
      })
    });
    const model = new MonitorModel({ api });
    model.openBaseline('base');
    await model.refresh();
    model.baselines.setComparison({ threshold: '0.3' });
    await model.baselines.save();
    expect(model.baselines.problem).toEqual({
      field: 'server',
      message: 'Constraints.features[0].completeness: must be at most 1'
    });
    expect(model.baselines.edits.threshold).toBe('0.3');
    // a bad edit is refused before it is sent
    model.baselines.setFeature('age', { completeness: '2' });
    await model.baselines.save();
    expect(model.baselines.problem?.field).toBe('age.completeness');
    expect(api.updateBaselineConstraints).toHaveBeenCalledTimes(1);
    model.dispose();
  });
});
