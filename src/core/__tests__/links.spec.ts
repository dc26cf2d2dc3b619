import { clampWidth, defaultColumnWidth, MIN_COLUMN_WIDTH } from '../columnWidths';
import { integerAxis, integerDtick } from '../charts/ticks';
import {
  configuredPlacement,
  experimentConfig,
  experimentFieldError,
  experimentFieldFor,
  experimentFields,
  jobExperiment
} from '../experimentConfig';
import { emptyText, formatSeconds, formatSpan, formatTime } from '../format';
import {
  componentSource,
  jobComponentName,
  linkTarget,
  linkTitle,
  OPEN_COMMANDS,
  stringArg
} from '../links';
import { inferObjective } from '../objective';
import { clampShare } from '../SplitView';

describe('linkTarget', () => {
  it('opens script jobs in the Jobs room, training and processing jobs in the Training room', () => {
    expect(linkTarget({ kind: 'job', name: 'a', jobKind: 'script' })).toEqual({
      command: OPEN_COMMANDS.jobs,
      args: { job_name: 'a' }
    });
    expect(linkTarget({ kind: 'job', name: 'b', jobKind: 'training' })).toEqual({
      command: OPEN_COMMANDS.training,
      args: { job_name: 'b', kind: 'training' }
    });
    expect(linkTarget({ kind: 'job', name: 'c', jobKind: 'processing' })).toEqual({
      command: OPEN_COMMANDS.training,
      args: { job_name: 'c', kind: 'processing' }
    });
    // a kind the Training room does not show (or none) goes to the Jobs room
    expect(linkTarget({ kind: 'job', name: 'd', jobKind: 'sweep' }).command).toBe(
      OPEN_COMMANDS.jobs
    );
    expect(linkTarget({ kind: 'job', name: 'e' }).command).toBe(OPEN_COMMANDS.jobs);
  });

  it('opens tuning jobs, experiments, the unassigned components and components', () => {
    expect(linkTarget({ kind: 'tuning-job', name: 't' })).toEqual({
      command: OPEN_COMMANDS.tuning,
      args: { tuning_job_name: 't' }
    });
    expect(linkTarget({ kind: 'experiment', name: 'x' })).toEqual({
      command: OPEN_COMMANDS.experiments,
      args: { experiment_name: 'x' }
    });
    expect(linkTarget({ kind: 'unassigned' })).toEqual({
      command: OPEN_COMMANDS.experiments,
      args: { unassigned: true }
    });
    expect(linkTarget({ kind: 'trial-component', name: 'c', experiment: 'x' }).args).toEqual({
      trial_component_name: 'c',
      experiment_name: 'x'
    });
    expect(linkTarget({ kind: 'trial-component', name: 'c' }).args).toEqual({
      trial_component_name: 'c'
    });
  });

  it('says where a link goes', () => {
    expect(linkTitle({ kind: 'job', name: 'b', jobKind: 'training' })).toBe(
      'Open training job b in the Training room'
    );
    expect(linkTitle({ kind: 'tuning-job', name: 't' })).toContain('Tuning room');
  });

  it('reads string arguments only', () => {
    expect(stringArg({ a: 'x', b: 3, c: '' }, 'a')).toBe('x');
    expect(stringArg({ a: 'x', b: 3, c: '' }, 'b')).toBeUndefined();
    expect(stringArg({ a: 'x', b: 3, c: '' }, 'c')).toBeUndefined();
  });
});

describe('componentSource', () => {
  it("links a tracked job's component to the job", () => {
    expect(
      componentSource({ source_arn: 'train-1', source_type: 'smstudio:training-job' })
    ).toEqual({ kind: 'job', name: 'train-1', jobKind: 'training' });
    expect(componentSource({ source_arn: 'run', source_type: 'smstudio:script-job' })).toEqual({
      kind: 'job',
      name: 'run',
      jobKind: 'script'
    });
  });

  it('is no link for sources this server did not run', () => {
    expect(
      componentSource({ source_arn: 'arn:aws:sagemaker:x', source_type: 'SageMakerJob' })
    ).toBe(null);
    expect(componentSource({ source_arn: null, source_type: 'smstudio:script-job' })).toBe(null);
  });

  it("names a job's component like the server", () => {
    expect(jobComponentName('j', 'training')).toBe('j-aws-training-job');
    expect(jobComponentName('j', 'script')).toBe('j-script-job');
    expect(jobComponentName('x'.repeat(130), 'script')).toHaveLength(120);
  });
});

describe('column widths', () => {
  it('fits the heading, between a minimum and a maximum', () => {
    expect(defaultColumnWidth('lr')).toBe(80);
    const metric = defaultColumnWidth('validation:accuracy (Last)');
    expect(metric).toBeGreaterThanOrEqual('validation:accuracy (Last)'.length * 7);
    expect(metric).toBeLessThanOrEqual(320);
    expect(defaultColumnWidth('x'.repeat(200))).toBe(320);
    expect(defaultColumnWidth('x'.repeat(200), 80, 200)).toBe(200);
  });

  it('never drags narrower than the minimum', () => {
    expect(clampWidth(3)).toBe(MIN_COLUMN_WIDTH);
    expect(clampWidth(120.6)).toBe(121);
  });

  it('keeps a splitter inside the view', () => {
    expect(clampShare(0)).toBe(0.15);
    expect(clampShare(1)).toBe(0.85);
    expect(clampShare(0.4)).toBe(0.4);
  });
});

