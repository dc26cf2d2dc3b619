/**
 * REST calls of the Training room (training and processing jobs, see docs/api.md), through the
 * core API client (token / XSRF headers, `ApiError` on failure).
 *
 * `training-jobs/{name}` and `processing-jobs/{name}` answer SageMaker's DescribeTrainingJob /
 * DescribeProcessingJob JSON (fields without a value are left out).
 */
import { ApiError, route, StudioApi } from '../core/api';
import { jobComponentName } from '../core/links';
import type {
  CreateEndpointConfigRequest,
  CreateEndpointRequest,
  CreateModelRequest,
  DescribeProcessingJob,
  DescribeTrainingJob,
  Job,
  ProcessingJobConfig,
  ProcessingJobRequest,
  TrainingJobConfig,
  TrainingJobRequest
} from '../core/generated/models';
import type { TrainingJobKind } from '../tokens';

export type JobKind = TrainingJobKind;

export type Description = DescribeTrainingJob | DescribeProcessingJob;

export function isTrainingDescription(d: Description | null | undefined): d is DescribeTrainingJob {
  return !!d && 'TrainingJobName' in d;
}

/** The status a description reports. */
export function describedStatus(d: Description): Job['status'] {
  return isTrainingDescription(d) ? d.TrainingJobStatus : d.ProcessingJobStatus;
}

/** A training job's recorded configuration: its request as sent, and what the server resolved. */
export function trainingConfig(job: Job | null | undefined): TrainingJobConfig {
  return job?.config ?? {};
}

/** A training or processing job's recorded configuration. */
export function jobConfig(job: Job): TrainingJobConfig | ProcessingJobConfig {
  return job.config;
}

/** The trial component that auto-tracks a job (server: `trial_component_name`). */
export const trialComponentName = jobComponentName;

/** The Studio API plus the training and processing routes. */
export class TrainingApi extends StudioApi {
  createTrainingJob(request: TrainingJobRequest): Promise<DescribeTrainingJob> {
    return this._send('POST', 'training-jobs', request);
  }

  createProcessingJob(request: ProcessingJobRequest): Promise<DescribeProcessingJob> {
    return this._send('POST', 'processing-jobs', request);
  }

  describe(name: string, kind: JobKind): Promise<Description> {
    return kind === 'processing'
      ? this._get(route`processing-jobs/${name}`)
      : this._get(route`training-jobs/${name}`);
  }

  // "Deploy…": the Endpoints room's routes, called from a training job's page

  createModel(request: CreateModelRequest): Promise<unknown> {
    return this._send('POST', 'models', request);
  }

  deleteModel(name: string): Promise<unknown> {
    return this._send('DELETE', route`models/${name}`);
  }

  createEndpointConfig(request: CreateEndpointConfigRequest): Promise<unknown> {
    return this._send('POST', 'endpoint-configs', request);
  }

  deleteEndpointConfig(name: string): Promise<unknown> {
    return this._send('DELETE', route`endpoint-configs/${name}`);
  }

  createEndpoint(request: CreateEndpointRequest): Promise<unknown> {
    return this._send('POST', 'endpoints', request);
  }

  /** Whether the user has an endpoint of this name. */
  async endpointExists(name: string): Promise<boolean> {
    try {
      await this._get(route`endpoints/${name}`);
      return true;
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) {
        return false;
      }
      throw reason;
    }
  }
}
