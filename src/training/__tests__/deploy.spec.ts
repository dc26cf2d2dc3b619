import type { DescribeTrainingJob } from '../../core/generated/models';
import {
  deployDefaults,
  deployRequests,
  deploySource,
  fieldOf,
  IDeploySource,
  resourceName,
  toName,
  validateDeploy
} from '../deploy';
import { DeployCalls, runDeploy } from '../deployRun';

const JOB = {
  TrainingJobName: 'sk-train-2026',
  TrainingJobStatus: 'Completed',
  AlgorithmSpecification: { EntryPoint: 'train.py' },
  ModelArtifacts: { S3ModelArtifacts: 'file:///h/sk-train-2026/output/model.tar.gz' }
} as unknown as DescribeTrainingJob;

const SOURCE: IDeploySource = {
  jobName: 'sk-train-2026',
  modelData: 'file:///h/sk-train-2026/output/model.tar.gz',
  program: 'train.py',
  codeUrl: 'file:///h/sk-train-2026/source/sourcedir.tar.gz'
};

const NOW = new Date(Date.UTC(2026, 11, 1, 18, 30, 5));

describe('Deploy…', () => {
  it('deploys the artifact with the job code, as estimator.deploy does', () => {
    expect(
      deploySource(JOB, {
        entry_point: 'src/train.py',
        code_url: SOURCE.codeUrl
      })
    ).toEqual({ ...SOURCE, program: 'train.py' });
    expect(deploySource({ ...JOB, TrainingJobStatus: 'InProgress' }, {})).toMatch(/InProgress/);
    expect(deploySource({ ...JOB, ModelArtifacts: null }, {})).toMatch(/no model artifact/);

    const values = deployDefaults(SOURCE.jobName);
    expect(values).toEqual({
      endpointName: 'sk-train-2026',
      variantName: 'AllTraffic',
      instanceCount: '1',
      instanceType: 'ml.m5.large'
    });
    const requests = deployRequests({ ...values, instanceCount: '2' }, SOURCE, NOW);
    expect(requests.model).toEqual({
      ModelName: 'sk-train-2026-20261201-183005',
      PrimaryContainer: {
        ModelDataUrl: SOURCE.modelData,
        Environment: { SAGEMAKER_PROGRAM: 'train.py', SAGEMAKER_SUBMIT_DIRECTORY: SOURCE.codeUrl }
      },
      Tags: [{ Key: 'smstudio:training-job', Value: 'sk-train-2026' }]
    });
    expect(requests.config.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        ModelName: 'sk-train-2026-20261201-183005',
        InitialInstanceCount: 2,
        InstanceType: 'ml.m5.large',
        InitialVariantWeight: 1
      }
    ]);
    expect(requests.endpoint).toEqual({
      EndpointName: 'sk-train-2026',
      EndpointConfigName: 'sk-train-2026-20261201-183005'
    });
  });

  it('makes valid names', () => {
    expect(toName('my_job.v2')).toBe('my-job-v2');
    expect(toName('__')).toBe('endpoint');
    expect(toName('a'.repeat(80))).toHaveLength(63);
    const long = resourceName('e'.repeat(63), NOW);
    expect(long).toHaveLength(63);
    expect(long.endsWith('-20261201-183005')).toBe(true);
  });

  it('names the field that is wrong', () => {
    const ok = deployDefaults('job');
    expect(validateDeploy(ok)).toBeNull();
    expect(validateDeploy({ ...ok, endpointName: 'no spaces' })?.field).toBe('endpointName');
    expect(validateDeploy({ ...ok, variantName: '' })?.field).toBe('variantName');
    expect(validateDeploy({ ...ok, instanceCount: '0' })?.field).toBe('instanceCount');
    expect(validateDeploy({ ...ok, instanceCount: '17' })?.field).toBe('instanceCount');
    expect(validateDeploy({ ...ok, instanceCount: '1.5' })?.field).toBe('instanceCount');
    expect(validateDeploy({ ...ok, instanceType: ' ' })?.field).toBe('instanceType');
    expect(fieldOf('ProductionVariants.0.InitialInstanceCount')).toBe('instanceCount');
    expect(fieldOf('EndpointName')).toBe('endpointName');
    expect(fieldOf(null)).toBeNull();
  });
});

function fakeCalls(): jest.Mocked<DeployCalls> {
  return {
    endpointExists: jest.fn().mockResolvedValue(false),
    createModel: jest.fn().mockResolvedValue({}),
    deleteModel: jest.fn().mockResolvedValue({}),
    createEndpointConfig: jest.fn().mockResolvedValue({}),
    deleteEndpointConfig: jest.fn().mockResolvedValue({}),
    createEndpoint: jest.fn().mockResolvedValue({})
  } as unknown as jest.Mocked<DeployCalls>;
}

describe('running a deployment', () => {
  it('creates the model, the config and the endpoint', async () => {
    const calls = fakeCalls();
    expect(await runDeploy(calls, deployDefaults('job'), SOURCE)).toBeNull();
    expect(calls.createModel).toHaveBeenCalledTimes(1);
    expect(calls.createEndpoint.mock.calls[0][0].EndpointName).toBe('job');
  });

  it('refuses a taken endpoint name before creating anything', async () => {
    const calls = fakeCalls();
    calls.endpointExists.mockResolvedValue(true);
    const problem = await runDeploy(calls, deployDefaults('job'), SOURCE);
    expect(problem).toEqual({ field: 'endpointName', message: expect.stringMatching(/exists/) });
    expect(calls.createModel).not.toHaveBeenCalled();
  });

  it('takes back what it made when a step is refused, and names the field', async () => {
    const calls = fakeCalls();
    calls.createEndpoint.mockRejectedValue(
      Object.assign(new Error('InstanceType: unknown'), {
        field: 'ProductionVariants.0.InstanceType'
      })
    );
    const problem = await runDeploy(calls, deployDefaults('job'), SOURCE);
    expect(problem).toEqual({ field: 'instanceType', message: 'InstanceType: unknown' });
    expect(calls.deleteEndpointConfig).toHaveBeenCalledTimes(1);
    expect(calls.deleteModel).toHaveBeenCalledTimes(1);
  });

  it('checks the fields before any call', async () => {
    const calls = fakeCalls();
    const problem = await runDeploy(
      calls,
      { ...deployDefaults('job'), instanceCount: 'x' },
      SOURCE
    );
    expect(problem?.field).toBe('instanceCount');
    expect(calls.endpointExists).not.toHaveBeenCalled();
  });
});
