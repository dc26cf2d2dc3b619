/**
 * What the Jobs and Training rooms share of their state: the job list (newest first, with a
 * status filter), the selected job and its log tail, kept live by the live events and a poll.
 * Each room's model adds its own query, detail reading and forms.
 */
import type { StudioEvent } from '../tokens';
import type { IJobQuery } from './api';
import { message } from './errors';
import { isJobStatusEvent } from './events';
import type { Job, JobList, LogChunk } from './generated/models';
import { isActive, JobStatus } from './jobStatus';
import { LogTail } from './logTail';
import { RoomModel } from './model';
import { FALLBACK_SETTINGS } from './settings';

export namespace JobListModel {
  /** The REST calls the list and the log tail need. */
  export interface IJobsApi {
    listJobs(query: IJobQuery): Promise<JobList>;
    stopJob(name: string): Promise<Job>;
    getLogs(name: string, offset: number): Promise<LogChunk>;
  }

  export interface IOptions<A extends IJobsApi> extends RoomModel.IOptions {
    api: A;
    /** Milliseconds between log reads of an active job. */
    logInterval?: number;
    /** Page size of the list. */
    limit?: number;
  }
}

export abstract class JobListModel<A extends JobListModel.IJobsApi> extends RoomModel {
  /** `live.schemas`: the job-status schema at least. */
  constructor(options: JobListModel.IOptions<A>, live: RoomModel.ILive) {
    super(options, live);
    this.api = options.api;
    this._limit = options.limit ?? 100;
    this._logTail = new LogTail({
      read: (name, offset) => this.api.getLogs(name, offset),
      interval: options.logInterval ?? FALLBACK_SETTINGS.logInterval,
      changed: () => this._emit(),
      completed: () => this._logCompleted()
    });
  }

  readonly api: A;

  get jobs(): ReadonlyArray<Job> {
    return this._jobs;
  }
  get total(): number {
    return this._total;
  }
  /** Error of the last list refresh (shown as a banner), or null. */
  get error(): string | null {
    return this._error;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get statusFilter(): JobStatus | '' {
    return this._statusFilter;
  }
  /** Text the names of the listed jobs contain. */
  get nameFilter(): string {
    return this._nameFilter;
  }
  /** Whether a filter hides jobs (an empty list then says so). */
  get filtered(): boolean {
    return !!this._statusFilter || !!this._nameFilter.trim();
  }
  get selectedName(): string | null {
    return this._selected;
  }
  /** The selected job's generic record (status, config), when known. */
  get selectedJob(): Job | null {
    return this._selectedJob;
  }
  get detailError(): string | null {
    return this._detailError;
  }
  get log(): string {
    return this._logTail.text;
  }
  get logComplete(): boolean {
    return this._logTail.complete;
  }
  get logError(): string | null {
    return this._logTail.error;
  }
  set logInterval(interval: number) {
    this._logTail.interval = interval;
  }

  setStatusFilter(status: JobStatus | ''): void {
    this._statusFilter = status;
    this._emit();
    void this.refresh();
  }

  /** Search by name; the list is read again once the typing pauses. */
  setNameFilter(text: string): void {
    this._nameFilter = text;
    this._emit();
    if (this._nameTimer) {
      clearTimeout(this._nameTimer);
    }
    this._nameTimer = setTimeout(() => {
      this._nameTimer = null;
      void this.refresh();
    }, 200);
  }

  /** Re-read the list (newest first); errors become `error`, never thrown. */
  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const generation = ++this._listGeneration;
    const seq = ++this._seq;
    try {
      const list = await this.api.listJobs(this._listQuery());
      if (generation !== this._listGeneration || this.isDisposed) {
        return;
      }
      this._jobs = [...list.jobs].sort((a, b) => b.creation_time.localeCompare(a.creation_time));
      this._total = list.total;
      this._error = null;
      const selected = this._jobs.find(j => j.job_name === this._selected);
      if (selected) {
        this._setSelectedJob(selected, seq);
      }
    } catch (reason) {
      if (generation !== this._listGeneration) {
        return;
      }
      this._error = message(reason);
    }
    this._loaded = true;
    this._emit();
  }

