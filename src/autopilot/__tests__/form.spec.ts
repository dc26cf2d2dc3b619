import {
  buildAutoMLRequest,
  effectiveProblemType,
  emptyWizard,
  IWizardValues,
  jobNameFor,
  metricChoices,
  WizardFieldError,
  wizardTargetFor,
  withField
} from '../form';
import type { CsvPreview } from '../types';

const PREVIEW: CsvPreview = {
  S3Uri: 'data/churn.csv',
  Columns: [
    { Name: 'age', Kind: 'numeric', MissingFraction: 0 },
    { Name: 'plan', Kind: 'categorical', MissingFraction: 0.1 },
    { Name: 'churned', Kind: 'categorical', MissingFraction: 0 }
  ],
  Rows: [['31', 'gold', 'yes']],
  SuggestedProblemTypes: {
    age: 'Regression',
    plan: 'MulticlassClassification',
    churned: 'BinaryClassification'
  }
};

function values(patch: Partial<IWizardValues> = {}): IWizardValues {
  return {
    ...emptyWizard('data/churn.csv', new Date(2026, 0, 2, 15, 30, 5)),
    target: 'churned',
    ...patch
  };
}

function fieldOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (error instanceof WizardFieldError) {
      return error.field;
    }
    throw error;
  }
  return null;
}

