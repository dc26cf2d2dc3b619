/**
 * The Endpoints room's batch transform tab: the user's transform jobs, each running one's
 * progress (records answered of all the input's), the open job and Stop. Read by the room's
 * poll while the tab is shown; owned by the room's model.
 */
import { message } from '../core/errors';
import type {
  TransformJob,
  TransformJobSummary,
  TransformProgress
} from '../core/generated/models';
import { isActive } from '../core/jobStatus';
import type { EndpointsApi } from './api';

/** At most this many running jobs of the list are described for their progress on each poll. */
const PROGRESS_ROWS = 10;

/** Done of total as a fraction (null while the total is unknown). */
export function progressFraction(progress: TransformProgress | undefined): number | null {
  const total = progress?.RecordsTotal;
  if (!total || total <= 0) {
    return null;
  }
  return Math.min(1, Math.max(0, (progress?.RecordsDone ?? 0) / total));
}

/** `1,234 of 100,000 records (1%)`, or `1,234 records` while the total is unknown. */
export function progressText(progress: TransformProgress | undefined): string {
  const done = (progress?.RecordsDone ?? 0).toLocaleString('en-US');
  const fraction = progressFraction(progress);
  if (fraction === null) {
    return `${done} record${progress?.RecordsDone === 1 ? '' : 's'}`;
  }
  const total = (progress?.RecordsTotal ?? 0).toLocaleString('en-US');
  return `${done} of ${total} records (${Math.floor(fraction * 100)}%)`;
}

/** `1,234 of 100,000 (1%)`: the list's shorter form. */
export function progressShort(progress: TransformProgress | undefined): string {
  return progressText(progress).replace(' records (', ' (');
}

export class TransformJobs {
  constructor(
    private readonly _api: EndpointsApi,
    private readonly _emit: () => void
  ) {}

  get jobs(): ReadonlyArray<TransformJobSummary> {
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
  get job(): TransformJob | null {
    return this._job;
  }
  get detailError(): string | null {
    return this._detailError;
  }
  /** A running job's progress, as last read. */
  progress(name: string): TransformProgress | undefined {
    return this._job?.TransformJobName === name ? this._job.Progress : this._progress.get(name);
  }

  select(name: string | null): void {
    if (name !== this._selected) {
      this._job = null;
      this._detailError = null;
    }
    this._selected = name;
    this._emit();
  }

  async refresh(filter: string): Promise<void> {
    try {
      const list = await this._api.listTransformJobs({ name_contains: filter.trim() || undefined });
      this._jobs = list.TransformJobSummaries;
      this._loaded = true;
      const running = this._jobs
        .filter(j => isActive(j.TransformJobStatus))
        .slice(0, PROGRESS_ROWS)
        .map(j => j.TransformJobName);
      await Promise.all([...running.map(n => this._readProgress(n)), this._loadJob()]);
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    this._emit();
  }

  async stop(name: string): Promise<void> {
    try {
      await this._api.stopTransformJob(name);
      this._detailError = null;
    } catch (reason) {
      this._detailError = message(reason);
    }
    this._emit();
  }

  private async _readProgress(name: string): Promise<void> {
    try {
      this._progress.set(name, (await this._api.describeTransformJob(name)).Progress);
    } catch {
      // the row shows its status only
    }
  }

  private async _loadJob(): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    try {
      const job = await this._api.describeTransformJob(name);
      if (name === this._selected) {
        this._job = job;
        this._detailError = null;
      }
    } catch (reason) {
      if (name === this._selected) {
        this._detailError = message(reason);
      }
    }
  }

  private _jobs: TransformJobSummary[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _selected: string | null = null;
  private _job: TransformJob | null = null;
  private _detailError: string | null = null;
  private _progress = new Map<string, TransformProgress>();
}
