/**
 * "Deploy…" on a completed training job, as pure logic: the dialog's fields, their checks, and
 * the three requests that deploy the job's model as `estimator.deploy()` does (sdk/model.py):
 * a model from the job's artifact with the job's code as its inference code
 * (`SAGEMAKER_PROGRAM`, `SAGEMAKER_SUBMIT_DIRECTORY`), an endpoint config of one variant, and
 * the endpoint.
 */
import type {
  CreateEndpointConfigRequest,
  CreateEndpointRequest,
  CreateModelRequest,
  DescribeTrainingJob,
  TrainingJobConfig
} from '../core/generated/models';

/** The dialog's fields, as typed. */
export interface IDeployValues {
  endpointName: string;
  variantName: string;
  instanceCount: string;
  instanceType: string;
}

export type DeployField = keyof IDeployValues;

/** What is wrong, and with which field (null: the deployment as a whole). */
export interface IDeployProblem {
  field: DeployField | null;
  message: string;
}

/** What of the training job the model is made of. */
export interface IDeploySource {
  jobName: string;
  /** The job's `model.tar.gz`. */
  modelData: string;
  /** The entry point's file name, or null: the serving defaults load the artifact. */
  program: string | null;
  /** The job's packed code (`sourcedir.tar.gz`), or null. */
  codeUrl: string | null;
}

/** SageMaker's names of models, configs, endpoints and variants (endpoints/models.py). */
export const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const MAX_NAME = 63;
export const MAX_INSTANCES = 16;

/** A valid name made of `text`: other characters become `-`, at most 63 long. */
export function toName(text: string): string {
  const name = text
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return name || 'endpoint';
}

/** The fields at first: an endpoint named after the job, one instance, SageMaker's variant name. */
export function deployDefaults(jobName: string): IDeployValues {
  return {
    endpointName: toName(jobName),
    variantName: 'AllTraffic',
    instanceCount: '1',
    instanceType: 'ml.m5.large'
  };
}

/** The model to deploy, or why the job has none (still running, failed, no artifact). */
export function deploySource(
  d: DescribeTrainingJob,
  config: TrainingJobConfig
): IDeploySource | string {
  if (d.TrainingJobStatus !== 'Completed') {
    return `Only a completed training job can be deployed; this one is ${d.TrainingJobStatus}.`;
  }
  const modelData = d.ModelArtifacts?.S3ModelArtifacts;
  if (!modelData) {
    return 'This training job saved no model artifact.';
  }
  const entry = config.entry_point ?? d.AlgorithmSpecification.EntryPoint ?? null;
  return {
    jobName: d.TrainingJobName,
    modelData,
    // as the SDK names it: the file's name inside the packed code
    program: entry ? (entry.split('/').pop() ?? entry) : null,
    codeUrl: config.code_url ?? null
  };
}

/** What is wrong with the fields (null: nothing); the server checks again. */
export function validateDeploy(values: IDeployValues): IDeployProblem | null {
  const name = values.endpointName.trim();
  if (!NAME_PATTERN.test(name)) {
    return {
      field: 'endpointName',
      message:
        'The endpoint name must be 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit.'
    };
  }
  if (!NAME_PATTERN.test(values.variantName.trim())) {
    return {
      field: 'variantName',
      message:
        'The variant name must be 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit.'
    };
  }
  const count = Number(values.instanceCount);
  if (
    values.instanceCount.trim() === '' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_INSTANCES
  ) {
    return {
      field: 'instanceCount',
      message: `The instance count must be a whole number from 1 to ${MAX_INSTANCES}.`
    };
  }
  if (!values.instanceType.trim()) {
    return { field: 'instanceType', message: 'The instance type is required.' };
  }
  return null;
}

/**
 * The model's and config's name: the endpoint's with the time (`-20261201-183005`), as the SDK
 * names its models, so deploying again under the same endpoint name makes new ones.
 */
export function resourceName(endpointName: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const base = endpointName.slice(0, MAX_NAME - stamp.length - 1).replace(/-+$/, '');
  return `${base}-${stamp}`;
}

/** The three requests of a deployment. */
export interface IDeployRequests {
  model: CreateModelRequest;
  config: CreateEndpointConfigRequest;
  endpoint: CreateEndpointRequest;
}

export function deployRequests(
  values: IDeployValues,
  source: IDeploySource,
  now: Date = new Date()
): IDeployRequests {
  const endpointName = values.endpointName.trim();
  const name = resourceName(endpointName, now);
  const environment: Record<string, string> = {};
  if (source.program && source.codeUrl) {
    environment.SAGEMAKER_PROGRAM = source.program;
    environment.SAGEMAKER_SUBMIT_DIRECTORY = source.codeUrl;
  }
  return {
    model: {
      ModelName: name,
      PrimaryContainer: { ModelDataUrl: source.modelData, Environment: environment },
      Tags: [{ Key: 'smstudio:training-job', Value: source.jobName }]
    },
    config: {
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: values.variantName.trim(),
          ModelName: name,
          InitialInstanceCount: Number(values.instanceCount),
          InstanceType: values.instanceType.trim(),
          InitialVariantWeight: 1
        }
      ]
    },
    endpoint: { EndpointName: endpointName, EndpointConfigName: name }
  };
}

/** The dialog's field a server error names (`ProductionVariants.0.InitialInstanceCount`…). */
export function fieldOf(serverField: string | null | undefined): DeployField | null {
  const last = (serverField ?? '').split('.').pop() ?? '';
  switch (last) {
    case 'EndpointName':
    case 'EndpointConfigName':
    case 'ModelName':
      return 'endpointName';
    case 'VariantName':
      return 'variantName';
    case 'InitialInstanceCount':
      return 'instanceCount';
    case 'InstanceType':
      return 'instanceType';
    default:
      return null;
  }
}
