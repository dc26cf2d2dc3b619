/**
 * REST calls of the Experiments room (docs/api.md, "Experiments"), through the core
 * `requestAPI` helper (token / XSRF headers, `ApiError` on failure).
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { API_NAMESPACE, ApiError, requestAPI, StudioApi, withQuery } from '../core/api';
import type {
  Columns,
  DeleteResult,
  Experiment,
  ExperimentList,
  ExperimentUpdate,
  Lineage,
  SearchRequest,
  SearchResult
} from '../core/generated/models';

const seg = encodeURIComponent;

/** The object bytes of a storage URL, possibly cut to the first `maxBytes`. */
export interface IObjectBytes {
  blob: Blob;
  truncated: boolean;
}

export class ExperimentsApi extends StudioApi {

  listExperiments(query: { folder?: string; name_contains?: string; limit?: number; offset?: number } = {}): Promise<ExperimentList> {
    return requestAPI<ExperimentList>(withQuery('experiments', { ...query }), {}, this.settings);
  }

  /** Every experiment (pages of 500). */
  async allExperiments(): Promise<Experiment[]> {
    const limit = 500;
    const all: Experiment[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await this.listExperiments({ limit, offset });
      all.push(...page.experiments);
      if (page.experiments.length < limit || all.length >= page.total) {
        return all;
      }
    }
  }

  updateExperiment(name: string, update: ExperimentUpdate): Promise<Experiment> {
    return requestAPI<Experiment>(
      `experiments/${seg(name)}`,
      { method: 'PATCH', body: JSON.stringify(update) },
      this.settings
    );
  }

  deleteExperiment(name: string, cascade = true): Promise<DeleteResult> {
    return requestAPI<DeleteResult>(
      withQuery(`experiments/${seg(name)}`, { cascade: cascade ? 'true' : undefined }),
      { method: 'DELETE' },
      this.settings
    );
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return requestAPI<SearchResult>(
      'search',
      { method: 'POST', body: JSON.stringify(request) },
      this.settings
    );
  }

  columns(experimentName: string): Promise<Columns> {
    return requestAPI<Columns>(
      withQuery('search/columns', { experiment_name: experimentName }),
      {},
      this.settings
    );
  }

  lineage(component: string): Promise<Lineage> {
    return requestAPI<Lineage>(`trial-components/${seg(component)}/lineage`, {}, this.settings);
  }

  /** Raw bytes of `GET storage/object?url=` (the first `maxBytes` when given). */
  async storageObject(url: string, maxBytes?: number): Promise<IObjectBytes> {
    const full = URLExt.join(this.settings.baseUrl, API_NAMESPACE, withQuery('storage/object', { url }));
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(full, {}, this.settings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiError(`Cannot reach the server: ${message}`, 0, 'NetworkError');
    }
    if (!response.ok) {
      throw await ApiError.fromResponse(response);
    }
    const blob = await response.blob();
    if (maxBytes !== undefined && blob.size > maxBytes) {
      return { blob: blob.slice(0, maxBytes, blob.type), truncated: true };
    }
    return { blob, truncated: false };
  }
}
