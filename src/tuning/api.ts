/**
 * REST calls of the Tuning room (tuning jobs, see docs/api.md), through the core `requestAPI`
 * helper (token / XSRF headers, `ApiError` on failure).
 */
import { requestAPI, StudioApi, withQuery } from '../core/api';
import type { TuningJob, TuningJobList, TuningJobRequest, TuningTrialList } from '../core/generated/models';

const seg = encodeURIComponent;

export class TuningApi extends StudioApi {
  listTuningJobs(query: { status?: string; name_contains?: string } = {}): Promise<TuningJobList> {
    return requestAPI<TuningJobList>(withQuery('tuning-jobs', { ...query, limit: 200 }), {}, this.settings);
  }

  createTuningJob(request: TuningJobRequest): Promise<TuningJob> {
    return requestAPI<TuningJob>('tuning-jobs', { method: 'POST', body: JSON.stringify(request) }, this.settings);
  }

  describeTuningJob(name: string): Promise<TuningJob> {
    return requestAPI<TuningJob>(`tuning-jobs/${seg(name)}`, {}, this.settings);
  }

  tuningTrainingJobs(name: string): Promise<TuningTrialList> {
    return requestAPI<TuningTrialList>(`tuning-jobs/${seg(name)}/training-jobs`, {}, this.settings);
  }

  stopTuningJob(name: string): Promise<TuningJob> {
    return requestAPI<TuningJob>(`tuning-jobs/${seg(name)}/stop`, { method: 'POST' }, this.settings);
  }
}
