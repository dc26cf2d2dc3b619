/**
 * State of the Autopilot room: the AutoML jobs, and the open one with its candidates, data
 * analysis and explainability report. It owns all fetching (a poll every ~2 s, plus a refresh
 * soon after a job-status event: a job moves when its data and training jobs do); components
 * only read it.
 */
import { message } from '../core/errors';
import { isJobStatusEvent } from '../core/events';
import { RoomModel } from '../core/model';
import { JOB_STATUS_EVENT_SCHEMA } from '../tokens';
import type { StudioEvent } from '../tokens';
import type { AutopilotApi } from './api';
import { isActive } from './steps';
import type {
  AutoMLCandidate,
  AutoMLJob,
  AutoMLJobSummary,
  CreateAutoMLJobRequest,
  DataAnalysis,
  DeployBestAnswer,
  ExplainabilityReport,
  SecondaryStatus
} from './types';

export namespace AutopilotModel {
  export interface IOptions extends RoomModel.IOptions {
    api: AutopilotApi;
  }
}

export class AutopilotModel extends RoomModel {
  constructor(options: AutopilotModel.IOptions) {
    super(options, { name: 'jupyter-smstudio:autopilot', schemas: [JOB_STATUS_EVENT_SCHEMA] });
    this.api = options.api;
  }

  readonly api: AutopilotApi;

  get jobs(): ReadonlyArray<AutoMLJobSummary> {
    return this._jobs;
  }
  get total(): number {
    return this._total;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get error(): string | null {
    return this._error;
  }
  get statusFilter(): string {
    return this._status;
  }
  get nameFilter(): string {
    return this._name;
  }
  get filtered(): boolean {
    return !!this._status || !!this._name.trim();
  }
  get selectedName(): string | null {
    return this._selected;
  }
  /** The open job (fresh from the server), or null. */
  get selected(): AutoMLJob | null {
    return this._detail;
  }
  get candidates(): ReadonlyArray<AutoMLCandidate> {
    return this._candidates;
  }
  get analysis(): DataAnalysis | null {
    return this._analysis;
  }
  get report(): ExplainabilityReport | null {
    return this._report;
  }
  /** The open job's page could not be read (or a Stop failed): what went wrong. */
  get detailError(): string | null {
    return this._detailError;
  }
  /** The working step the room last saw the open job in (where a stopped job stopped). */
  get lastSeenStep(): SecondaryStatus | null {
    return this._selected ? (this._seen.get(this._selected) ?? null) : null;
  }

  /** The open job's endpoint: the server's record of it, else the one deployed from here. */
  get endpointName(): string | null {
    const name = this._selected;
    return (
      this._detail?.ModelDeployResult?.EndpointName ??
      (name ? (this._deployed.get(name) ?? null) : null)
    );
  }

  start(): void {
    super.start();
    void this.refresh();
  }

  setStatusFilter(status: string): void {
    this._status = status;
    void this.refresh();
  }

  /** Search by name; the list is read again once the typing pauses. */
  setNameFilter(text: string): void {
    this._name = text;
    this._emit();
    this._soon(() => void this.refresh(), 200);
  }

  select(name: string | null): void {
    if (name !== this._selected) {
      this._detail = null;
      this._candidates = [];
      this._analysis = null;
      this._report = null;
      this._detailError = null;
    }
    this._selected = name;
    this._emit();
    void this.refresh();
  }

  /** Start a job (errors go to the caller: the wizard shows them by their field) and open it. */
  async submit(request: CreateAutoMLJobRequest): Promise<AutoMLJob> {
    const job = await this.api.createAutoMLJob(request);
    this.select(job.AutoMLJobName);
    return job;
  }

  async stop(name: string): Promise<void> {
    try {
      await this.api.stopAutoMLJob(name);
      this._detailError = null;
    } catch (reason) {
      this._detailError = `Cannot stop ${name}: ${message(reason)}`;
    }
    await this.refresh();
  }

  /** Deploy a candidate (the best by default); the page shows the endpoint once it is made. */
  async deploy(name: string, endpointName: string): Promise<DeployBestAnswer> {
    const answer = await this.api.deployCandidate(name, { EndpointName: endpointName });
    this._deployed.set(name, answer.EndpointName);
    this._emit();
    void this.refresh();
    return answer;
  }

  /** Read the list, and the open job with what it has produced so far. */
  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    try {
      const list = await this.api.listAutoMLJobs({
        status: this._status || undefined,
        name_contains: this._name.trim() || undefined
      });
      this._jobs = list.AutoMLJobSummaries;
      this._total = list.Total;
      this._loaded = true;
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    await this._refreshSelected();
    this._emit();
  }

  private async _refreshSelected(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const detail = await this.api.describeAutoMLJob(name);
      const was = this._detail;
      // a finished job's candidates are read once more after it ends, then left alone
      const readCandidates =
        isActive(detail) || !was || isActive(was) || was.AutoMLJobName !== name;
      const [candidates, analysis, report] = await Promise.all([
        readCandidates ? this.api.listCandidates(name).then(a => a.Candidates) : null,
        detail.DataAnalysisLocation && !this._analysis
          ? this.api.dataAnalysis(name).catch(() => null)
          : null,
        detail.ExplainabilityReportLocation && !this._report
          ? this.api.explainability(name).catch(() => null)
          : null
      ]);
      if (name !== this._selected) {
        return;
      }
      if (detail.AutoMLJobStatus === 'InProgress') {
        this._seen.set(name, detail.AutoMLJobSecondaryStatus);
      }
      this._detail = detail;
      this._candidates = candidates ?? this._candidates;
      this._analysis = analysis ?? this._analysis;
      this._report = report ?? this._report;
      this._detailError = null;
    } catch (reason) {
      if (name === this._selected) {
        this._detailError = message(reason);
      }
    }
  }

  protected _poll(): Promise<void> {
    return this.refresh();
  }

  /** A job-status event: an AutoML job moves when its data and training jobs do. */
  protected _onEvent(event: StudioEvent): void {
    if (isJobStatusEvent(event)) {
      this._soon(() => void this.refresh(), 300);
    }
  }

  private _jobs: AutoMLJobSummary[] = [];
  private _total = 0;
  private _loaded = false;
  private _error: string | null = null;
  private _status = '';
  private _name = '';
  private _selected: string | null = null;
  private _detail: AutoMLJob | null = null;
  private _candidates: AutoMLCandidate[] = [];
  private _analysis: DataAnalysis | null = null;
  private _report: ExplainabilityReport | null = null;
  private _detailError: string | null = null;
  private _seen = new Map<string, SecondaryStatus>();
  private _deployed = new Map<string, string>();
}
