/**
 * Typed REST client for `<base_url>smstudio/api/...` (see docs/api.md).
 *
 * Every function goes through `ServerConnection.makeRequest`, which adds the token / XSRF
 * headers. A failed request throws `ApiError`, carrying the server's `ErrorResponse`.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { message } from './errors';
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
    let body: Partial<ErrorResponse> | null;
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

/** Query parameters of a route; empty ones (undefined, null, '') are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** Compose `path?query`, dropping empty values. */
export function withQuery(path: string, query: Query): string {
  const params = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** A route with its interpolated segments URL-encoded: route`jobs/${name}/stop`. */
export function route(parts: TemplateStringsArray, ...segments: string[]): string {
  return parts.reduce((path, part, i) => path + encodeURIComponent(segments[i - 1]) + part);
}

/**
 * Send one request to the API; a failed one (unreachable server, non-2xx answer) throws
 * `ApiError`.
 *
 * @param path - route below `smstudio/api/`, with its query string
 */
export async function fetchAPI(
  path: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<Response> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, path);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new ApiError(`Cannot reach the server: ${message(error)}`, 0, 'NetworkError');
  }
  if (!response.ok) {
    throw await ApiError.fromResponse(response);
  }
  return response;
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
  const response = await fetchAPI(path, init, settings);
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

/**
 * The API of the Studio server extension, one function per route. A room with routes of its
 * own extends it, through the protected helpers.
 */
export class StudioApi {
  constructor(readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()) {}

  whoami(): Promise<WhoAmI> {
    return this._get('whoami');
  }

  listJobs(query: IJobQuery = {}): Promise<JobList> {
    return this._get('jobs', { ...query });
  }

  createJob(request: ScriptJobRequest): Promise<Job> {
    return this._send('POST', 'jobs', request);
  }

  getJob(name: string): Promise<Job> {
    return this._get(route`jobs/${name}`);
  }

  stopJob(name: string): Promise<Job> {
    return this._send('POST', route`jobs/${name}/stop`);
  }

  getLogs(name: string, offset = 0): Promise<LogChunk> {
    return this._get(route`jobs/${name}/logs`, { offset });
  }

  listStorage(url: string): Promise<StorageListing> {
    return this._get('storage', { url });
  }

  // Trial components are read by both the Experiments and the Training rooms.
  getComponent(name: string): Promise<TrialComponent> {
    return this._get(route`trial-components/${name}`);
  }

  metricSeries(component: string, metric: string, maxPoints = 2000): Promise<MetricSeries> {
    return this._get(route`trial-components/${component}/metrics/${metric}`, {
      max_points: maxPoints
    });
  }

  /** GET a route and decode its JSON. */
  protected _get<T>(path: string, query: Query = {}): Promise<T> {
    return requestAPI<T>(withQuery(path, query), {}, this.settings);
  }

  /** Send `body` (when given) as JSON to a route and decode the JSON answer. */
  protected _send<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    query: Query = {}
  ): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
    }
    return requestAPI<T>(withQuery(path, query), init, this.settings);
  }

  /** GET a route's raw answer (bytes rather than JSON). */
  protected _fetch(path: string, query: Query = {}): Promise<Response> {
    return fetchAPI(withQuery(path, query), {}, this.settings);
  }
}
