/**
 * Typed REST client for `<base_url>smstudio/api/...` (see docs/api.md).
 *
 * Every function goes through `ServerConnection.makeRequest`, which adds the token / XSRF
 * headers. A failed request throws `ApiError`, carrying the server's `ErrorResponse`.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import type {
  ErrorResponse,
  Job,
  JobList,
  LogChunk,
  MetricSeries,
  ScriptJobRequest,
  StorageListing,
  TrialComponent,
  WhoAmI
} from './generated/models';

/** The URL prefix of the REST API, below the server's base URL. */
export const API_NAMESPACE = 'smstudio/api';

/** A failed request: HTTP status plus the server's `ErrorResponse` fields. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
    readonly field: string | null = null
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Build an error from a non-2xx response, reading `ErrorResponse` when the body is one. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: Partial<ErrorResponse> | null = null;
    try {
      const text = await response.text();
      body = text ? (JSON.parse(text) as Partial<ErrorResponse>) : null;
    } catch {
      body = null;
    }
    const fallback = `${response.status} ${response.statusText || 'request failed'}`.trim();
    if (body && typeof body === 'object' && typeof body.message === 'string') {
      return new ApiError(
        body.message,
        response.status,
        typeof body.reason === 'string' ? body.reason : response.statusText,
        typeof body.field === 'string' ? body.field : null
      );
    }
    return new ApiError(fallback, response.status, response.statusText || 'Error');
  }
}

/** Query parameters of `GET jobs`. */
export interface IJobQuery {
  status?: string;
  kind?: string;
  name_contains?: string;
  limit?: number;
  offset?: number;
}

/** Compose `path?query`, dropping empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | undefined | null>
): string {
  const params = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return params.length ? `${path}?${params.join('&')}` : path;
}

/**
 * Send one request to the API and decode the JSON answer.
 *
 * @param path - route below `smstudio/api/`, with its query string
 */
export async function requestAPI<T>(
  path: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, path);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Cannot reach the server: ${message}`, 0, 'NetworkError');
  }
  if (!response.ok) {
    throw await ApiError.fromResponse(response);
  }
  const text = await response.text();
  if (!text) {
    return undefined as unknown as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError('The server answered with invalid JSON', response.status, 'InvalidJSON');
  }
}

const seg = encodeURIComponent;

/** The API of the Studio server extension, one function per route. */
export class StudioApi {
  constructor(readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()) {}

  whoami(): Promise<WhoAmI> {
    return requestAPI<WhoAmI>('whoami', {}, this.settings);
  }

  listJobs(query: IJobQuery = {}): Promise<JobList> {
    return requestAPI<JobList>(withQuery('jobs', { ...query }), {}, this.settings);
  }

  createJob(request: ScriptJobRequest): Promise<Job> {
    return requestAPI<Job>(
      'jobs',
      { method: 'POST', body: JSON.stringify(request) },
      this.settings
    );
  }

  getJob(name: string): Promise<Job> {
    return requestAPI<Job>(`jobs/${seg(name)}`, {}, this.settings);
  }

  stopJob(name: string): Promise<Job> {
    return requestAPI<Job>(`jobs/${seg(name)}/stop`, { method: 'POST' }, this.settings);
  }

  getLogs(name: string, offset = 0): Promise<LogChunk> {
    return requestAPI<LogChunk>(withQuery(`jobs/${seg(name)}/logs`, { offset }), {}, this.settings);
  }

  listStorage(url: string): Promise<StorageListing> {
    return requestAPI<StorageListing>(withQuery('storage', { url }), {}, this.settings);
  }

  // Trial components are read by both the Experiments and the Training rooms.
  getComponent(name: string): Promise<TrialComponent> {
    return requestAPI<TrialComponent>(`trial-components/${seg(name)}`, {}, this.settings);
  }

  metricSeries(component: string, metric: string, maxPoints = 2000): Promise<MetricSeries> {
    return requestAPI<MetricSeries>(
      withQuery(`trial-components/${seg(component)}/metrics/${seg(metric)}`, {
        max_points: maxPoints
      }),
      {},
      this.settings
    );
  }
}
