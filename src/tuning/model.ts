/**
 * State of the Tuning room: the tuning jobs, the selected one with its training jobs. It owns
 * all fetching (a poll, plus a refresh soon after a job-status event: a tuning job moves when
 * its training jobs do); components only read it.
 */
import { message } from '../core/errors';
import { isJobStatusEvent } from '../core/events';
import type { TuningJob, TuningJobRequest, TuningTrial } from '../core/generated/models';
import { RoomModel } from '../core/model';
import { JOB_STATUS_EVENT_SCHEMA } from '../tokens';
import type { StudioEvent } from '../tokens';
import type { TuningApi } from './api';

export namespace TuningModel {
  export interface IOptions extends RoomModel.IOptions {
    api: TuningApi;
  }
}

export class TuningModel extends RoomModel {
  constructor(options: TuningModel.IOptions) {
    super(options, { name: 'jupyter-smstudio:tuning', schemas: [JOB_STATUS_EVENT_SCHEMA] });
    this._api = options.api;
  }

  get jobs(): ReadonlyArray<TuningJob> {
    return this._jobs;
  }
  /** Tuning jobs listed (the toolbar's count). */
  get total(): number {
    return this._jobs.length;
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
  /** Text the names of the listed tuning jobs contain. */
  get nameFilter(): string {
    return this._name;
  }
  /** Whether a filter hides tuning jobs (an empty list then says so). */
  get filtered(): boolean {
    return !!this._status || !!this._name.trim();
  }
  get selectedName(): string | null {
    return this._selected;
  }
  /** The selected tuning job (fresh from the server), or null. */
  get selected(): TuningJob | null {
    return this._detail;
  }
  get trials(): ReadonlyArray<TuningTrial> {
    return this._trials;
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
    this._selected = name;
    this._detail = null;
    this._trials = [];
    this._emit();
    void this.refresh();
  }

  /** Start a tuning job (errors go to the caller: the form shows them by their field) and open it. */
  async submit(request: TuningJobRequest): Promise<TuningJob> {
    const job = await this._api.createTuningJob(request);
    this.select(job.tuning_job_name);
    return job;
  }

  async stop(name: string): Promise<void> {
    try {
      await this._api.stopTuningJob(name);
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    await this.refresh();
  }

  /** Read the list and the selected tuning job with its training jobs. */
  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    try {
      const list = await this._api.listTuningJobs({
        status: this._status || undefined,
        name_contains: this._name.trim() || undefined
      });
      this._jobs = list.tuning_jobs;
      this._loaded = true;
      const name = this._selected;
      if (name) {
        const [detail, trials] = await Promise.all([
          this._api.describeTuningJob(name),
          this._api.tuningTrainingJobs(name)
        ]);
        if (name === this._selected) {
          this._detail = detail;
          this._trials = trials.training_jobs;
        }
      }
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    this._emit();
  }

  protected _poll(): Promise<void> {
    return this.refresh();
  }

  /** A job-status event: a tuning job moves when its training jobs do, so read again soon. */
  protected _onEvent(event: StudioEvent): void {
    if (isJobStatusEvent(event)) {
      this._soon(() => void this.refresh(), 300);
    }
  }

  private _api: TuningApi;
  private _jobs: TuningJob[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _status = '';
  private _name = '';
  private _selected: string | null = null;
  private _detail: TuningJob | null = null;
  private _trials: TuningTrial[] = [];
}
