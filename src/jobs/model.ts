/**
 * State of the Jobs room: the job list, the selected job and its log tail.
 * It owns all fetching (poll + live events); components only read it.
 */
import type { IJobQuery, StudioApi } from '../core/api';
import { message } from '../core/errors';
import type { Job, ScriptJobRequest } from '../core/generated/models';
import { JobListModel } from '../core/jobListModel';
import { JOB_STATUS_EVENT_SCHEMA } from '../tokens';

export { ACTIVE_STATUSES, isActive, JOB_STATUSES } from '../core/jobStatus';
export type { JobStatus } from '../core/jobStatus';

export namespace JobsModel {
  export type IOptions = JobListModel.IOptions<StudioApi>;
}

/** The kinds of jobs the Jobs room lists (every job is one of them). */
export const JOB_KINDS = ['script', 'training', 'processing'] as const;

export class JobsModel extends JobListModel<StudioApi> {
  constructor(options: JobsModel.IOptions) {
    super(options, { name: 'jupyter-smstudio:jobs', schemas: [JOB_STATUS_EVENT_SCHEMA] });
  }

  /** The kind of jobs listed ('' = every kind). */
  get kindFilter(): string {
    return this._kindFilter;
  }
  get filtered(): boolean {
    return super.filtered || !!this._kindFilter;
  }

  setKindFilter(kind: string): void {
    this._kindFilter = kind;
    this._emit();
    void this.refresh();
  }

  /** Submit a script job; throws `ApiError` for the form to show. */
  async submit(request: ScriptJobRequest): Promise<Job> {
    const job = await this.api.createJob(request);
    this._upsert(job);
    this._emit();
    void this.refresh();
    return job;
  }

  protected _listQuery(): IJobQuery {
    return { ...super._listQuery(), kind: this._kindFilter || undefined };
  }

  protected _belongsInList(job: Job): boolean {
    return (!this._kindFilter || job.job_kind === this._kindFilter) && super._belongsInList(job);
  }

  protected async _refreshSelected(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    const seq = ++this._seq;
    try {
      const job = await this.api.getJob(name);
      if (name === this._selected) {
        this._upsert(job, seq);
        this._detailError = null;
      }
    } catch (reason) {
      if (name === this._selected) {
        this._detailError = message(reason);
      }
    }
    this._emit();
  }

  private _kindFilter = '';
}