  /** Stop a job (the selected one by default); errors land in `detailError`. */
  async stop(name: string | null = this._selected): Promise<void> {
    if (!name) {
      return;
    }
    const seq = ++this._seq;
    try {
      const job = await this.api.stopJob(name);
      this._upsert(job, seq);
      if (name === this._selected) {
        this._detailError = null;
        this._selectedStopped();
      }
    } catch (reason) {
      this._detailError = `Stop failed: ${message(reason)}`;
    }
    this._emit();
    void this.refresh();
  }

  /** Select a job (null closes the job page) and start tailing its log. */
  select(name: string | null): void {
    if (name !== this._selected) {
      this._open(name);
    }
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._logTail.stop();
      if (this._nameTimer) {
        clearTimeout(this._nameTimer);
      }
    }
    super.dispose();
  }

  /** The list request: the status and name filters and page size, plus the room's own filters. */
  protected _listQuery(): IJobQuery {
    return {
      status: this._statusFilter || undefined,
      name_contains: this._nameFilter.trim() || undefined,
      limit: this._limit
    };
  }

  /** Re-read what the job page shows of the selected job. */
  protected abstract _refreshSelected(): Promise<void>;

  /** Forget what the job page showed of the previously selected job. */
  protected _resetSelected(): void {
    // The Jobs room keeps nothing beyond the record and the log.
  }

  /** The selected job was stopped. */
  protected _selectedStopped(): void {
    // The list refresh that follows a stop brings the new record.
  }

  /** The log ends with the job: make sure the page shows its final state. */
  protected _logCompleted(): void {
    if (isActive(this._selectedJob?.status)) {
      void this._refreshSelected();
    }
  }

  /** Whether a job the list does not hold yet belongs in it (it matches the filters). */
  protected _belongsInList(job: Job): boolean {
    const name = this._nameFilter.trim();
    return (
      (!this._statusFilter || this._statusFilter === job.status) &&
      (!name || job.job_name.includes(name))
    );
  }

  /** Show `name`'s job page (null closes it). */
  protected _open(name: string | null): void {
    this._selected = name;
    this._selectedJob = this._jobs.find(j => j.job_name === name) ?? null;
    this._selectedSeq = this._seq;
    this._detailError = null;
    this._logTail.stop();
    this._resetSelected();
    this._emit();
    if (name) {
      void this._refreshSelected();
      this._logTail.follow(name);
    }
  }

  protected _poll(): Promise<void> {
    return this.refresh();
  }

  /**
   * A job-status event: update the row's status at once, then re-read the list (which brings
   * the failure reason: the event carries none).
   */
  protected _onEvent(event: StudioEvent): void {
    if (!isJobStatusEvent(event)) {
      return;
    }
    const payload = event;
    const known = this._jobs.find(j => j.job_name === payload.job_name);
    if (known) {
      this._upsert({ ...known, status: payload.status }, ++this._seq);
      this._emit();
    }
    if (payload.job_name === this._selected) {
      void this._refreshSelected();
    }
    // Several events often arrive together: refresh the list once.
    this._soon(() => void this.refresh(), 150);
  }

  /** Put a job into the list; `seq` orders answers so an older one never overwrites a newer one. */
  protected _upsert(job: Job, seq: number = ++this._seq): void {
    const index = this._jobs.findIndex(j => j.job_name === job.job_name);
    if (index >= 0) {
      this._jobs = [...this._jobs];
      this._jobs[index] = job;
    } else if (this._belongsInList(job)) {
      this._jobs = [job, ...this._jobs];
    }
    if (job.job_name === this._selected) {
      this._setSelectedJob(job, seq);
    }
  }

  protected _setSelectedJob(job: Job, seq: number): void {
    if (seq >= this._selectedSeq) {
      this._selectedSeq = seq;
      this._selectedJob = job;
    }
  }

  protected _jobs: Job[] = [];
  protected _loaded = false;
  protected _statusFilter: JobStatus | '' = '';
  private _nameFilter = '';
  private _nameTimer: ReturnType<typeof setTimeout> | null = null;
  protected _selected: string | null = null;
  protected _selectedJob: Job | null = null;
  /** Sequence number of the answer `_selectedJob` came from. */
  protected _selectedSeq = 0;
  /** Numbers requests in the order they were sent. */
  protected _seq = 0;
  protected _detailError: string | null = null;
  private _logTail: LogTail;
  private _limit: number;
  private _total = 0;
  private _error: string | null = null;
  private _listGeneration = 0;
}
