/**
 * State of the Training room: the list of training (or processing) jobs, the selected job's
 * description, log tail and live metrics. It owns all fetching (poll + jupyter_events);
 * components only read it.
 */
import type { Event } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import type {
  Job,
  JobStatusEvent,
  MetricSeries,
  MetricSummary,
  TrainingJobRequest
} from '../core/generated/models';
import { JOB_STATUS_EVENT_SCHEMA } from '../tokens';
import {
  Description,
  IDescribeTrainingJob,
  JobKind,
  TrainingApi,
  trialComponentName
} from './api';

/** Schema id of the trial-component jupyter_event emitted by the server. */
export const TRIAL_COMPONENT_EVENT_SCHEMA =
  'https://jupyter-smstudio.github.io/events/trial-component';

export type JobStatus = Job['status'];
export const JOB_STATUSES: JobStatus[] = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

export function isActive(status: JobStatus | undefined | null): boolean {
  return status === 'InProgress' || status === 'Stopping';
}

function message(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

export namespace TrainingModel {
  export interface IOptions {
    api: TrainingApi;
    /** `app.serviceManager.events.stream`, when available. */
    events?: Event.Stream | null;
    /** Milliseconds between list polls. */
    pollInterval?: number;
    /** Milliseconds between log reads of an active job. */
    logInterval?: number;
    /** Milliseconds between description + metric reads of an active job. */
    metricInterval?: number;
    /** Page size of the list. */
    limit?: number;
  }
}

export class TrainingModel implements IDisposable {
  constructor(options: TrainingModel.IOptions) {
    this.api = options.api;
    this._logInterval = options.logInterval ?? 1000;
    this._metricInterval = options.metricInterval ?? 2000;
    this._limit = options.limit ?? 100;
    this._events = options.events ?? null;
    this._events?.connect(this._onEvent, this);
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: { interval: options.pollInterval ?? 3000, backoff: false },
      name: 'jupyter-smstudio:training',
      standby: () => !this._visible || 'when-hidden'
    });
  }

  readonly api: TrainingApi;

  /** Emitted whenever anything a view shows changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get kind(): JobKind {
    return this._kind;
  }
  get jobs(): ReadonlyArray<Job> {
    return this._jobs;
  }
  get total(): number {
    return this._total;
  }
  get error(): string | null {
    return this._error;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get statusFilter(): JobStatus | '' {
    return this._statusFilter;
  }
  get nameFilter(): string {
    return this._nameFilter;
  }
  /** The Jupyter root (home volume) as an absolute path, for file:// links. */
  get root(): string | null {
    return this._root;
  }
  set root(root: string | null) {
    this._root = root;
    this._emit();
  }

  get selectedName(): string | null {
    return this._selected;
  }
  get selectedKind(): JobKind {
    return this._selectedKind;
  }
  /** The selected job's generic record (status, config), when known. */
  get selectedJob(): Job | null {
    return this._selectedJob;
  }
  /** DescribeTrainingJob / DescribeProcessingJob of the selected job. */
  get description(): Description | null {
    return this._description;
  }
  /** Status of the selected job: the newest of the list record and the description. */
  get selectedStatus(): JobStatus | null {
    return this._selectedJob?.status ?? this._statusOnly;
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
  /** Metric summaries of the selected training job's trial component. */
  get metrics(): ReadonlyArray<MetricSummary> {
    return this._metrics;
  }
  /** Metric series by name (filled as they are read). */
  get series(): ReadonlyMap<string, MetricSeries> {
    return this._series;
  }
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  start(): void {
    if (this._poll.isDisposed) {
      return;
    }
    void this._poll.start().catch(() => undefined);
  }

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
  set metricInterval(interval: number) {
    this._metricInterval = interval;
  }

  setKind(kind: JobKind): void {
    if (kind === this._kind) {
      return;
    }
    this._kind = kind;
    this._jobs = [];
    this._loaded = false;
    this._emit();
    void this.refresh();
  }

  setStatusFilter(status: JobStatus | ''): void {
    this._statusFilter = status;
    this._emit();
    void this.refresh();
  }

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
    if (this._isDisposed) {
      return;
    }
    const generation = ++this._listGeneration;
    const seq = ++this._seq;
    try {
      const list = await this.api.listJobs({
        kind: this._kind,
        status: this._statusFilter || undefined,
        name_contains: this._nameFilter.trim() || undefined,
        limit: this._limit
      });
      if (generation !== this._listGeneration || this._isDisposed) {
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

  /** Submit a training job; throws `ApiError` for the form to show. */
  async submitTraining(request: TrainingJobRequest): Promise<IDescribeTrainingJob> {
    const described = await this.api.createTrainingJob(request);
    if (this._kind !== 'training') {
      this._kind = 'training';
      this._jobs = [];
    }
    const job: Job = {
      job_name: described.TrainingJobName,
      job_kind: 'training',
      owner: described.Owner ?? '',
      status: described.TrainingJobStatus,
      secondary_status: described.SecondaryStatus ?? null,
      creation_time: described.CreationTime ?? new Date().toISOString(),
      start_time: described.TrainingStartTime ?? null,
      end_time: described.TrainingEndTime ?? null,
      runner: described.Runner ?? '',
      log_url: described.LogUrl ?? '',
      output_url: described.OutputDataConfig?.S3OutputPath ?? '',
      config: { ...request, instance_type: request.instance_type ?? 'local' }
    };
    this._upsert(job);
    this._emit();
    void this.refresh();
    return described;
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
        void this._refreshDetail(this._detailGeneration);
      }
    } catch (reason) {
      this._detailError = `Stop failed: ${message(reason)}`;
    }
    this._emit();
    void this.refresh();
  }

  /** Select a job (null closes the job page); starts its log tail and metric refresh. */
  select(name: string | null, kind: JobKind = this._kind): void {
    if (name === this._selected && kind === this._selectedKind) {
      return;
    }
    this._selected = name;
    this._selectedKind = kind;
    this._selectedJob = this._jobs.find(j => j.job_name === name) ?? null;
    this._selectedSeq = this._seq;
    this._statusOnly = null;
    this._description = null;
    this._detailError = null;
    this._log = '';
    this._logOffset = 0;
    this._logComplete = false;
    this._logError = null;
    this._metrics = [];
    this._series = new Map();
    const generation = ++this._logGeneration;
    const detailGeneration = ++this._detailGeneration;
    this._clearTimers();
    this._emit();
    if (name) {
      void this._refreshDetail(detailGeneration);
      void this._tail(name, generation);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._logGeneration++;
    this._detailGeneration++;
    this._clearTimers();
    if (this._eventTimer) {
      clearTimeout(this._eventTimer);
    }
    if (this._nameTimer) {
      clearTimeout(this._nameTimer);
    }
    this._events?.disconnect(this._onEvent, this);
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** Read the description and (training) metrics; repeat while the job is active. */
  private async _refreshDetail(generation: number): Promise<void> {
    const name = this._selected;
    const kind = this._selectedKind;
    if (!name || generation !== this._detailGeneration || this._isDisposed) {
      return;
    }
    if (this._detailTimer) {
      clearTimeout(this._detailTimer);
      this._detailTimer = null;
    }
    const seq = ++this._seq;
    try {
      const description = await this.api.describe(name, kind);
      if (generation !== this._detailGeneration) {
        return;
      }
      this._description = description;
      this._detailError = null;
      const status =
        'TrainingJobStatus' in description
          ? description.TrainingJobStatus
          : description.ProcessingJobStatus;
      if (this._selectedJob && status && seq >= this._selectedSeq) {
        this._selectedSeq = seq;
        this._selectedJob = { ...this._selectedJob, status };
      }
      if (status) {
        this._statusOnly = status;
      }
    } catch (reason) {
      if (generation !== this._detailGeneration) {
        return;
      }
      this._detailError = message(reason);
    }
    if (kind === 'training') {
      await this._refreshMetrics(name, generation);
    }
    if (generation !== this._detailGeneration) {
      return;
    }
    this._emit();
    const status = this._selectedJob?.status ?? this._statusOnly;
    if (isActive(status) || !status) {
      this._detailTimer = setTimeout(() => {
        this._detailTimer = null;
        void this._refreshDetail(generation);
      }, this._metricInterval);
    }
  }

  private async _refreshMetrics(name: string, generation: number): Promise<void> {
    const component = trialComponentName(name, 'training');
    let summaries: MetricSummary[];
    try {
      const tc = await this.api.getComponent(component);
      summaries = tc.metrics ?? [];
    } catch {
      return; // not registered yet: try again on the next round
    }
    if (generation !== this._detailGeneration) {
      return;
    }
    this._metrics = summaries;
    const series = await Promise.all(
      summaries.map(m =>
        this.api.metricSeries(component, m.metric_name).then(
          s => [m.metric_name, s] as const,
          () => null
        )
      )
    );
    if (generation !== this._detailGeneration) {
      return;
    }
    const next = new Map(this._series);
    for (const item of series) {
      if (item) {
        next.set(item[0], item[1]);
      }
    }
    this._series = next;
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
        void this._refreshDetail(this._detailGeneration);
        return;
      }
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
    if (event.schema_id === TRIAL_COMPONENT_EVENT_SCHEMA) {
      const component = (event as any).trial_component_name as string | undefined;
      if (
        this._selected &&
        this._selectedKind === 'training' &&
        component === trialComponentName(this._selected, 'training')
      ) {
        void this._refreshDetail(this._detailGeneration);
      }
      return;
    }
    if (event.schema_id !== JOB_STATUS_EVENT_SCHEMA) {
      return;
    }
    const payload = event as unknown as JobStatusEvent;
    if (payload.job_kind && payload.job_kind !== this._kind && payload.job_name !== this._selected) {
      return;
    }
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
      void this._refreshDetail(this._detailGeneration);
    }
    if (this._eventTimer) {
      clearTimeout(this._eventTimer);
    }
    this._eventTimer = setTimeout(() => {
      this._eventTimer = null;
      void this.refresh();
    }, 150);
  }

  private _upsert(job: Job, seq: number = ++this._seq): void {
    const index = this._jobs.findIndex(j => j.job_name === job.job_name);
    if (index >= 0) {
      this._jobs = [...this._jobs];
      this._jobs[index] = job;
    } else if (
      job.job_kind === this._kind &&
      (!this._statusFilter || this._statusFilter === job.status)
    ) {
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

  private _clearTimers(): void {
    if (this._logTimer) {
      clearTimeout(this._logTimer);
      this._logTimer = null;
    }
    if (this._detailTimer) {
      clearTimeout(this._detailTimer);
      this._detailTimer = null;
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
  private _metricInterval: number;
  private _kind: JobKind = 'training';
  private _jobs: Job[] = [];
  private _total = 0;
  private _error: string | null = null;
  private _loaded = false;
  private _statusFilter: JobStatus | '' = '';
  private _nameFilter = '';
  private _nameTimer: ReturnType<typeof setTimeout> | null = null;
  private _root: string | null = null;
  private _listGeneration = 0;
  private _selected: string | null = null;
  private _selectedKind: JobKind = 'training';
  private _selectedJob: Job | null = null;
  private _statusOnly: JobStatus | null = null;
  private _selectedSeq = 0;
  private _seq = 0;
  private _description: Description | null = null;
  private _detailError: string | null = null;
  private _detailGeneration = 0;
  private _detailTimer: ReturnType<typeof setTimeout> | null = null;
  private _metrics: MetricSummary[] = [];
  private _series = new Map<string, MetricSeries>();
  private _log = '';
  private _logOffset = 0;
  private _logComplete = false;
  private _logError: string | null = null;
  private _logGeneration = 0;
  private _logTimer: ReturnType<typeof setTimeout> | null = null;
  private _eventTimer: ReturnType<typeof setTimeout> | null = null;
}
