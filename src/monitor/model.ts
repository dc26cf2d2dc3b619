/**
 * State of the Model Monitor room: the tab shown, its search, the Baselines and Schedules tabs'
 * state. It owns all fetching: a poll that stands by while the room is hidden, and the job
 * events of baselining and monitoring jobs (a baseline finishing, an execution's status), which
 * refresh at once; components only read it.
 */
import { isJobStatusEvent } from '../core/events';
import { RoomModel } from '../core/model';
import { JOB_STATUS_EVENT_SCHEMA, StudioEvent } from '../tokens';
import type { MonitorApi } from './api';
import { Baselines } from './baselines';
import type { MonitorView } from './logic';
import { Schedules } from './schedules';

/** The job kinds of the Model Monitor (monitor/service.py). */
export const MONITOR_JOB_KINDS = ['baselining', 'monitoring'];

export namespace MonitorModel {
  export interface IOptions extends RoomModel.IOptions {
    api: MonitorApi;
  }
}

export class MonitorModel extends RoomModel {
  constructor(options: MonitorModel.IOptions) {
    super(options, { name: 'jupyter-smstudio:monitor', schemas: [JOB_STATUS_EVENT_SCHEMA] });
    this.baselines = new Baselines(options.api, () => this._emit());
    this.schedules = new Schedules(options.api, () => this._emit());
  }

  readonly baselines: Baselines;
  readonly schedules: Schedules;

  get view(): MonitorView {
    return this._view;
  }
  get nameFilter(): string {
    return this._name;
  }
  get filtered(): boolean {
    return !!this._name.trim();
  }

  /** Show a tab (its search starts empty). */
  setView(view: MonitorView): void {
    if (view !== this._view) {
      this._view = view;
      this._name = '';
      this._emit();
      void this.refresh();
    }
  }

  setNameFilter(text: string): void {
    this._name = text;
    this._emit();
    this._soon(() => void this.refresh(), 200);
  }

  /** Open a baseline's page (in its tab); null closes it. */
  openBaseline(name: string | null): void {
    this.baselines.select(name);
    this._show('baselines');
  }

  /** Open a schedule's page (in its tab); null closes it. */
  openSchedule(name: string | null): void {
    this.schedules.select(name);
    this._show('schedules');
  }

  start(): void {
    super.start();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    if (this._view === 'baselines') {
      await this.baselines.refresh(this._name);
    } else {
      await this.schedules.refresh(this._name);
    }
  }

  protected _poll(): Promise<void> {
    return this.refresh();
  }

  protected _onEvent(event: StudioEvent): void {
    // a baseline or an execution changed status: read the tab again (one refresh for a burst)
    if (isJobStatusEvent(event) && MONITOR_JOB_KINDS.includes(event.job_kind)) {
      this._soon(() => void this.refresh(), 150);
    }
  }

  private _show(view: MonitorView): void {
    if (view === this._view) {
      void this.refresh();
    } else {
      this.setView(view);
    }
  }

  private _view: MonitorView = 'baselines';
  private _name = '';
}
