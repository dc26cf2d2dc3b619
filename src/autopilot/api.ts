/**
 * REST calls of the Autopilot room (AutoML jobs, see jupyter_smstudio/autopilot/operations.py),
 * through the core API client (token / XSRF headers, `ApiError` on failure).
 */
import { route, StudioApi } from '../core/api';
import type {
  AutoMLJob,
  CreateAutoMLJobRequest,
  CsvPreview,
  DataAnalysis,
  DeployBestAnswer,
  DeployBestRequest,
  AutoMLJobList,
  ExplainabilityReport,
  ListCandidatesAnswer
} from './types';

/** Rows the wizard's preview shows. */
export const PREVIEW_ROWS = 8;

export class AutopilotApi extends StudioApi {
  listAutoMLJobs(query: { status?: string; name_contains?: string } = {}): Promise<AutoMLJobList> {
    return this._get('auto-ml-jobs', { ...query, limit: 100 });
  }

  createAutoMLJob(request: CreateAutoMLJobRequest): Promise<AutoMLJob> {
    return this._send('POST', 'auto-ml-jobs', request);
  }

  describeAutoMLJob(name: string): Promise<AutoMLJob> {
    return this._get(route`auto-ml-jobs/${name}`);
  }

  listCandidates(name: string): Promise<ListCandidatesAnswer> {
    return this._get(route`auto-ml-jobs/${name}/candidates`, { limit: 100 });
  }

  stopAutoMLJob(name: string): Promise<AutoMLJob> {
    return this._send('POST', route`auto-ml-jobs/${name}/stop`);
  }

  dataAnalysis(name: string): Promise<DataAnalysis> {
    return this._get(route`auto-ml-jobs/${name}/data-analysis`);
  }

  explainability(name: string): Promise<ExplainabilityReport> {
    return this._get(route`auto-ml-jobs/${name}/explainability`);
  }

  deployCandidate(name: string, request: DeployBestRequest): Promise<DeployBestAnswer> {
    return this._send('POST', route`auto-ml-jobs/${name}/deploy`, request);
  }

  preview(url: string, rows = PREVIEW_ROWS): Promise<CsvPreview> {
    return this._send('POST', 'auto-ml-preview', { S3Uri: url, Rows: rows });
  }
}
