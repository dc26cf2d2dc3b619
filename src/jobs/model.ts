/**
 * State of the Jobs room: the job list, the selected job and its log tail.
 * It owns all fetching (poll + jupyter_events); components only read it.
 */
import type { Event } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import type { StudioApi } from '../core/api';
import type { Job, JobStatusEvent, ScriptJobRequest } from '../core/generated/models';
import { JOB_STATUS_EVENT_SCHEMA } from '../tokens';

export type JobStatus = Job['status'];
export const JOB_STATUSES: JobStatus[] = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
export const ACTIVE_STATUSES: JobStatus[] = ['InProgress', 'Stopping'];

export function isActive(status: JobStatus | undefined): boolean {
  return !!status && ACTIVE_STATUSES.includes(status);
}

function message(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

export namespace JobsModel {
  export interface IOptions {
    api: StudioApi;
    /** `app.serviceManager.events.stream`, when available. */
    events?: Event.Stream | null;
    /** Milliseconds between `GET jobs` polls. */
    pollInterval?: number;
    /** Milliseconds between log reads of an active job. */
    logInterval?: number;
    /** Page size of the list. */
    limit?: number;
  }
}

export class JobsModel implements IDisposable {
  constructor(options: JobsModel.IOptions) {
    this.api = options.api;
    this._logInterval = options.logInterval ?? 1000;
    this._limit = options.limit ?? 100;
    this._events = options.events ?? null;
    this._events?.connect(this._onEvent, this);
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: { interval: options.pollInterval ?? 3000, backoff: false },
      name: 'jupyter-smstudio:jobs',
      standby: () => !this._visible || 'when-hidden'
    });
  }

  readonly api: StudioApi;

  /** Emitted whenever anything a view shows changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

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
  get selectedName(): string | null {
    return this._selected;
  }
  get selectedJob(): Job | null {
    return this._selectedJob;
  }
  get detailError(): string | null {
    return this._detailError;
  }
  get log(): string {
    return this._log;
  }
  get logComplete(): boolean {
    return this._logComplete;
  }
  get logError(): string | null {
    return this._logError;
  }
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Start polling (idempotent). */
  start(): void {
    if (this._poll.isDisposed) {
      return;
    }
    void this._poll.start().catch(() => undefined);
  }

  /** Polls stand by while the room is not visible. */
  setVisible(visible: boolean): void {
    this._visible = visible;
    if (visible) {
      void this.refresh();
    }
  }

  set pollInterval(interval: number) {
    this._poll.frequency = { ...this._poll.frequency, interval };
  }

  set logInterval(interval: number) {
    this._logInterval = interval;
  }

  setStatusFilter(status: JobStatus | ''): void {
    this._statusFilter = status;
    this._emit();
    void this.refresh();
  }

  /** Re-read the list (newest first); errors become `error`, never thrown. */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    const generation = ++this._listGeneration;
    const seq = ++this._seq;
    try {
      const list = await this.api.listJobs({
        status: this._statusFilter || undefined,
        limit: this._limit
      });
      if (generation !== this._listGeneration || this._isDisposed) {
        return;
      }
      this._jobs = [...list.jobs].sort((a, b) =>
        b.creation_time.localeCompare(a.creation_time)
      );
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

  /** Submit a script job; throws `ApiError` for the form to show. */
  async submit(request: ScriptJobRequest): Promise<Job> {
    const job = await this.api.createJob(request);
    this._upsert(job);
    this._emit();
    void this.refresh();
    return job;
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
      }
    } catch (reason) {
      this._detailError = `Stop failed: ${message(reason)}`;
    }
    this._emit();
    void this.refresh();
  }

  /** Select a job (null closes the job page) and start tailing its log. */
  select(name: string | null): void {
    if (name === this._selected) {
      return;
    }
    this._selected = name;
    this._selectedJob = this._jobs.find(j => j.job_name === name) ?? null;
    this._selectedSeq = this._seq;
    this._detailError = null;
    this._log = '';
    this._logOffset = 0;
    this._logComplete = false;
    this._logError = null;
    const generation = ++this._logGeneration;
    this._clearLogTimer();
    this._emit();
    if (name) {
      void this._refreshSelected();
      void this._tail(name, generation);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._logGeneration++;
    this._clearLogTimer();
    if (this._eventTimer) {
      clearTimeout(this._eventTimer);
    }
    this._events?.disconnect(this._onEvent, this);
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _refreshSelected(): Promise<void> {
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

  /** Read the log incrementally until the server says it is complete. */
  private async _tail(name: string, generation: number): Promise<void> {
    if (generation !== this._logGeneration || this._isDisposed) {
      return;
    }
    let delay = this._logInterval;
    try {
      const chunk = await this.api.getLogs(name, this._logOffset);
      if (generation !== this._logGeneration) {
        return;
      }
      this._logError = null;
      if (chunk.text) {
        this._log += chunk.text;
      }
      this._logOffset = chunk.next_offset;
      if (chunk.complete) {
        this._logComplete = true;
        this._emit();
        // The log ends with the job: make sure the page shows its final state.
        if (isActive(this._selectedJob?.status)) {
          void this._refreshSelected();
        }
        return;
      }
      // More text is waiting when the chunk was not empty: read on sooner.
      if (chunk.text) {
        delay = Math.min(delay, 200);
      }
    } catch (reason) {
      if (generation !== this._logGeneration) {
        return;
      }
      this._logError = message(reason);
      delay = Math.max(delay, 2000);
    }
    this._emit();
    this._logTimer = setTimeout(() => {
      this._logTimer = null;
      void this._tail(name, generation);
    }, delay);
  }

  private _onEvent(_: unknown, event: Event.Emission): void {
    if (event.schema_id !== JOB_STATUS_EVENT_SCHEMA) {
      return;
    }
    const payload = event as unknown as JobStatusEvent;
    const known = this._jobs.find(j => j.job_name === payload.job_name);
    if (known && payload.status) {
      this._upsert(
        {
          ...known,
          status: payload.status,
          failure_reason: payload.failure_reason ?? known.failure_reason
        },
        ++this._seq
      );
      this._emit();
    }
    if (payload.job_name && payload.job_name === this._selected) {
      void this._refreshSelected();
    }
    // Several events often arrive together: refresh the list once.
    if (this._eventTimer) {
      clearTimeout(this._eventTimer);
    }
    this._eventTimer = setTimeout(() => {
      this._eventTimer = null;
      void this.refresh();
    }, 150);
  }

  /** Put a job into the list; `seq` orders answers so an older one never overwrites a newer one. */
  private _upsert(job: Job, seq: number = ++this._seq): void {
    const index = this._jobs.findIndex(j => j.job_name === job.job_name);
    if (index >= 0) {
      this._jobs = [...this._jobs];
      this._jobs[index] = job;
    } else if (!this._statusFilter || this._statusFilter === job.status) {
      this._jobs = [job, ...this._jobs];
    }
    if (job.job_name === this._selected) {
      this._setSelectedJob(job, seq);
    }
  }

  private _setSelectedJob(job: Job, seq: number): void {
    if (seq >= this._selectedSeq) {
      this._selectedSeq = seq;
      this._selectedJob = job;
    }
  }

  private _clearLogTimer(): void {
    if (this._logTimer) {
      clearTimeout(this._logTimer);
      this._logTimer = null;
    }
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _events: Event.Stream | null;
  private _poll: Poll;
  private _visible = true;
  private _isDisposed = false;
  private _limit: number;
  private _logInterval: number;
  private _jobs: Job[] = [];
  private _total = 0;
  private _error: string | null = null;
  private _loaded = false;
  private _statusFilter: JobStatus | '' = '';
  private _listGeneration = 0;
  private _selected: string | null = null;
  private _selectedJob: Job | null = null;
  private _selectedSeq = 0;
  private _seq = 0;
  private _detailError: string | null = null;
  private _log = '';
  private _logOffset = 0;
  private _logComplete = false;
  private _logError: string | null = null;
  private _logGeneration = 0;
  private _logTimer: ReturnType<typeof setTimeout> | null = null;
  private _eventTimer: ReturnType<typeof setTimeout> | null = null;
}
