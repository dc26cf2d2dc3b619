import type { AutoMLCandidate, AutoMLJob } from '../types';

/** An AutoML job as DescribeAutoMLJob answers, with `patch` over it. */
export function job(patch: Partial<AutoMLJob> = {}): AutoMLJob {
  return {
    AutoMLJobName: 'churn',
    AutoMLJobArn: 'smstudio:automl-job/churn',
    InputDataConfig: [
      {
        DataSource: { S3DataSource: { S3Uri: 'file:///home/u/churn.csv' } },
        TargetAttributeName: 'churned'
      }
    ],
    OutputDataConfig: { S3OutputPath: 'file:///home/u/automl' },
    CreationTime: '2026-01-02T10:00:00Z',
    LastModifiedTime: '2026-01-02T10:00:00Z',
    AutoMLJobStatus: 'InProgress',
    AutoMLJobSecondaryStatus: 'Starting',
    Owner: 'u',
    ...patch
  };
}

/** A candidate with an objective value (none: not finished). */
export function candidate(
  name: string,
  value: number | null,
  patch: Partial<AutoMLCandidate> = {}
): AutoMLCandidate {
  return {
    CandidateName: name,
    FinalAutoMLJobObjectiveMetric:
      value === null
        ? null
        : { Type: 'Maximize', MetricName: 'validation:F1', Value: value, StandardMetricName: 'F1' },
    ObjectiveStatus: value === null ? 'Pending' : 'Succeeded',
    CandidateSteps: [
      {
        CandidateStepType: 'AWS::SageMaker::ProcessingJob',
        CandidateStepArn: 'smstudio:processing-job/churn-data',
        CandidateStepName: 'churn-data'
      },
      {
        CandidateStepType: 'AWS::SageMaker::TrainingJob',
        CandidateStepArn: `smstudio:training-job/${name}`,
        CandidateStepName: name
      }
    ],
    CandidateStatus: value === null ? 'InProgress' : 'Completed',
    CreationTime: '2026-01-02T10:00:00Z',
    LastModifiedTime: '2026-01-02T10:00:00Z',
    ...patch
  };
}
