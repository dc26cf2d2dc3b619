/**
 * REST calls of the Endpoints room (models, endpoint configs, endpoints; see docs/api.md) through
 * the core API client, and the test panel's call to the invocations route.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { API_NAMESPACE, ApiError, route, StudioApi } from '../core/api';
import { message } from '../core/errors';
import type {
  DesiredWeightAndCapacity,
  Endpoint,
  EndpointConfig,
  EndpointConfigList,
  EndpointList,
  EndpointMetrics,
  Model,
  ModelList,
  PutScalingPolicyRequest,
  RegisterScalableTargetRequest,
  ScalableTargetList,
  ScalingActivityList,
  ScalingPolicyList,
  TransformJob,
  TransformJobList,
  AccessKeyMetadata,
  CreateAccessKeyResponse,
  ListAccessKeysResponse
} from '../core/generated/models';
import { ContentType, IInvocationResult, INVOKED_VARIANT_HEADER, invocationInit } from './logic';

const SCALING_TARGETS = 'autoscaling/scalable-targets';
const SCALING_POLICIES = 'autoscaling/scaling-policies';

export class EndpointsApi extends StudioApi {
  listEndpoints(query: { name_contains?: string } = {}): Promise<EndpointList> {
    return this._get('endpoints', { ...query, limit: 100 });
  }

  describeEndpoint(name: string): Promise<Endpoint> {
    return this._get(route`endpoints/${name}`);
  }

  describeEndpointConfig(name: string): Promise<EndpointConfig> {
    return this._get(route`endpoint-configs/${name}`);
  }

  describeModel(name: string): Promise<Model> {
    return this._get(route`models/${name}`);
  }

  listModels(query: { name_contains?: string } = {}): Promise<ModelList> {
    return this._get('models', { ...query, limit: 100 });
  }

  listEndpointConfigs(query: { name_contains?: string } = {}): Promise<EndpointConfigList> {
    return this._get('endpoint-configs', { ...query, limit: 100 });
  }

  /** Each variant's last `minutes` minutes as the router counted them. */
  endpointMetrics(name: string, minutes = 60): Promise<EndpointMetrics> {
    return this._get(route`endpoints/${name}/metrics`, { minutes });
  }

  deleteEndpoint(name: string): Promise<void> {
    return this._send('DELETE', route`endpoints/${name}`);
  }

  updateWeightsAndCapacities(name: string, changes: DesiredWeightAndCapacity[]): Promise<Endpoint> {
    return this._send('POST', route`endpoints/${name}/weights-and-capacities`, {
      DesiredWeightsAndCapacities: changes
    });
  }

  // Autoscaling of the variants (Application Auto Scaling's calls, autoscaling/operations.py)

  scalableTargets(resourceIds: string[]): Promise<ScalableTargetList> {
    return this._get(SCALING_TARGETS, { resource_ids: resourceIds.join(','), limit: 50 });
  }

  scalingPolicies(resourceId: string): Promise<ScalingPolicyList> {
    return this._get(SCALING_POLICIES, { resource_id: resourceId, limit: 50 });
  }

  /** A variant's scaling activities, newest first. */
  scalingActivities(resourceId: string, limit = 20): Promise<ScalingActivityList> {
    return this._get('autoscaling/scaling-activities', { resource_id: resourceId, limit });
  }

  registerScalableTarget(request: RegisterScalableTargetRequest): Promise<unknown> {
    return this._send('POST', SCALING_TARGETS, request);
  }

  putScalingPolicy(request: PutScalingPolicyRequest): Promise<unknown> {
    return this._send('POST', SCALING_POLICIES, request);
  }

  deleteScalingPolicy(policyName: string, resourceId: string): Promise<unknown> {
    return this._send('DELETE', SCALING_POLICIES, undefined, {
      policy_name: policyName,
      resource_id: resourceId
    });
  }

  deregisterScalableTarget(resourceId: string): Promise<unknown> {
    return this._send('DELETE', SCALING_TARGETS, undefined, { resource_id: resourceId });
  }

  // Batch transform jobs (transform/operations.py)

  listTransformJobs(query: { name_contains?: string } = {}): Promise<TransformJobList> {
    return this._get('transform-jobs', { ...query, limit: 100 });
  }

  describeTransformJob(name: string): Promise<TransformJob> {
    return this._get(route`transform-jobs/${name}`);
  }

  stopTransformJob(name: string): Promise<unknown> {
    return this._send('POST', route`transform-jobs/${name}/stop`);
  }

  // The user's access keys, which sign boto3's sagemaker-runtime client (access_keys/operations.py)

  listAccessKeys(): Promise<ListAccessKeysResponse> {
    return this._get('access-keys');
  }

  /** A new key: the only answer that holds its secret. */
  createAccessKey(): Promise<CreateAccessKeyResponse> {
    return this._send('POST', 'access-keys');
  }

  updateAccessKey(id: string, status: AccessKeyMetadata['Status']): Promise<AccessKeyMetadata> {
    return this._send('PATCH', route`access-keys/${id}`, { Status: status });
  }

  deleteAccessKey(id: string): Promise<unknown> {
    return this._send('DELETE', route`access-keys/${id}`);
  }

  /** Send a payload to an endpoint; any answer (an error status too) is returned, not thrown. */
  async invoke(
    name: string,
    body: string,
    contentType: ContentType,
    targetVariant = ''
  ): Promise<IInvocationResult> {
    const url = URLExt.join(
      this.settings.baseUrl,
      API_NAMESPACE,
      route`endpoints/${name}/invocations`
    );
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(
        url,
        invocationInit(body, contentType, targetVariant),
        this.settings
      );
    } catch (error) {
      throw new ApiError(`Cannot reach the server: ${message(error)}`, 0, 'NetworkError');
    }
    return {
      status: response.status,
      variant: response.headers.get(INVOKED_VARIANT_HEADER),
      contentType: response.headers.get('Content-Type'),
      body: await response.text()
    };
  }
}
