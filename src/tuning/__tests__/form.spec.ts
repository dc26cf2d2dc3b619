import {
  buildTuningJobRequest,
  emptyTuningForm,
  IRangeRow,
  isTuningPrefill,
  ITuningFormValues,
  newRange,
  parseStatic,
  staticEntries,
  suggestRange,
  TuningFieldError,
  tuningFormFrom,
  tuningTargetFor,
  withMetricName,
  withoutStatic
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

describe('hyperparameters offered for tuning', () => {
  it('lists the static hyperparameters as typed', () => {
    expect(staticEntries('epochs=8, lr=0.01, bad, =x')).toEqual([
      ['epochs', '8'],
      ['lr', '0.01']
    ]);
    expect(withoutStatic('epochs=8, lr=0.01, mode=fast', 'lr')).toBe('epochs=8, mode=fast');
    expect(withoutStatic('epochs=8', 'epochs')).toBe('');
  });

  it('suggests a range around the value', () => {
    expect(suggestRange('epochs', '8')).toMatchObject({
      name: 'epochs',
      kind: 'integer',
      min: '4',
      max: '16'
    });
    expect(suggestRange('lr', '0.01')).toMatchObject({
      kind: 'continuous',
      min: '0.001',
      max: '0.1',
      scaling: 'Logarithmic'
    });
    expect(suggestRange('dropout', '0.5')).toMatchObject({ min: '0.05', max: '1' });
    expect(suggestRange('C', '1.0')).toMatchObject({ kind: 'continuous', min: '0.1', max: '10' });
    expect(suggestRange('shift', '0')).toMatchObject({ kind: 'integer', min: '0', max: '10' });
    expect(suggestRange('opt', 'adam')).toMatchObject({ kind: 'categorical', values: 'adam' });
    expect(suggestRange('flag', 'True')).toMatchObject({ values: 'true, false' });
  });

  it('sends a ranged hyperparameter as tuned only, not also as static', () => {
    const values = form({ static_hyperparameters: 'epochs=5, lr=0.5' });
    const request = buildTuningJobRequest(values);
    expect(request.training_job.hyperparameters).toEqual({ epochs: 5 });
    expect(request.parameter_ranges.continuous_parameter_ranges?.[0].name).toBe('lr');
  });
});

describe("the objective's direction", () => {
  it("follows the metric's name until the user picks one", () => {
    let values = emptyTuningForm();
    values = withMetricName(values, 'validation:loss');
    expect(values.objective_type).toBe('Minimize');
    values = withMetricName(values, 'validation:accuracy');
    expect(values.objective_type).toBe('Maximize');
    values = { ...values, objective_type: 'Minimize', objective_auto: false };
    values = withMetricName(values, 'f1');
    expect(values.objective_type).toBe('Minimize');
  });

  it('is inferred for a prefilled form', () => {
    expect(tuningFormFrom({ metric_name: 'train:rmse' }).objective_type).toBe('Minimize');
    expect(tuningFormFrom({ metric_name: 'score' }).objective_type).toBe('Maximize');
  });
});
