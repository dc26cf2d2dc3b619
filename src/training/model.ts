/**
 * State of the Training room: the list of training (or processing) jobs, the selected job's
 * description, log tail and live metrics. It owns all fetching (poll + live events);
 * components only read it.
 */
import type { IJobQuery } from '../core/api';
import { message } from '../core/errors';
import { isJobStatusEvent, isTrialComponentEvent } from '../core/events';
import type {
  DescribeTrainingJob,
  Job,
  MetricSeries,
  MetricSummary,
  TrainingJobRequest,
  TrialComponent
} from '../core/generated/models';
import { JobListModel } from '../core/jobListModel';
import { isActive, JobStatus } from '../core/jobStatus';
import { FALLBACK_SETTINGS } from '../core/settings';
import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../tokens';
import type { StudioEvent } from '../tokens';
import { describedStatus, Description, JobKind, TrainingApi, trialComponentName } from './api';

export { isActive, JOB_STATUSES } from '../core/jobStatus';
export type { JobStatus } from '../core/jobStatus';

export namespace TrainingModel {
  export interface IOptions extends JobListModel.IOptions<TrainingApi> {
    /** Milliseconds between description + metric reads of an active job. */
    metricInterval?: number;
  }
}

export class TrainingModel extends JobListModel<TrainingApi> {
  constructor(options: TrainingModel.IOptions) {
    super(options, {
      name: 'jupyter-smstudio:training',
      schemas: [TRIAL_COMPONENT_EVENT_SCHEMA, JOB_STATUS_EVENT_SCHEMA]
    });
    this._metricInterval = options.metricInterval ?? FALLBACK_SETTINGS.metricInterval;
  }

  get kind(): JobKind {
    return this._kind;
  }
  /** The Jupyter root (home volume) as an absolute path, for file:// links. */
  get root(): string | null {
    return this._root;
  }
  set root(root: string | null) {
    this._root = root;
    this._emit();
  }

  get selectedKind(): JobKind {
    return this._selectedKind;
  }
  /** DescribeTrainingJob / DescribeProcessingJob of the selected job. */
  get description(): Description | null {
    return this._description;
  }
  /** Status of the selected job: the newest of the list record and the description. */
  get selectedStatus(): JobStatus | null {
    return this._selectedJob?.status ?? this._statusOnly;
  }
  /** The selected job's trial component (its experiments, metrics), once read. */
  get component(): TrialComponent | null {
    return this._component;
  }
  /** Metric summaries of the selected training job's trial component. */
  get metrics(): ReadonlyArray<MetricSummary> {
    return this._metrics;
  }
  /** Metric series by name (filled as they are read). */
  get series(): ReadonlyMap<string, MetricSeries> {
    return this._series;
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

  /** Submit a training job; throws `ApiError` for the form to show. */
  async submitTraining(request: TrainingJobRequest): Promise<DescribeTrainingJob> {
    const described = await this.api.createTrainingJob(request);
    if (this._kind !== 'training') {
      this._kind = 'training';
      this._jobs = [];
    }
    const job: Job = {
      job_name: described.TrainingJobName,
      job_kind: 'training',
      owner: described.Owner,
      status: described.TrainingJobStatus,
      secondary_status: described.SecondaryStatus ?? null,
      creation_time: described.CreationTime,
      start_time: described.TrainingStartTime ?? null,
      end_time: described.TrainingEndTime ?? null,
      runner: described.Runner,
      log_url: described.LogUrl,
      output_url: described.OutputDataConfig.S3OutputPath ?? '',
      config: { ...request, instance_type: request.instance_type ?? 'local' }
    };
    this._upsert(job);
    this._emit();
    void this.refresh();
    return described;
  }

  /** Select a job (null closes the job page); starts its log tail and metric refresh. */
  select(name: string | null, kind: JobKind = this._kind): void {
    if (name === this._selected && kind === this._selectedKind) {
      return;
    }
    this._selectedKind = kind;
    this._open(name);
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._detailGeneration++;
      this._clearDetailTimer();
    }
    super.dispose();
  }

  protected _listQuery(): IJobQuery {
    return { kind: this._kind, ...super._listQuery() };
  }

  protected _refreshSelected(): Promise<void> {
    return this._refreshDetail(this._detailGeneration);
  }

  protected _resetSelected(): void {
    this._statusOnly = null;
    this._description = null;
    this._component = null;
    this._metrics = [];
    this._series = new Map();
    this._detailGeneration++;
    this._clearDetailTimer();
  }

  protected _selectedStopped(): void {
    void this._refreshSelected();
  }

  /** The log ends with the job: make sure the page shows its final state. */
  protected _logCompleted(): void {
    void this._refreshSelected();
  }

  protected _belongsInList(job: Job): boolean {
    return job.job_kind === this._kind && super._belongsInList(job);
  }

  /** Read the description and (training) metrics; repeat while the job is active. */
  private async _refreshDetail(generation: number): Promise<void> {
    const name = this._selected;
    const kind = this._selectedKind;
    if (!name || generation !== this._detailGeneration || this.isDisposed) {
      return;
    }
    this._clearDetailTimer();
    const seq = ++this._seq;
    try {
      const description = await this.api.describe(name, kind);
      if (generation !== this._detailGeneration) {
        return;
      }
      this._description = description;
      this._detailError = null;
      const status = describedStatus(description);
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
    await this._refreshComponent(name, kind, generation);
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

  /** Read the job's trial component and, for a training job, its metric series. */
  private async _refreshComponent(name: string, kind: JobKind, generation: number): Promise<void> {
    const component = trialComponentName(name, kind);
    let tc: TrialComponent;
    try {
      tc = await this.api.getComponent(component);
    } catch {
      return; // not registered yet: try again on the next round
    }
    if (generation !== this._detailGeneration) {
      return;
    }
    this._component = tc;
    if (kind !== 'training') {
      return;
    }
    const summaries: MetricSummary[] = tc.metrics ?? [];
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

  protected _onEvent(event: StudioEvent): void {
    if (isTrialComponentEvent(event)) {
      if (
        this._selected &&
        this._selectedKind === 'training' &&
        event.trial_component_name === trialComponentName(this._selected, 'training')
      ) {
        void this._refreshSelected();
      }
      return;
    }
    // Jobs of the other kind matter only when one of them is open.
    if (
      isJobStatusEvent(event) &&
      event.job_kind !== this._kind &&
      event.job_name !== this._selected
    ) {
      return;
    }
    super._onEvent(event);
  }

  private _clearDetailTimer(): void {
    if (this._detailTimer) {
      clearTimeout(this._detailTimer);
      this._detailTimer = null;
    }
  }

  private _metricInterval: number;
  private _kind: JobKind = 'training';
  private _root: string | null = null;
  private _selectedKind: JobKind = 'training';
  private _statusOnly: JobStatus | null = null;
  private _description: Description | null = null;
  private _detailGeneration = 0;
  private _detailTimer: ReturnType<typeof setTimeout> | null = null;
  private _component: TrialComponent | null = null;
  private _metrics: MetricSummary[] = [];
  private _series = new Map<string, MetricSeries>();
}
