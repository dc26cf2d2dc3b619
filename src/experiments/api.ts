/**
 * REST calls of the Experiments room (docs/api.md, "Experiments"), through the core API client
 * (token / XSRF headers, `ApiError` on failure).
 */
import { route, StudioApi } from '../core/api';
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

/** The object bytes of a storage URL, possibly cut to the first `maxBytes`. */
export interface IObjectBytes {
  blob: Blob;
  truncated: boolean;
}

export class ExperimentsApi extends StudioApi {
  listExperiments(
    query: { folder?: string; name_contains?: string; limit?: number; offset?: number } = {}
  ): Promise<ExperimentList> {
    return this._get('experiments', { ...query });
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
    return this._send('PATCH', route`experiments/${name}`, update);
  }

  deleteExperiment(name: string, cascade = true): Promise<DeleteResult> {
    return this._send('DELETE', route`experiments/${name}`, undefined, {
      cascade: cascade ? 'true' : undefined
    });
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return this._send('POST', 'search', request);
  }

  columns(experimentName: string): Promise<Columns> {
    return this._get('search/columns', { experiment_name: experimentName });
  }

  lineage(component: string): Promise<Lineage> {
    return this._get(route`trial-components/${component}/lineage`);
  }

  /** Raw bytes of `GET storage/object?url=` (the first `maxBytes` when given). */
  async storageObject(url: string, maxBytes?: number): Promise<IObjectBytes> {
    const response = await this._fetch('storage/object', { url });
    const blob = await response.blob();
    if (maxBytes !== undefined && blob.size > maxBytes) {
      return { blob: blob.slice(0, maxBytes, blob.type), truncated: true };
    }
    return { blob, truncated: false };
  }
}
