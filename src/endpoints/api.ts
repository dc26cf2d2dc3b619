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
  EndpointList,
  Model
} from '../core/generated/models';
import { ContentType, IInvocationResult, INVOKED_VARIANT_HEADER, invocationInit } from './logic';

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

  deleteEndpoint(name: string): Promise<void> {
    return this._send('DELETE', route`endpoints/${name}`);
  }

  updateWeightsAndCapacities(name: string, changes: DesiredWeightAndCapacity[]): Promise<Endpoint> {
    return this._send('POST', route`endpoints/${name}/weights-and-capacities`, {
      DesiredWeightsAndCapacities: changes
    });
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
