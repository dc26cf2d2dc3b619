/**
 * The Schedules tab: the user's monitoring schedules (each described, for its last execution
 * and next time), the open schedule with its executions and history, the open execution's
 * report, and Run now / Stop / Start. Owned by the room's model.
 */
import { message } from '../core/errors';
import type { MonitorApi } from './api';
import { isRunning } from './logic';
import type {
  ExecutionReport,
  MonitoringExecutionSummary,
  MonitoringHistory,
  MonitoringSchedule
} from './types';

/** At most this many schedules of the list are described on each poll (the rest show less). */
const DESCRIBED_ROWS = 50;

export type ScheduleAction = 'run' | 'stop' | 'start' | 'delete';

export class Schedules {
  constructor(
    private readonly _api: MonitorApi,
    private readonly _emit: () => void
  ) {}

  get schedules(): ReadonlyArray<MonitoringSchedule> {
    return this._schedules;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get error(): string | null {
    return this._error;
  }
  get selectedName(): string | null {
    return this._selected;
  }
  get schedule(): MonitoringSchedule | null {
    return this._schedule;
  }
  get detailError(): string | null {
    return this._detailError;
  }
  /** The open schedule's executions, newest first. */
  get executions(): ReadonlyArray<MonitoringExecutionSummary> {
    return this._executions;
  }
  get history(): MonitoringHistory | null {
    return this._history;
  }
  /** The processing job of the open execution. */
  get selectedExecution(): string | null {
    return this._execution;
  }
  get report(): ExecutionReport | null {
    return this._report;
  }
  get reportError(): string | null {
    return this._reportError;
  }
  /** The feature whose histograms the execution panel compares. */
  get feature(): string | null {
    return this._feature ?? this._report?.Features[0]?.Name ?? null;
  }
  /** The drift chart shows PSI rather than SageMaker's distance. */
  get showPsi(): boolean {
    return this._psi;
  }
  get busy(): ScheduleAction | null {
    return this._busy;
  }
  get actionError(): string | null {
    return this._actionError;
  }
  /** Whether an execution of the open schedule may still change (the page follows it closely). */
  get running(): boolean {
    return this._executions.some(e => isRunning(e.MonitoringExecutionStatus));
  }

  select(name: string | null): void {
    if (name !== this._selected) {
      this._schedule = null;
      this._detailError = null;
      this._executions = [];
      this._history = null;
      this._execution = null;
      this._report = null;
      this._reportError = null;
      this._feature = null;
      this._actionError = null;
    }
    this._selected = name;
    this._emit();
  }

  /** Open an execution's report (by its processing job); null closes it. */
  async selectExecution(job: string | null): Promise<void> {
    if (job !== this._execution) {
      this._report = null;
      this._reportError = null;
      this._feature = null;
    }
    this._execution = job;
    this._emit();
    await this._loadReport();
    this._emit();
  }

  selectFeature(name: string): void {
    this._feature = name;
    this._emit();
  }

  setShowPsi(psi: boolean): void {
    this._psi = psi;
    this._emit();
  }

  /** Run now, Stop, Start or Delete the open schedule; a refusal is shown on its page. */
  async act(action: ScheduleAction): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    this._busy = action;
    this._actionError = null;
    this._emit();
    try {
      if (action === 'run') {
        await this._api.runMonitoringSchedule(name);
      } else if (action === 'stop') {
        await this._api.stopMonitoringSchedule(name);
      } else if (action === 'delete') {
        await this._api.deleteMonitoringSchedule(name);
        this.select(null); // its page closes with it
      } else {
        await this._api.startMonitoringSchedule(name);
      }
    } catch (reason) {
      this._actionError = message(reason);
    }
    this._busy = null;
    await this.refresh('');
  }

  /** Read the list (names containing `filter`) and the open schedule's page. */
  async refresh(filter: string, endpoint?: string): Promise<void> {
    try {
      const list = await this._api.listMonitoringSchedules({
        name_contains: filter.trim() || undefined,
        endpoint_name: endpoint
      });
      const described = await Promise.all(
        list.MonitoringScheduleSummaries.map((s, i) =>
          i < DESCRIBED_ROWS
            ? this._api.describeMonitoringSchedule(s.MonitoringScheduleName).catch(() => null)
            : null
        )
      );
      this._schedules = list.MonitoringScheduleSummaries.map(
        (s, i) =>
          described[i] ?? {
            ...s,
            MonitoringScheduleConfig: {},
            Owner: ''
          }
      );
      this._loaded = true;
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    await this._loadSchedule();
    this._emit();
  }

  private async _loadSchedule(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const [schedule, executions, history] = await Promise.all([
        this._api.describeMonitoringSchedule(name),
        this._api.listMonitoringExecutions(name),
        this._api.describeHistory(name).catch(() => null)
      ]);
      if (name !== this._selected) {
        return;
      }
      this._schedule = schedule;
      this._executions = executions.MonitoringExecutionSummaries;
      this._history = history;
      this._detailError = null;
    } catch (reason) {
      this._detailError = message(reason);
      return;
    }
    // the newest execution with a report is open until the user picks another
    if (!this._execution) {
      const first = this._executions.find(e => !!e.ProcessingJobName);
      this._execution = first?.ProcessingJobName ?? null;
    }
    const open = this._executions.find(e => e.ProcessingJobName === this._execution);
    if (!this._report || isRunning(open?.MonitoringExecutionStatus) || this._reportStale(open)) {
      await this._loadReport();
    }
  }

  /** The report was read while its execution still ran. */
  private _reportStale(open: MonitoringExecutionSummary | undefined): boolean {
    return (
      !!open &&
      !!this._report &&
      this._report.Execution.MonitoringExecutionStatus !== open.MonitoringExecutionStatus
    );
  }

  private async _loadReport(): Promise<void> {
    const job = this._execution;
    if (!job) {
      return;
    }
    try {
      const report = await this._api.describeExecutionReport(job);
      if (job === this._execution) {
        this._report = report;
        this._reportError = null;
      }
    } catch (reason) {
      if (job === this._execution) {
        this._reportError = message(reason);
      }
    }
  }

  private _schedules: MonitoringSchedule[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _selected: string | null = null;
  private _schedule: MonitoringSchedule | null = null;
  private _detailError: string | null = null;
  private _executions: MonitoringExecutionSummary[] = [];
  private _history: MonitoringHistory | null = null;
  private _execution: string | null = null;
  private _report: ExecutionReport | null = null;
  private _reportError: string | null = null;
  private _feature: string | null = null;
  private _psi = false;
  private _busy: ScheduleAction | null = null;
  private _actionError: string | null = null;
}
