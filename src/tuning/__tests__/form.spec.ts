import {
  buildTuningJobRequest,
  emptyTuningForm,
  IRangeRow,
  isTuningPrefill,
  ITuningFormValues,
  newRange,
  parseStatic,
  TuningFieldError,
  tuningFormFrom,
  tuningTargetFor
} from '../form';

function form(patch: Partial<ITuningFormValues> = {}): ITuningFormValues {
  const lr: IRangeRow = {
    ...newRange('continuous'),
    name: 'lr',
    min: '0.001',
    max: '0.1',
    scaling: 'Logarithmic'
  };
  const depth = { ...newRange('integer'), name: 'depth', min: '2', max: '6' };
  const opt = { ...newRange('categorical'), name: 'optimizer', values: 'adam, sgd' };
  return {
    ...emptyTuningForm(),
    entry_point: 'train.py',
    source_dir: 'proj',
    metric_name: 'acc',
    metric_regex: 'acc=([0-9.]+)',
    static_hyperparameters: 'epochs=5, mode=fast',
    ranges: [lr, depth, opt, newRange()],
    ...patch
  };
}

function fieldOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    return error instanceof TuningFieldError ? error.field : 'not a field error';
  }
  return null;
}

describe('the tuning form', () => {
  it('builds the request the server takes', () => {
    const request = buildTuningJobRequest(form());
    expect(request.objective).toEqual({ type: 'Maximize', metric_name: 'acc' });
    expect(request.parameter_ranges).toEqual({
      continuous_parameter_ranges: [
        { name: 'lr', min_value: 0.001, max_value: 0.1, scaling_type: 'Logarithmic' }
      ],
      integer_parameter_ranges: [
        { name: 'depth', min_value: 2, max_value: 6, scaling_type: 'Auto' }
      ],
      categorical_parameter_ranges: [{ name: 'optimizer', values: ['adam', 'sgd'] }]
    });
    expect(request.training_job).toEqual({
      entry_point: 'train.py',
      source_dir: 'proj',
      hyperparameters: { epochs: 5, mode: 'fast' },
      metric_definitions: [{ Name: 'acc', Regex: 'acc=([0-9.]+)' }]
    });
    expect(request.max_jobs).toBe(10);
    expect(request.max_parallel_jobs).toBe(2);
    expect(request.early_stopping_type).toBe('Off');
    expect(
      buildTuningJobRequest(form({ strategy: 'Grid', max_jobs: '' })).max_jobs
    ).toBeUndefined();
  });

  it('names the field a mistake belongs to', () => {
    expect(fieldOf(() => buildTuningJobRequest(form({ entry_point: ' ' })))).toBe('entry_point');
    expect(fieldOf(() => buildTuningJobRequest(form({ metric_name: '' })))).toBe('metric_name');
    expect(fieldOf(() => buildTuningJobRequest(form({ metric_regex: '' })))).toBe('metric_regex');
    expect(fieldOf(() => buildTuningJobRequest(form({ ranges: [newRange()] })))).toBe('ranges');
    expect(fieldOf(() => buildTuningJobRequest(form({ max_jobs: '0' })))).toBe('max_jobs');
    expect(fieldOf(() => buildTuningJobRequest(form({ static_hyperparameters: 'epochs' })))).toBe(
      'static_hyperparameters'
    );
    const bad = { ...newRange('integer'), name: 'depth', min: '2.5', max: '6' };
    expect(fieldOf(() => buildTuningJobRequest(form({ ranges: [bad] })))).toBe(`ranges.${bad.id}`);
    expect(parseStatic('')).toEqual({});
  });

  it("places the server's field errors on the form", () => {
    const values = form();
    const [lr, depth] = values.ranges;
    expect(tuningTargetFor(values, 'training_job.entry_point')).toBe('entry_point');
    expect(tuningTargetFor(values, 'objective.metric_name')).toBe('metric_name');
    expect(
      tuningTargetFor(values, 'parameter_ranges.continuous_parameter_ranges.0.min_value')
    ).toBe(`ranges.${lr.id}`);
    expect(tuningTargetFor(values, 'parameter_ranges.integer_parameter_ranges.0.name')).toBe(
      `ranges.${depth.id}`
    );
    expect(tuningTargetFor(values, 'parameter_ranges.continuous_parameter_ranges')).toBe('ranges');
    expect(tuningTargetFor(values, 'training_job.hyperparameters.epochs')).toBe(
      'static_hyperparameters'
    );
    expect(tuningTargetFor(values, 'warm_start.parents.0')).toBeNull();
    expect(tuningTargetFor(values, null)).toBeNull();
  });
});

describe('a form prefilled from a training job', () => {
  it('keeps the strings it is given and the defaults for the rest', () => {
    const values = tuningFormFrom({
      entry_point: 'train.py',
      source_dir: 'proj',
      static_hyperparameters: 'epochs=3',
      metric_name: 'acc',
      metric_regex: 'acc=([0-9.]+)'
    });
    expect(values.entry_point).toBe('train.py');
    expect(values.static_hyperparameters).toBe('epochs=3');
    expect(values.metric_regex).toBe('acc=([0-9.]+)');
    expect(values.strategy).toBe('Bayesian');
    expect(values.ranges).toHaveLength(1);
    expect(tuningFormFrom({}).entry_point).toBe('');
  });
});

describe('a prefill handed over by command', () => {
  it('is an object whose known fields are text', () => {
    expect(isTuningPrefill({ entry_point: 'train.py', metric_name: 'loss' })).toBe(true);
    expect(isTuningPrefill({})).toBe(true);
    expect(isTuningPrefill({ entry_point: 3 })).toBe(false);
    expect(isTuningPrefill('train.py')).toBe(false);
    expect(isTuningPrefill(null)).toBe(false);
  });
});