describe('integer axes', () => {
  it('ticks short step axes at every step, never at halves', () => {
    expect(integerDtick(0)).toBe(1);
    expect(integerDtick(3)).toBe(1);
    expect(integerDtick(8)).toBe(1);
  });

  it('ticks long axes at 1, 2 or 5 times a power of ten', () => {
    expect(integerDtick(20)).toBe(5);
    expect(integerDtick(100)).toBe(20);
    expect(integerDtick(1000)).toBe(200);
    expect(integerDtick(12)).toBe(2);
  });

  it('reads the span of the values, ignoring gaps', () => {
    expect(integerAxis([0, 1, 2, null, 3])).toEqual({ dtick: 1, tick0: 0, tickformat: 'd' });
    expect(integerAxis([]).dtick).toBe(1);
    expect(integerAxis([0, 500]).dtick).toBe(100);
  });
});

describe('inferObjective', () => {
  it.each([
    ['loss', 'Minimize', 'loss'],
    ['val_loss', 'Minimize', 'loss'],
    ['validation:rmse', 'Minimize', 'rmse'],
    ['train:mae', 'Minimize', 'mae'],
    ['validation:error', 'Minimize', 'error'],
    ['trainError', 'Minimize', 'error'],
    ['logloss', 'Minimize', 'logloss'],
    ['validation:accuracy', 'Maximize', 'accuracy'],
    ['val_auc', 'Maximize', 'auc'],
    ['f1', 'Maximize', 'f1'],
    ['test:r2', 'Maximize', 'r2']
  ])('%s -> %s', (metric, type, word) => {
    expect(inferObjective(metric)).toEqual({ type, word });
  });

  it('says nothing for names without a known measure', () => {
    expect(inferObjective('')).toBe(null);
    expect(inferObjective('throughput_tokens')).toBe(null);
  });

  it('lets the last measure of the name decide', () => {
    expect(inferObjective('accuracy_error')?.type).toBe('Minimize');
    expect(inferObjective('loss_accuracy')?.type).toBe('Maximize');
  });
});

describe('format', () => {
  it('writes every time with the same width', () => {
    const a = formatTime('2026-01-02T03:04:05Z');
    const b = formatTime('2026-11-12T13:14:15Z');
    expect(a).toHaveLength(b.length);
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a time')).toBe('not a time');
  });

  it('writes durations', () => {
    expect(formatSeconds(7)).toBe('7s');
    expect(formatSeconds(125)).toBe('2m 05s');
    expect(formatSeconds(3723)).toBe('1h 02m 03s');
    expect(formatSeconds(null)).toBe('—');
    expect(formatSpan('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')).toBe('1m 00s');
    expect(formatSpan('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:09Z'))).toBe('9s');
  });

  it('says what an empty list means the same way everywhere', () => {
    expect(emptyText('jobs', 'Start one with “New script job”.')).toBe(
      'No jobs yet. Start one with “New script job”.'
    );
    expect(emptyText('jobs', 'Start one.', true)).toBe('No jobs match the filters.');
    expect(emptyText('charts')).toBe('No charts yet.');
  });
});

describe('experiment fields', () => {
  const fields = (experiment_name: string, trial_name = '') => ({ experiment_name, trial_name });

  it('builds experiment_config from the two fields', () => {
    expect(experimentConfig(fields(''))).toBeUndefined();
    expect(experimentConfig(fields(' exp '))).toEqual({ ExperimentName: 'exp' });
    expect(experimentConfig(fields('exp', 't1'))).toEqual({
      ExperimentName: 'exp',
      TrialName: 't1'
    });
  });

  it('names the field that is wrong', () => {
    expect(experimentFieldError(fields('exp'))).toBe(null);
    expect(experimentFieldError(fields('my exp'))?.field).toBe('experiment_name');
    expect(experimentFieldError(fields('exp', 'a--'))?.field).toBe('trial_name');
    expect(experimentFieldError(fields('', 't1'))).toEqual({
      field: 'experiment_name',
      message: 'Name the experiment the trial belongs to'
    });
  });

  it("reads a record's experiment_config in either spelling", () => {
    expect(configuredPlacement({ ExperimentName: 'a', TrialName: 't' })).toEqual({
      experiment: 'a',
      trial: 't'
    });
    expect(configuredPlacement({ experiment_name: 'b', run_name: 'r' })).toEqual({
      experiment: 'b',
      trial: 'r'
    });
    expect(configuredPlacement(null)).toEqual({});
    expect(experimentFields({ ExperimentName: 'a' })).toEqual(fields('a'));
    expect(jobExperiment({ tracking: { experiment_config: { experiment_name: 'c' } } })).toBe('c');
    expect(jobExperiment({})).toBeUndefined();
  });

  it('places server errors on experiment_config at their field', () => {
    expect(experimentFieldFor('experiment_config.ExperimentName')).toBe('experiment_name');
    expect(experimentFieldFor('body.experiment_config.TrialName')).toBe('trial_name');
    expect(experimentFieldFor('script')).toBe(null);
  });
});
