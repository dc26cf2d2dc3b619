/** Test helper of the Training room (not a spec: jest skips it). */
import type { DescribeTrainingJob, Job } from '../../core/generated/models';

/** A DescribeTrainingJob answer: the fields every answer has, plus `more`. */
export function describedTraining(
  name: string,
  status: Job['status'],
  more: Partial<DescribeTrainingJob> = {}
): DescribeTrainingJob {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:local:000000000000:training-job/${name}`,
    TrainingJobStatus: status,
    AlgorithmSpecification: {},
    OutputDataConfig: {},
    ResourceConfig: {},
    StoppingCondition: {},
    CreationTime: '2026-01-01T00:00:00Z',
    LogUrl: '',
    Runner: 'local',
    Owner: 'me',
    ...more
  };
}
