/**
 * REST calls of the Tuning room (tuning jobs, see docs/api.md), through the core API client
 * (token / XSRF headers, `ApiError` on failure).
 */
import { route, StudioApi } from '../core/api';
import type {
  TuningJob,
  TuningJobList,
  TuningJobRequest,
  TuningTrialList
} from '../core/generated/models';

export class TuningApi extends StudioApi {
  listTuningJobs(query: { status?: string; name_contains?: string } = {}): Promise<TuningJobList> {
    return this._get('tuning-jobs', { ...query, limit: 200 });
  }

  createTuningJob(request: TuningJobRequest): Promise<TuningJob> {
    return this._send('POST', 'tuning-jobs', request);
  }

  describeTuningJob(name: string): Promise<TuningJob> {
    return this._get(route`tuning-jobs/${name}`);
  }

  tuningTrainingJobs(name: string): Promise<TuningTrialList> {
    return this._get(route`tuning-jobs/${name}/training-jobs`);
  }

  stopTuningJob(name: string): Promise<TuningJob> {
    return this._send('POST', route`tuning-jobs/${name}/stop`);
  }
}
