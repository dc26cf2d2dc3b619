/**
 * The Baselines tab: the user's baselining jobs, the open one's report (per-feature statistics
 * and the suggested constraints) and the constraints editor with Save. Owned by the room's
 * model, which re-renders when it changes.
 */
import { message } from '../core/errors';
import type { MonitorApi } from './api';
import {
  applyEdits,
  constraintEdits,
  editProblem,
  editsChanged,
  IConstraintEdits,
  IEditProblem,
  IFeatureEdit
} from './constraints';
import type { BaselineReport, BaseliningJob } from './types';

const NO_EDITS: IConstraintEdits = {
  kind: 'data',
  features: {},
  quality: [],
  threshold: '',
  method: 'Robust'
};

export class Baselines {
  constructor(
    private readonly _api: MonitorApi,
    private readonly _emit: () => void
  ) {}

  get jobs(): ReadonlyArray<BaseliningJob> {
    return this._jobs;
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
  /** The open baseline's report (null while it loads). */
  get report(): BaselineReport | null {
    return this._report;
  }
  get detailError(): string | null {
    return this._detailError;
  }
  get edits(): IConstraintEdits {
    return this._edits;
  }
  /** Whether the editor differs from the stored constraints. */
  get dirty(): boolean {
    return !!this._report?.Constraints && editsChanged(this._report.Constraints, this._edits);
  }
  /** What is wrong with the edits (checked here), or the server's refusal of the last Save. */
  get problem(): IEditProblem | null {
    return this._problem;
  }
  get saving(): boolean {
    return this._saving;
  }
  /** Said once a Save went through. */
  get saved(): boolean {
    return this._saved;
  }

  select(name: string | null): void {
    if (name !== this._selected) {
      this._report = null;
      this._detailError = null;
      this._edits = NO_EDITS;
      this._problem = null;
      this._saved = false;
    }
    this._selected = name;
    this._emit();
  }

  setFeature(feature: string, edit: Partial<IFeatureEdit>): void {
    const current = this._edits.features[feature];
    if (current) {
      this._change({
        ...this._edits,
        features: { ...this._edits.features, [feature]: { ...current, ...edit } }
      });
    }
  }

  setComparison(edit: { threshold?: string; method?: string }): void {
    this._change({ ...this._edits, ...edit });
  }

  /** Change a model quality metric's threshold or comparison operator. */
  setQuality(metric: string, edit: { threshold?: string; operator?: string }): void {
    this._change({
      ...this._edits,
      quality: this._edits.quality.map(q => (q.metric === metric ? { ...q, ...edit } : q))
    });
  }

  /** Back to the stored constraints. */
  reset(): void {
    this._change(constraintEdits(this._report?.Constraints));
  }

  /** Write the edited constraints.json; a refusal (the server's 400 or 409) is shown by the editor. */
  async save(): Promise<void> {
    const report = this._report;
    const name = this._selected;
    if (!report?.Constraints || !name) {
      return;
    }
    const problem = editProblem(this._edits);
    if (problem) {
      this._problem = problem;
      this._emit();
      return;
    }
    this._saving = true;
    this._emit();
    try {
      const updated = await this._api.updateBaselineConstraints(
        name,
        applyEdits(report.Constraints, this._edits)
      );
      if (name === this._selected) {
        this._report = updated;
        this._edits = constraintEdits(updated.Constraints);
        this._saved = true;
      }
    } catch (reason) {
      this._problem = { field: 'server', message: message(reason) };
    }
    this._saving = false;
    this._emit();
  }

  /** Read the list (names containing `filter`) and the open baseline's report. */
  async refresh(filter: string): Promise<void> {
    try {
      const list = await this._api.listBaseliningJobs({
        name_contains: filter.trim() || undefined
      });
      this._jobs = list.BaseliningJobs;
      this._loaded = true;
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    await this._loadReport();
    this._emit();
  }

  private async _loadReport(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const report = await this._api.describeBaselineReport(name);
      if (name !== this._selected) {
        return;
      }
      const before = this._report?.Constraints;
      const keep = this.dirty || this._saving;
      this._report = report;
      this._detailError = null;
      // the editor follows the stored file unless the user is editing it
      if (!keep || !before) {
        this._edits = constraintEdits(report.Constraints);
      }
    } catch (reason) {
      this._detailError = message(reason);
    }
  }

  private _change(edits: IConstraintEdits): void {
    this._edits = edits;
    this._problem = null;
    this._saved = false;
    this._emit();
  }

  private _jobs: BaseliningJob[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _selected: string | null = null;
  private _report: BaselineReport | null = null;
  private _detailError: string | null = null;
  private _edits: IConstraintEdits = NO_EDITS;
  private _problem: IEditProblem | null = null;
  private _saving = false;
  private _saved = false;
}
