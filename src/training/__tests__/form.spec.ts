import { parseValue } from '../../core/formValues';
import { trialComponentName } from '../api';
import {
  buildTrainingJobRequest,
  dirname,
  emptyForm,
  FieldError,
  formFromJob,
  formTargetFor,
  ITrainingFormValues,
  newRow,
  rootRelativePath
} from '../form';
import { describedTraining } from './described';

function form(patch: Partial<ITrainingFormValues> = {}): ITrainingFormValues {
  return { ...emptyForm(), entry_point: 'train.py', ...patch };
}

function fieldOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldError) {
      return error.field;
    }
    throw error;
  }
  return null;
}

describe('parseValue', () => {
  it('parses numbers', () => {
    expect(parseValue('8')).toBe(8);
    expect(parseValue(' 0.1 ')).toBe(0.1);
    expect(parseValue('-3')).toBe(-3);
    expect(parseValue('1e-3')).toBe(0.001);
    expect(parseValue('.5')).toBe(0.5);
  });
  it('keeps everything else as text', () => {
    expect(parseValue('adam')).toBe('adam');
    expect(parseValue('True')).toBe('True');
    expect(parseValue('')).toBe('');
    expect(parseValue('1,000')).toBe('1,000');
    expect(parseValue('0x10')).toBe('0x10');
    expect(parseValue('NaN')).toBe('NaN');
    expect(parseValue('1.2.3')).toBe('1.2.3');
  });
});

describe('buildTrainingJobRequest', () => {
  it('builds the minimal request', () => {
    expect(buildTrainingJobRequest(form())).toEqual({
      entry_point: 'train.py',
      instance_type: 'local',
      instance_count: 1
    });
  });

  it('builds a full request from rows, leaving blank rows out', () => {
    const request = buildTrainingJobRequest(
      form({
        source_dir: ' proj ',
        framework: 'sklearn',
        instance_type: 'ml.m5.large',
        instance_count: '2',
        max_run: '600',
        job_name: 'my-job',
        hyperparameters: [
          newRow('epochs', '8'),
          newRow(),
          newRow('optimizer', 'adam'),
          newRow('lr', '0.01')
        ],
        channels: [newRow('train', 'proj/data'), newRow(' ', ' ')],
        metrics: [newRow('loss', 'loss=([0-9\\.]+)')]
      })
    );
    expect(request).toEqual({
      entry_point: 'train.py',
      source_dir: 'proj',
      framework: 'sklearn',
      instance_type: 'ml.m5.large',
      instance_count: 2,
      max_run: 600,
      job_name: 'my-job',
      hyperparameters: { epochs: 8, optimizer: 'adam', lr: 0.01 },
      inputs: { train: { s3_data: 'proj/data' } },
      metric_definitions: [{ Name: 'loss', Regex: 'loss=([0-9\\.]+)' }]
    });
  });

  it('names the field or row that is wrong', () => {
    expect(fieldOf(() => buildTrainingJobRequest(form({ entry_point: ' ' })))).toBe('entry_point');
    expect(fieldOf(() => buildTrainingJobRequest(form({ instance_count: '0' })))).toBe(
      'instance_count'
    );
    expect(fieldOf(() => buildTrainingJobRequest(form({ instance_count: '17' })))).toBe(
      'instance_count'
    );
    expect(fieldOf(() => buildTrainingJobRequest(form({ max_run: '1.5' })))).toBe('max_run');
    const hp = newRow('', '3');
    expect(fieldOf(() => buildTrainingJobRequest(form({ hyperparameters: [hp] })))).toBe(
      `hyperparameters.${hp.id}`
    );
    const dup = newRow('a', '2');
    expect(
      fieldOf(() => buildTrainingJobRequest(form({ hyperparameters: [newRow('a', '1'), dup] })))
    ).toBe(`hyperparameters.${dup.id}`);
    const ch = newRow('train', '');
    expect(fieldOf(() => buildTrainingJobRequest(form({ channels: [ch] })))).toBe(
      `channels.${ch.id}`
    );
    const md = newRow('loss', '');
    expect(fieldOf(() => buildTrainingJobRequest(form({ metrics: [md] })))).toBe(
      `metrics.${md.id}`
    );
  });
});

