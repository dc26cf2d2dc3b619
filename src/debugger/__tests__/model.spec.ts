import type {
  DebuggerTensors,
  GradientHeatmap,
  RuleEvaluations,
  TensorStatistics
} from '../../core/generated/models';
import type { DebuggerApi } from '../api';
import { firedLines, heatmapTrace, histogramTrace, layerLabel, nonFiniteSteps } from '../figures';
import { DebuggerModel, defaultTensor, firedRules } from '../model';

const LOSS = 'CrossEntropyLoss_output_0';

function rules(
  status: string,
  ruleStatus: string,
  extra: Partial<RuleEvaluations> = {}
): RuleEvaluations {
  return {
    TrainingJobName: 'job',
    TrainingJobStatus: status,
    DebuggerOutputPath: 'file:///home/alice/tensors',
    RuleEvaluations: [
      {
        RuleConfigurationName: 'LossNotDecreasing',
        RuleEvaluationStatus: ruleStatus as 'InProgress',
        Step: ruleStatus === 'IssuesFound' ? 12 : null
      }
    ],
    ...extra
  };
}

const TENSORS: DebuggerTensors = {
  TrainingJobName: 'job',
  Tensors: [
    { TensorName: 'Net_fc1.weight', Collections: ['weights'], ValueSteps: [0, 5] },
    { TensorName: LOSS, Collections: ['losses'], ValueSteps: [0, 1, 2] }
  ],
  Collections: [{ CollectionName: 'losses', TensorCount: 1 }]
};

function fakeApi(answers: RuleEvaluations[]): Record<keyof DebuggerApi, jest.Mock> {
  let call = 0;
  return {
    rules: jest.fn(async () => answers[Math.min(call++, answers.length - 1)]),
    tensors: jest.fn(async () => TENSORS),
    statistics: jest.fn(async (_job: string, name: string) => ({
      TrainingJobName: 'job',
      TensorName: name,
      Steps: [0, 1],
      Values: { mean: [1, 0.5] }
    })),
    histogram: jest.fn(async (_job: string, name: string, step?: number | null) => ({
      TrainingJobName: 'job',
      TensorName: name,
      Step: step ?? 2,
      Mode: 'TRAIN',
      ModeStep: step ?? 2,
      Counts: [1],
      Edges: [0, 1]
    })),
    losses: jest.fn(async () => ({ TrainingJobName: 'job', Series: [] })),
    gradients: jest.fn(async () => ({ TrainingJobName: 'job', Reduction: 'l2' }))
  } as unknown as Record<keyof DebuggerApi, jest.Mock>;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

describe('DebuggerModel', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the rules, then the tensors, and shows a loss first', async () => {
    const api = fakeApi([rules('Completed', 'NoIssuesFound')]);
    const model = new DebuggerModel(api as unknown as DebuggerApi, 'job');
    await model.refresh();
    expect(model.hasDebugger).toBe(true);
    expect(model.selected).toBe(LOSS);
    expect(model.statistics?.TensorName).toBe(LOSS);
    expect(model.histogram?.Step).toBe(2);
    expect(api.losses).toHaveBeenCalled();
    expect(model.live).toBe(false);
    model.dispose();
  });

  it('polls while a rule runs and marks the step where it fired', async () => {
    jest.useFakeTimers();
    const api = fakeApi([rules('InProgress', 'InProgress'), rules('Stopped', 'IssuesFound')]);
    const model = new DebuggerModel(api as unknown as DebuggerApi, 'job', 1000);
    model.start();
    await settle();
    expect(model.live).toBe(true);
    expect(model.fired).toEqual([]);
    jest.advanceTimersByTime(1000);
    await settle();
    expect(model.fired).toEqual([{ name: 'LossNotDecreasing', step: 12 }]);
    expect(model.live).toBe(false);
    jest.advanceTimersByTime(5000);
    await settle();
    expect(api.rules).toHaveBeenCalledTimes(2); // nothing runs any more: no more reads
    model.dispose();
  });

  it('explains instead of plotting when the job saves no tensors', async () => {
    const api = fakeApi([
      rules('Completed', 'NoIssuesFound', { DebuggerOutputPath: null, RuleEvaluations: [] })
    ]);
    const model = new DebuggerModel(api as unknown as DebuggerApi, 'job');
    await model.refresh();
    expect(model.hasDebugger).toBe(false);
    expect(api.tensors).not.toHaveBeenCalled();
    model.dispose();
  });

  it('reads the histogram of a chosen step and of a newly chosen tensor', async () => {
    const api = fakeApi([rules('Completed', 'NoIssuesFound')]);
    const model = new DebuggerModel(api as unknown as DebuggerApi, 'job');
    await model.refresh();
    model.setHistogramStep(1);
    await settle();
    expect(api.histogram).toHaveBeenLastCalledWith('job', LOSS, 1);
    model.select('Net_fc1.weight');
    expect(model.histogramStep).toBeNull();
    await settle();
    expect(model.statistics?.TensorName).toBe('Net_fc1.weight');
    model.dispose();
  });
});

describe('Debugger figures', () => {
  it('picks the fired rules and the first tensor', () => {
    expect(firedRules(rules('Stopped', 'IssuesFound').RuleEvaluations ?? [])).toEqual([
      { name: 'LossNotDecreasing', step: 12 }
    ]);
    expect(defaultTensor(TENSORS.Tensors ?? [])).toBe(LOSS);
    expect(defaultTensor([])).toBeNull();
  });

  it('draws a vertical line at the fired step', () => {
    const layout = firedLines([{ name: 'Overfit', step: 40 }], 'red');
    expect(layout.shapes).toEqual([expect.objectContaining({ x0: 40, x1: 40, yref: 'paper' })]);
    expect(layout.annotations?.[0].text).toBe('Overfit @ 40');
  });

  it('counts the non-finite steps and bins at the centers', () => {
    const stats: TensorStatistics = {
      TrainingJobName: 'job',
      TensorName: 'x',
      Steps: [0, 5, 10],
      Values: { nan_count: [0, 3, 0], inf_count: [0, 0, 1] }
    };
    expect(nonFiniteSteps(stats)).toEqual([5, 10]);
    const bars = histogramTrace({
      TrainingJobName: 'job',
      TensorName: 'x',
      Step: 0,
      Mode: 'TRAIN',
      ModeStep: 0,
      Counts: [2, 3],
      Edges: [0, 1, 3]
    }) as { x: number[]; width: number[] };
    expect(bars.x).toEqual([0.5, 2]);
    expect(bars.width).toEqual([1, 2]);
  });

  it('draws gradients on a log scale with zeros as gaps', () => {
    const heat: GradientHeatmap = {
      TrainingJobName: 'job',
      Reduction: 'l2',
      TensorNames: ['gradient/Net_fc1.weight'],
      Steps: [0, 1, 2],
      Values: [[100, 0, null]]
    };
    expect((heatmapTrace(heat, true) as { z: unknown }).z).toEqual([[2, null, null]]);
    expect((heatmapTrace(heat, false) as { z: unknown }).z).toEqual([[100, 0, null]]);
    expect(layerLabel('gradient/Net_fc1.weight')).toBe('Net_fc1.weight');
  });
});
