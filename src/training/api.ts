/**
 * REST calls of the Training room (training and processing jobs, see docs/api.md), through the
 * core `requestAPI` helper (token / XSRF headers, `ApiError` on failure).
 *
 * `training-jobs/{name}` and `processing-jobs/{name}` answer SageMaker's DescribeTrainingJob /
 * DescribeProcessingJob JSON; the shapes below are the fields the room reads.
 */
import { requestAPI, StudioApi } from '../core/api';
import type {
  Job,
  ProcessingJobRequest,
  TrainingJobRequest
} from '../core/generated/models';

const seg = encodeURIComponent;

export type JobKind = 'training' | 'processing';

export interface IMetricDefinition {
  Name: string;
  Regex: string;
}

export interface IFinalMetric {
  MetricName: string;
  Value: number | string | null;
  Timestamp?: string | null;
}

/** SageMaker's DescribeTrainingJob, as the server writes it. */
export interface IDescribeTrainingJob {
  TrainingJobName: string;
  TrainingJobArn?: string;
  TrainingJobStatus: Job['status'];
  SecondaryStatus?: string | null;
  FailureReason?: string;
  HyperParameters?: Record<string, string>;
  AlgorithmSpecification?: {
    TrainingInputMode?: string;
    MetricDefinitions?: IMetricDefinition[];
    EntryPoint?: string | null;
    Framework?: string | null;
  };
  InputDataConfig?: {
    ChannelName: string;
    DataSource?: { S3DataSource?: { S3Uri?: string } };
  }[];
  OutputDataConfig?: { S3OutputPath?: string | null };
  ResourceConfig?: { InstanceType?: string; InstanceCount?: number };
  StoppingCondition?: { MaxRuntimeInSeconds?: number | null };
  CreationTime?: string | null;
  TrainingStartTime?: string | null;
  TrainingEndTime?: string | null;
  ModelArtifacts?: { S3ModelArtifacts?: string | null };
  FinalMetricDataList?: IFinalMetric[];
  TrainingTimeInSeconds?: number | null;
  LogUrl?: string;
  Environment?: Record<string, string>;
  Runner?: string;
  Owner?: string;
}

/** SageMaker's DescribeProcessingJob, as the server writes it. */
export interface IDescribeProcessingJob {
  ProcessingJobName: string;
  ProcessingJobStatus: Job['status'];
  FailureReason?: string;
  ExitMessage?: string;
  ProcessingInputs?: { InputName: string; S3Input?: { S3Uri?: string; LocalPath?: string } }[];
  ProcessingOutputConfig?: {
    Outputs?: { OutputName: string; S3Output?: { S3Uri?: string; LocalPath?: string } }[];
  };
  ProcessingResources?: { ClusterConfig?: { InstanceType?: string; InstanceCount?: number } };
  StoppingCondition?: { MaxRuntimeInSeconds?: number | null };
  AppSpecification?: { ContainerEntrypoint?: string[]; ContainerArguments?: string[] };
  Environment?: Record<string, string>;
  CreationTime?: string | null;
  ProcessingStartTime?: string | null;
  ProcessingEndTime?: string | null;
  LogUrl?: string;
  Owner?: string;
}

export type Description = IDescribeTrainingJob | IDescribeProcessingJob;

export function isTrainingDescription(d: Description | null | undefined): d is IDescribeTrainingJob {
  return !!d && 'TrainingJobName' in d;
}

/** The trial component that auto-tracks a job (server: `trial_component_name`). */
export function trialComponentName(jobName: string, kind: string): string {
  return `${jobName}-${kind}-job`.slice(0, 120).replace(/-+$/, '');
}

/** The Studio API plus the training and processing routes. */
export class TrainingApi extends StudioApi {
  createTrainingJob(request: TrainingJobRequest): Promise<IDescribeTrainingJob> {
    return requestAPI<IDescribeTrainingJob>(
      'training-jobs',
      { method: 'POST', body: JSON.stringify(request) },
      this.settings
    );
  }

  createProcessingJob(request: ProcessingJobRequest): Promise<IDescribeProcessingJob> {
    return requestAPI<IDescribeProcessingJob>(
      'processing-jobs',
      { method: 'POST', body: JSON.stringify(request) },
      this.settings
    );
  }

  describe(name: string, kind: JobKind): Promise<Description> {
    const route = kind === 'processing' ? 'processing-jobs' : 'training-jobs';
    return requestAPI<Description>(`${route}/${seg(name)}`, {}, this.settings);
  }

}
