import type { Endpoint } from '../../core/generated/models';
import type { EndpointsApi } from '../api';
import { AccessKeys, boto3Snippet } from '../accessKeys';
import {
  activityVariant,
  resourceId,
  scalingFieldOf,
  scalingForm,
  scalingRequests,
  scalingSummary,
  validateScaling
} from '../scaling';
import { EndpointScaling } from '../scalingState';
import { progressFraction, progressShort, progressText } from '../transforms';

const ENDPOINT = {
  EndpointName: 'ep',
  ProductionVariants: [{ VariantName: 'blue', DesiredInstanceCount: 1 }]
} as unknown as Endpoint;

describe('autoscaling', () => {
  it('names the variant as Application Auto Scaling does', () => {
    expect(resourceId('ep', 'blue')).toBe('endpoint/ep/variant/blue');
    expect(activityVariant('endpoint/ep/variant/blue')).toBe('blue');
  });

  it('builds the target and the target-tracking policy', () => {
    const form = scalingForm(undefined, 1);
    expect(form).toEqual({ min: '1', max: '2', target: '100', scaleOut: '300', scaleIn: '300' });
    const { target, policy } = scalingRequests('ep', 'blue', { ...form, max: '4', target: '50' });
    expect(target).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: 'endpoint/ep/variant/blue',
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 1,
      MaxCapacity: 4
    });
    expect(policy.PolicyType).toBe('TargetTrackingScaling');
    expect(policy.TargetTrackingScalingPolicyConfiguration).toEqual({
      TargetValue: 50,
      PredefinedMetricSpecification: {
        PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance'
      },
      ScaleOutCooldown: 300,
      ScaleInCooldown: 300
    });
  });

  it('names the field that is wrong', () => {
    const ok = scalingForm(undefined, 2);
    expect(validateScaling(ok)).toBeNull();
    expect(validateScaling({ ...ok, min: '0' })?.field).toBe('min');
    expect(validateScaling({ ...ok, min: '3', max: '2' })?.field).toBe('max');
    expect(validateScaling({ ...ok, target: '0' })?.field).toBe('target');
    expect(validateScaling({ ...ok, scaleIn: '-1' })?.field).toBe('scaleIn');
    expect(scalingFieldOf('TargetTrackingScalingPolicyConfiguration.TargetValue')).toBe('target');
    expect(scalingFieldOf('MinCapacity')).toBe('min');
  });

  it('says what a variant does', () => {
    expect(scalingSummary(undefined)).toBe('off');
    const target = { MinCapacity: 1, MaxCapacity: 3 } as never;
    expect(scalingSummary({ target, policy: null })).toBe('1–3 instances, no policy');
  });

  it('reads, saves and removes a variant policy; a refusal lands on its field', async () => {
    const targets = { ScalableTargets: [] as unknown[], Total: 0 };
    const api = {
      scalableTargets: jest.fn().mockImplementation(async () => targets),
      scalingPolicies: jest.fn().mockResolvedValue({ ScalingPolicies: [], Total: 0 }),
      scalingActivities: jest.fn().mockResolvedValue({
        ScalingActivities: [
          {
            ActivityId: 'a',
            ResourceId: resourceId('ep', 'blue'),
            StartTime: '2026-12-01T08:00:00Z'
          }
        ],
        Total: 1
      }),
      registerScalableTarget: jest
        .fn()
        .mockRejectedValueOnce(
          Object.assign(new Error('MaxCapacity 99 is above 16'), { field: 'MaxCapacity' })
        )
        .mockResolvedValue({}),
      putScalingPolicy: jest.fn().mockResolvedValue({}),
      deleteScalingPolicy: jest.fn().mockResolvedValue({}),
      deregisterScalableTarget: jest.fn().mockResolvedValue({})
    };
    const scaling = new EndpointScaling(api as unknown as EndpointsApi, () => undefined);
    await scaling.load(ENDPOINT);
    expect(scaling.loaded).toBe(true);
    expect(scaling.variant('blue')).toEqual({ target: null, policy: null });
    expect(scaling.activities).toHaveLength(1);

    scaling.edit('blue', 1);
    await scaling.save(ENDPOINT);
    expect(scaling.problem).toEqual({ field: 'max', message: 'MaxCapacity 99 is above 16' });
    expect(scaling.editing).toBe('blue');
    await scaling.save(ENDPOINT);
    expect(api.putScalingPolicy).toHaveBeenCalledTimes(1);
    expect(scaling.editing).toBeNull();

    targets.ScalableTargets = [
      { ResourceId: resourceId('ep', 'blue'), MinCapacity: 1, MaxCapacity: 2 }
    ];
    await scaling.load(ENDPOINT);
    await scaling.remove(ENDPOINT, 'blue');
    expect(api.deregisterScalableTarget).toHaveBeenCalledWith('endpoint/ep/variant/blue');
  });

  it('leaves the section out where the server has no autoscaling', async () => {
    const { ApiError } = await import('../../core/api');
    const api = {
      scalableTargets: jest.fn().mockRejectedValue(new ApiError('no', 404, 'Not Found'))
    };
    const scaling = new EndpointScaling(api as unknown as EndpointsApi, () => undefined);
    await scaling.load(ENDPOINT);
    expect(scaling.available).toBe(false);
  });
});

describe('batch transform progress', () => {
  it('counts the records answered', () => {
    expect(progressFraction({ RecordsDone: 25, RecordsTotal: 100 })).toBe(0.25);
    expect(progressFraction({ RecordsDone: 3 })).toBeNull();
    expect(progressText({ RecordsDone: 1234, RecordsTotal: 100000 })).toBe(
      '1,234 of 100,000 records (1%)'
    );
    expect(progressText({ RecordsDone: 1 })).toBe('1 record');
    expect(progressText(undefined)).toBe('0 records');
    expect(progressShort({ RecordsDone: 50, RecordsTotal: 50 })).toBe('50 of 50 (100%)');
  });
});

describe('access keys', () => {
  it('hold the new secret until dismissed, and show a refusal', async () => {
    const list = { AccessKeyMetadata: [] as unknown[] };
    const api = {
      listAccessKeys: jest.fn().mockImplementation(async () => list),
      createAccessKey: jest
        .fn()
        .mockResolvedValueOnce({ AccessKey: { AccessKeyId: 'AK1', SecretAccessKey: 's3cr3t' } })
        .mockRejectedValueOnce(new Error('a user holds at most 2 access keys')),
      updateAccessKey: jest.fn().mockResolvedValue({}),
      deleteAccessKey: jest.fn().mockResolvedValue({})
    };
    const keys = new AccessKeys(api as unknown as EndpointsApi, () => undefined);
    await keys.create();
    expect(keys.created?.SecretAccessKey).toBe('s3cr3t');
    await keys.create();
    expect(keys.error).toBe('a user holds at most 2 access keys');
    await keys.setStatus('AK1', 'Inactive');
    expect(api.updateAccessKey).toHaveBeenCalledWith('AK1', 'Inactive');
    await keys.delete('AK1');
    expect(keys.created).toBeNull();
    keys.dismissSecret();
    expect(boto3Snippet('http://h/smstudio/api/runtime', { AccessKeyId: 'AK1' })).toContain(
      'endpoint_url="http://h/smstudio/api/runtime"'
    );
  });
});
