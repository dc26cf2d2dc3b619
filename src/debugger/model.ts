/**
 * State of one training job's Debugger tab: its rules, its tensors and what the plots show. It owns
 * all fetching; while the job or a rule is still running it reads everything again every
 * `interval` ms, so a rule that fires shows up (and its step is marked) without a reload.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from '../core/api';
import { message } from '../core/errors';
import type {
  DebuggerLosses,
  DebuggerTensors,
  GradientHeatmap,
  RuleEvaluation,
  RuleEvaluations,
  TensorHistogram,
  TensorStatistics,
  TensorSummary
} from '../core/generated/models';
import type { DebuggerApi } from './api';

/** Rule statuses that will still change (the rule job is evaluating). */
const RULE_RUNNING = new Set(['InProgress', 'Stopping']);
const JOB_RUNNING = new Set(['InProgress', 'Stopping']);

/** A rule that found issues, at the global step the plots mark. */
export interface IFiredRule {
  name: string;
  step: number;
}

export function firedRules(rules: ReadonlyArray<RuleEvaluation>): IFiredRule[] {
  return rules
    .filter(r => r.RuleEvaluationStatus === 'IssuesFound' && typeof r.Step === 'number')
    .map(r => ({ name: r.RuleConfigurationName, step: r.Step as number }));
}

/** The tensor the statistics plot shows first: a loss, else the first listed. */
export function defaultTensor(tensors: ReadonlyArray<TensorSummary>): string | null {
  const loss = tensors.find(t => (t.Collections ?? []).includes('losses'));
  return (loss ?? tensors[0])?.TensorName ?? null;
}

export class DebuggerModel {
  constructor(
    readonly api: DebuggerApi,
    readonly job: string,
    private readonly _interval = 2000
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get rules(): RuleEvaluations | null {
    return this._rules;
  }
  get fired(): IFiredRule[] {
    return firedRules(this._rules?.RuleEvaluations ?? []);
  }
  /** False once the server said the job saves no tensors (no hook config, no rules). */
  get hasDebugger(): boolean {
    return this._hasDebugger;
  }
  get tensors(): DebuggerTensors | null {
    return this._tensors;
  }
  get collection(): string {
    return this._collection;
  }
  get regex(): string {
    return this._regex;
  }
  get selected(): string | null {
    return this._selected;
  }
  get selectedSummary(): TensorSummary | null {
    return this._tensors?.Tensors?.find(t => t.TensorName === this._selected) ?? null;
  }
  get statistics(): TensorStatistics | null {
    return this._statistics;
  }
  /** The step the histogram shows; null: the latest saved. */
  get histogramStep(): number | null {
    return this._histogramStep;
  }
  get histogram(): TensorHistogram | null {
    return this._histogram;
  }
  get histogramError(): string | null {
    return this._histogramError;
  }
  get losses(): DebuggerLosses | null {
    return this._losses;
  }
  get gradients(): GradientHeatmap | null {
    return this._gradients;
  }
  get error(): string | null {
    return this._error;
  }
  /** Whether the job or one of its rules is still running (the tab keeps reading). */
  get live(): boolean {
    const rules = this._rules;
    if (!rules) {
      return true;
    }
    return (
      JOB_RUNNING.has(rules.TrainingJobStatus) ||
      (rules.RuleEvaluations ?? []).some(r => RULE_RUNNING.has(r.RuleEvaluationStatus))
    );
  }

  /** Read everything now, then again every interval while `live`. */
  start(): void {
    void this._tick();
  }

  dispose(): void {
    this._disposed = true;
    clearTimeout(this._timer);
    Signal.clearData(this);
  }

  setFilter(collection: string, regex: string): void {
    this._collection = collection;
    this._regex = regex;
    void this._readTensors().then(() => this._emit());
  }

  select(tensorName: string): void {
    if (tensorName === this._selected) {
      return;
    }
    this._selected = tensorName;
    this._statistics = null;
    this._histogram = null;
    this._histogramStep = null;
    this._emit();
    void Promise.all([this._readStatistics(), this._readHistogram()]).then(() => this._emit());
  }

  setHistogramStep(step: number | null): void {
    this._histogramStep = step;
    this._emit();
    void this._readHistogram().then(() => this._emit());
  }

  /** Read everything again (the Training room saw the job change). */
  async refresh(): Promise<void> {
    await this._readAll();
    this._emit();
  }

  private async _tick(): Promise<void> {
    const started = Date.now();
    await this.refresh();
    if (!this._disposed && this.live && this._hasDebugger) {
      // a long job's reads take longer: the server is never asked more than a third of the time
      const wait = Math.max(this._interval, 2 * (Date.now() - started));
      this._timer = setTimeout(() => void this._tick(), wait);
    }
  }

  private async _readAll(): Promise<void> {
    try {
      this._rules = await this.api.rules(this.job);
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
      return;
    }
    if (!this._rules.DebuggerOutputPath) {
      this._hasDebugger = false;
      return;
    }
    await this._readTensors();
    if (!this._hasDebugger) {
      return;
    }
    await Promise.all([
      this._readStatistics(),
      this._histogramStep === null ? this._readHistogram() : Promise.resolve(),
      this._readLosses(),
      this._readGradients()
    ]);
  }

  private async _readTensors(): Promise<void> {
    try {
      this._tensors = await this.api.tensors(this.job, {
        collection: this._collection,
        regex: this._regex
      });
      this._filterError = null;
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) {
        this._hasDebugger = false;
      } else {
        this._filterError = message(reason);
      }
      return;
    }
    const listed = this._tensors.Tensors ?? [];
    if (!this._selected || !listed.some(t => t.TensorName === this._selected)) {
      const first = defaultTensor(listed);
      if (first && !this._selected) {
        this._selected = first;
        await Promise.all([this._readStatistics(), this._readHistogram()]);
      }
    }
  }

  /** A bad regex (a 400 naming `regex`), shown under the filter. */
  get filterError(): string | null {
    return this._filterError;
  }

  private async _readStatistics(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const stats = await this.api.statistics(this.job, name);
      if (name === this._selected) {
        this._statistics = stats;
      }
    } catch {
      this._statistics = null;
    }
  }

  private async _readHistogram(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const histogram = await this.api.histogram(this.job, name, this._histogramStep);
      if (name === this._selected) {
        this._histogram = histogram;
        this._histogramError = null;
      }
    } catch (reason) {
      this._histogram = null;
      this._histogramError = message(reason);
    }
  }

  private async _readLosses(): Promise<void> {
    try {
      this._losses = await this.api.losses(this.job);
    } catch {
      this._losses = null;
    }
  }

  private async _readGradients(): Promise<void> {
    try {
      this._gradients = await this.api.gradients(this.job);
    } catch {
      this._gradients = null;
    }
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _disposed = false;
  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _rules: RuleEvaluations | null = null;
  private _hasDebugger = true;
  private _tensors: DebuggerTensors | null = null;
  private _collection = '';
  private _regex = '';
  private _filterError: string | null = null;
  private _selected: string | null = null;
  private _statistics: TensorStatistics | null = null;
  private _histogramStep: number | null = null;
  private _histogram: TensorHistogram | null = null;
  private _histogramError: string | null = null;
  private _losses: DebuggerLosses | null = null;
  private _gradients: GradientHeatmap | null = null;
  private _error: string | null = null;
}