describe('formTargetFor', () => {
  const train = newRow('train', 'nope');
  const test = newRow('test.v2', 'x');
  const c = newRow('C', 'abc');
  const blankMetric = newRow();
  const m0 = newRow('loss', '(');
  const m1 = newRow('acc', 'acc=(\\d+)');
  const values = form({
    hyperparameters: [c],
    channels: [train, test],
    metrics: [blankMetric, m0, m1]
  });

  it('maps simple fields', () => {
    expect(formTargetFor(values, 'entry_point')).toBe('entry_point');
    expect(formTargetFor(values, 'source_dir')).toBe('source_dir');
    expect(formTargetFor(values, 'instance_type')).toBe('instance_type');
    expect(formTargetFor(values, 'job_name')).toBe('job_name');
    expect(formTargetFor(values, 'base_job_name')).toBe('job_name');
  });

  it('maps channel, hyperparameter and metric errors to their rows', () => {
    expect(formTargetFor(values, 'inputs.train.s3_data')).toBe(`channels.${train.id}`);
    expect(formTargetFor(values, 'inputs.train')).toBe(`channels.${train.id}`);
    expect(formTargetFor(values, 'inputs.test.v2.s3_data')).toBe(`channels.${test.id}`);
    expect(formTargetFor(values, 'hyperparameters.C')).toBe(`hyperparameters.${c.id}`);
    expect(formTargetFor(values, 'metric_definitions.0.Regex')).toBe(`metrics.${m0.id}`);
    expect(formTargetFor(values, 'metric_definitions.1.Name')).toBe(`metrics.${m1.id}`);
  });

  it('returns null for fields the form does not have', () => {
    expect(formTargetFor(values, null)).toBeNull();
    expect(formTargetFor(values, 'output_path')).toBeNull();
    expect(formTargetFor(values, 'inputs.other.s3_data')).toBeNull();
    expect(formTargetFor(values, 'metric_definitions.5.Regex')).toBeNull();
    expect(formTargetFor(values, 'body')).toBeNull();
  });
});

describe('formFromJob', () => {
  const described = describedTraining('j1', 'Completed', {
    HyperParameters: { epochs: '8', lr: '0.1' },
    AlgorithmSpecification: {
      EntryPoint: 'train.py',
      Framework: 'sklearn',
      MetricDefinitions: [{ Name: 'loss', Regex: 'loss=([0-9.]+)' }]
    },
    InputDataConfig: [
      { ChannelName: 'train', DataSource: { S3DataSource: { S3Uri: 'file:///root/data' } } }
    ],
    ResourceConfig: { InstanceType: 'local', InstanceCount: 2 },
    StoppingCondition: { MaxRuntimeInSeconds: 900 }
  });

  it('repeats the configuration, without the job name', () => {
    const values = formFromJob(described, {
      source_dir: 'proj',
      hyperparameters: { epochs: 8, lr: 0.1 }
    });
    expect(values.entry_point).toBe('train.py');
    expect(values.source_dir).toBe('proj');
    expect(values.framework).toBe('sklearn');
    expect(values.instance_count).toBe('2');
    expect(values.max_run).toBe('900');
    expect(values.job_name).toBe('');
    expect(values.hyperparameters.map(r => [r.key, r.value])).toEqual([
      ['epochs', '8'],
      ['lr', '0.1']
    ]);
    expect(values.channels.map(r => [r.key, r.value])).toEqual([['train', 'file:///root/data']]);
    expect(values.metrics.map(r => [r.key, r.value])).toEqual([['loss', 'loss=([0-9.]+)']]);
    // and builds the same request again
    expect(buildTrainingJobRequest(values)).toMatchObject({
      entry_point: 'train.py',
      source_dir: 'proj',
      hyperparameters: { epochs: 8, lr: 0.1 },
      inputs: { train: { s3_data: 'file:///root/data' } }
    });
  });

  it('works from the description alone and leaves one empty row per list', () => {
    const values = formFromJob({ ...described, InputDataConfig: [], HyperParameters: {} });
    expect(values.source_dir).toBe('');
    expect(values.hyperparameters).toHaveLength(1);
    expect(values.hyperparameters[0].key).toBe('');
    expect(values.channels).toHaveLength(1);
    expect(formFromJob(null).instance_type).toBe('local');
  });
});

describe('paths', () => {
  it('maps file:// URLs inside the root to root-relative paths', () => {
    expect(rootRelativePath('file:///home/u/out/j1/output/model.tar.gz', '/home/u')).toBe(
      'out/j1/output/model.tar.gz'
    );
    expect(rootRelativePath('file:///home/u/my%20dir/x', '/home/u/')).toBe('my dir/x');
    expect(rootRelativePath('file:///home/u', '/home/u')).toBe('');
    expect(rootRelativePath('file:///home/user2/x', '/home/u')).toBeNull();
    expect(rootRelativePath('s3://bucket/x', '/home/u')).toBeNull();
    expect(rootRelativePath('file:///home/u/x', null)).toBeNull();
    expect(rootRelativePath(null, '/home/u')).toBeNull();
  });
  it('takes dirnames', () => {
    expect(dirname('a/b/model.tar.gz')).toBe('a/b');
    expect(dirname('model.tar.gz')).toBe('');
  });
  it('names the trial component of a job', () => {
    expect(trialComponentName('j1', 'training')).toBe('j1-aws-training-job');
  });
});
