/**
 * Deploy a training job's model through the REST API: model, endpoint config, endpoint. A
 * refused step takes back what the earlier ones created, so nothing is left half-made.
 */
import { message } from '../core/errors';
import type { TrainingApi } from './api';
import {
  deployRequests,
  fieldOf,
  IDeployProblem,
  IDeploySource,
  IDeployValues,
  validateDeploy
} from './deploy';

export type DeployCalls = Pick<
  TrainingApi,
  | 'createModel'
  | 'deleteModel'
  | 'createEndpointConfig'
  | 'deleteEndpointConfig'
  | 'createEndpoint'
  | 'endpointExists'
>;

/** The problem a server refusal is, on the field it names. */
function problem(reason: unknown): IDeployProblem {
  const field = (reason as { field?: string | null }).field;
  return { field: fieldOf(field), message: message(reason) };
}

/** Deploy; the problem (on its field) when refused, null once the endpoint is being created. */
export async function runDeploy(
  api: DeployCalls,
  values: IDeployValues,
  source: IDeploySource
): Promise<IDeployProblem | null> {
  const invalid = validateDeploy(values);
  if (invalid) {
    return invalid;
  }
  const requests = deployRequests(values, source);
  const endpoint = requests.endpoint.EndpointName;
  try {
    if (await api.endpointExists(endpoint)) {
      return {
        field: 'endpointName',
        message: `An endpoint named "${endpoint}" exists already: choose another name.`
      };
    }
  } catch (reason) {
    return problem(reason);
  }
  const undo: (() => Promise<unknown>)[] = [];
  try {
    await api.createModel(requests.model);
    undo.push(() => api.deleteModel(requests.model.ModelName));
    await api.createEndpointConfig(requests.config);
    undo.push(() => api.deleteEndpointConfig(requests.config.EndpointConfigName));
    await api.createEndpoint(requests.endpoint);
    return null;
  } catch (reason) {
    for (const step of undo.reverse()) {
      await step().catch(() => undefined);
    }
    return problem(reason);
  }
}