describe('the wizard', () => {
  it('names a job after the file and the time, within 32 characters', () => {
    const when = new Date(2026, 0, 2, 15, 30, 5);
    expect(jobNameFor('data/churn.csv', when)).toBe('churn-0102-153005');
    expect(jobNameFor('s3://b/My Data_set (v2).CSV', when)).toBe('My-Data-set-v2-0102-153005');
    const long = jobNameFor('a-very-long-file-name-of-a-table.csv', when);
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/);
    expect(jobNameFor('---.csv', when)).toBe('automl-0102-153005');
  });

  it('builds SageMaker’s CreateAutoMLJob request', () => {
    const request = buildAutoMLRequest(
      values({
        problem_type: 'BinaryClassification',
        metric: 'AUC',
        max_runtime: '300',
        max_candidates: '3',
        mode: 'ENSEMBLING',
        job_name: 'churn-1'
      }),
      PREVIEW
    );
    expect(request).toEqual({
      AutoMLJobName: 'churn-1',
      InputDataConfig: [
        {
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 'data/churn.csv' } },
          TargetAttributeName: 'churned'
        }
      ],
      OutputDataConfig: { S3OutputPath: 'automl' },
      ProblemType: 'BinaryClassification',
      AutoMLJobObjective: { MetricName: 'AUC' },
      AutoMLJobConfig: {
        CompletionCriteria: { MaxCandidates: 3, MaxAutoMLJobRuntimeInSeconds: 300 },
        Mode: 'ENSEMBLING'
      }
    });
  });

  it('leaves Auto and the default metric to the server', () => {
    const request = buildAutoMLRequest(values(), PREVIEW);
    expect(request.ProblemType).toBeUndefined();
    expect(request.AutoMLJobObjective).toBeUndefined();
  });

  it('names the field of what is wrong', () => {
    expect(fieldOf(() => buildAutoMLRequest(values({ input: ' ' }), PREVIEW))).toBe('input');
    expect(fieldOf(() => buildAutoMLRequest(values({ target: '' }), PREVIEW))).toBe('target');
    expect(fieldOf(() => buildAutoMLRequest(values({ target: 'nope' }), PREVIEW))).toBe('target');
    // with Auto, the metric must fit the type the preview suggests for the target
    expect(fieldOf(() => buildAutoMLRequest(values({ metric: 'RMSE' }), PREVIEW))).toBe('metric');
    expect(
      fieldOf(() =>
        buildAutoMLRequest(values({ problem_type: 'Regression', metric: 'F1' }), PREVIEW)
      )
    ).toBe('metric');
    for (const bad of ['0', '-1', '1.5', 'ten', '', '3000000']) {
      expect(fieldOf(() => buildAutoMLRequest(values({ max_runtime: bad }), PREVIEW))).toBe(
        'max_runtime'
      );
    }
    expect(fieldOf(() => buildAutoMLRequest(values({ max_candidates: '751' }), PREVIEW))).toBe(
      'max_candidates'
    );
    for (const bad of ['', '-a', 'a_b', 'x'.repeat(33)]) {
      expect(fieldOf(() => buildAutoMLRequest(values({ job_name: bad }), PREVIEW))).toBe(
        'job_name'
      );
    }
    expect(fieldOf(() => buildAutoMLRequest(values({ output_path: '' }), PREVIEW))).toBe(
      'output_path'
    );
  });

  it('without a preview, a typed target goes to the server', () => {
    expect(buildAutoMLRequest(values({ target: 'anything' }), null).InputDataConfig[0]).toEqual(
      expect.objectContaining({ TargetAttributeName: 'anything' })
    );
  });

  it('places the server’s 400 beside the field it names', () => {
    expect(wizardTargetFor('AutoMLJobName')).toBe('job_name');
    expect(wizardTargetFor('TargetAttributeName')).toBe('target');
    expect(wizardTargetFor('InputDataConfig.0.TargetAttributeName')).toBe('target');
    expect(wizardTargetFor('InputDataConfig.0.DataSource.S3DataSource.S3Uri')).toBe('input');
    expect(wizardTargetFor('InputDataConfig')).toBe('input');
    expect(wizardTargetFor('S3Uri')).toBe('input');
    expect(wizardTargetFor('AutoMLJobObjective.MetricName')).toBe('metric');
    expect(wizardTargetFor('ProblemType')).toBe('problem_type');
    expect(wizardTargetFor('OutputDataConfig.S3OutputPath')).toBe('output_path');
    expect(wizardTargetFor('AutoMLJobConfig.CompletionCriteria.MaxCandidates')).toBe(
      'max_candidates'
    );
    expect(wizardTargetFor('AutoMLJobConfig.CompletionCriteria.MaxAutoMLJobRuntimeInSeconds')).toBe(
      'max_runtime'
    );
    expect(wizardTargetFor('AutoMLJobConfig.Mode')).toBe('mode');
    expect(wizardTargetFor('Tags')).toBeNull();
    expect(wizardTargetFor(null)).toBeNull();
  });

  it('drops a metric that stops fitting when the target or problem type changes', () => {
    let v = withField(values(), 'metric', 'AUC', PREVIEW);
    expect(v.metric).toBe('AUC');
    v = withField(v, 'target', 'age', PREVIEW);
    expect(v.metric).toBe('');
    v = withField(v, 'metric', 'MAE', PREVIEW);
    v = withField(v, 'problem_type', 'Regression', PREVIEW);
    expect(v.metric).toBe('MAE');
    v = withField(v, 'problem_type', 'MulticlassClassification', PREVIEW);
    expect(v.metric).toBe('');
  });

  it('names the job once a file is typed into an empty wizard', () => {
    const v = withField(emptyWizard(), 'input', 'x/iris.csv', null);
    expect(v.job_name).toMatch(/^iris-\d{4}-\d{6}$/);
    // a name the user typed stays
    expect(withField({ ...v, job_name: 'mine' }, 'input', 'y.csv', null).job_name).toBe('mine');
  });

  it('offers the metrics of the chosen or suggested problem type', () => {
    expect(effectiveProblemType(values(), PREVIEW)).toBe('BinaryClassification');
    expect(effectiveProblemType(values({ problem_type: 'Regression' }), PREVIEW)).toBe(
      'Regression'
    );
    expect(effectiveProblemType(values(), null)).toBeNull();
    expect(metricChoices('Regression').map(c => c.value)).toEqual(['', 'MSE', 'RMSE', 'MAE', 'R2']);
    expect(metricChoices('Regression')[0].label).toBe('Default (MSE)');
    expect(metricChoices('BinaryClassification')[2].label).toBe('AUC (higher is better)');
    expect(metricChoices(null).length).toBeGreaterThan(10);
  });
});
