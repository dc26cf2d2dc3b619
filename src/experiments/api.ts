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
import { Board, searchRequest } from './search';

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

  /** The parameters and metrics in use on a board (an experiment's name stands for its board). */
  columns(board: Board | string): Promise<Columns> {
    const b: Board = typeof board === 'string' ? { kind: 'experiment', name: board } : board;
    return this._get(
      'search/columns',
      b.kind === 'experiment' ? { experiment_name: b.name } : { unassigned: 'true' }
    );
  }

  /** How many trial components belong to no trial. */
  async unassignedCount(): Promise<number> {
    const result = await this.search(
      searchRequest({ experimentName: { kind: 'unassigned' }, user: null, maxResults: 1 })
    );
    return result.total;
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
