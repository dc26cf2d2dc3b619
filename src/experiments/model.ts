/**
 * State of the Experiments room: the experiment list, the leaderboard of the selected experiment
 * (server-side search, sort and paging), the search builder, the row selection, charts and the
 * component page. It owns all fetching (poll + live events); components only read it.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from '../core/api';
import { message } from '../core/errors';
import { isTrialComponentEvent } from '../core/events';
import type { Columns, Experiment, TrialComponent } from '../core/generated/models';
import { Loaded } from '../core/loaded';
import { RoomModel } from '../core/model';
import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../tokens';
import type { StudioEvent } from '../tokens';
import type { ExperimentsApi } from './api';
import { defaultColumns, firstSortOrder } from './columns';
import { componentsToCsv } from './csv';
import { CompareSet, ComponentPage, StepSeries } from './pages';
import { ArtifactPreviews } from './previews';
import {
  Board,
  buildExpression,
  EMPTY_BUILDER,
  IBuilderState,
  IExpression,
  searchRequest
} from './search';

/** The most rows a leaderboard holds. */
export const MAX_ROWS = 10000;

export type SortOrder = 'Ascending' | 'Descending';
export type ExperimentsTab = 'leaderboard' | 'charts' | 'compare' | 'component';

/** A chart the user built from the leaderboard's columns. */
export interface IChartSpec {
  id: number;
  kind: 'steps' | 'scatter' | 'parallel' | 'histogram';
  /** steps: the metric name. */
  metric?: string;
  /** scatter: x and y columns; histogram: x column. */
  x?: string;
  y?: string;
  /** parallel: the columns. */
  columns?: string[];
}

/** An error of the last search, with the request field the server named. */
export interface ISearchError {
  message: string;
  field: string | null;
}

export namespace ExperimentsModel {
  export interface IOptions extends RoomModel.IOptions {
    api: ExperimentsApi;
    /** Rows of the first leaderboard page (small, so it renders fast). */
    firstPageSize?: number;
    /** Rows of each following page (at most 1000). */
    pageSize?: number;
    /** Debounce of live-update refreshes, in ms. */
    eventDebounce?: number;
  }
}

export class ExperimentsModel extends RoomModel {
  constructor(options: ExperimentsModel.IOptions) {
    super(options, {
      name: 'jupyter-smstudio:experiments',
      schemas: [TRIAL_COMPONENT_EVENT_SCHEMA, JOB_STATUS_EVENT_SCHEMA]
    });
    this.api = options.api;
    this._firstPageSize = options.firstPageSize ?? 200;
    this._pageSize = Math.min(options.pageSize ?? 1000, 1000);
    this._eventDebounce = options.eventDebounce ?? 500;
    const changed = () => this._emit();
    this._experiments = new Loaded<ReadonlyArray<Experiment>>([], () => {
      this._experimentsLoaded = true;
      changed();
    });
    this.previews = new ArtifactPreviews({ api: this.api, changed });
    const pages = { api: this.api, previews: this.previews, changed };
    this.page = new ComponentPage(pages);
    this.compared = new CompareSet(pages);
    this.steps = new StepSeries(pages);
  }

  readonly api: ExperimentsApi;
  /** The open component's page. */
  readonly page: ComponentPage;
  /** The selected components, side by side (read while Compare is shown). */
  readonly compared: CompareSet;
  /** The selected rows' metric series of the "over steps" charts (read while Charts are shown). */
  readonly steps: StepSeries;
  /** Previews of the artifacts the component page and Compare show. */
  readonly previews: ArtifactPreviews;

  /** Emitted after a live update (events) was applied. */
  get liveUpdate(): ISignal<this, void> {
    return this._liveUpdate;
  }

  get experiments(): ReadonlyArray<Experiment> {
    return this._experiments.value;
  }
  get experimentsLoaded(): boolean {
    return this._experimentsLoaded;
  }
  get experimentsError(): string | null {
    return this._experiments.error;
  }
  /** What the leaderboard shows (an experiment, or the unassigned components), or null. */
  get board(): Board | null {
    return this._board;
  }
  /** The open experiment's name (null on the unassigned board). */
  get experimentName(): string | null {
    return this._board?.kind === 'experiment' ? this._board.name : null;
  }
  get experiment(): Experiment | null {
    const name = this.experimentName;
    return name ? (this._experiments.value.find(e => e.experiment_name === name) ?? null) : null;
  }
  get columns(): Columns | null {
    return this._columns;
  }
  get visibleColumns(): ReadonlyArray<string> {
    return this._visibleColumns;
  }
  get sortBy(): string | null {
    return this._sortBy;
  }
  get sortOrder(): SortOrder {
    return this._sortOrder;
  }
  get builder(): IBuilderState {
    return this._builder;
  }
  get appliedExpression(): IExpression | null {
    return this._applied;
  }
  get searchError(): ISearchError | null {
    return this._searchError;
  }
  get rows(): ReadonlyArray<TrialComponent> {
    return this._rows;
  }
  /** Matching components on the server (capped at MAX_ROWS for display). */
  get total(): number {
    return this._total;
  }
  /** Rows the leaderboard shows (loaded or still to load). */
  get rowCount(): number {
    return Math.min(this._total, MAX_ROWS);
  }
  get rowsLoaded(): boolean {
    return this._rowsLoaded;
  }
  get loadingRows(): boolean {
    return this._loadingMore || this._loadingFirst;
  }
  get rowsError(): string | null {
    return this._rowsError;
  }
  get selection(): ReadonlySet<string> {
    return this._selection;
  }
  get tab(): ExperimentsTab {
    return this._tab;
  }
  get componentName(): string | null {
    return this._componentName;
  }
  get charts(): ReadonlyArray<IChartSpec> {
    return this._charts;
  }
  setTab(tab: ExperimentsTab): void {
    this._tab = tab;
    this._emit();
    void this._loadTab();
  }

  /** Re-read the experiment list; errors land in `experimentsError`. */
  refreshExperiments(): Promise<void> {
    return this._experiments.load(() => this.api.allExperiments());
  }

  /** Show an experiment's leaderboard (null: none). */
  selectExperiment(name: string | null): Promise<void> {
    return this.selectBoard(name ? { kind: 'experiment', name } : null);
  }

  /** Show the trial components that belong to no trial. */
  selectUnassigned(): Promise<void> {
    return this.selectBoard({ kind: 'unassigned' });
  }

  /**
   * Show a board's leaderboard (null: none). Its search, columns, selection and open component
   * start afresh; the charts stay (drawn from the new board's rows).
   */
  async selectBoard(board: Board | null): Promise<void> {
    if (sameBoard(board, this._board)) {
      return;
    }
    this._board = board;
    this._columns = null;
    this._visibleColumns = defaultColumns(null);
    this._columnsCustomized = false;
    this._sortBy = null;
    this._sortOrder = 'Descending';
    this._builder = EMPTY_BUILDER;
    this._applied = null;
    this._searchError = null;
    this._selection = new Set();
    this._componentName = null;
    this._tab = 'leaderboard';
    this.page.reset();
    this.compared.reset();
    this.steps.reset();
    this.previews.clear();
    this._clearRows();
    this._emit();
    if (board) {
      await Promise.all([this.refreshColumns(), this.reloadRows()]);
    }
  }

  async refreshColumns(): Promise<void> {
    const board = this._board;
    if (!board) {
      return;
    }
    try {
      const columns = await this.api.columns(board);
      if (board !== this._board || this.isDisposed) {
        return;
      }
      this._columns = columns;
      if (!this._columnsCustomized) {
        this._visibleColumns = defaultColumns(columns);
      }
      this._emit();
    } catch (reason) {
      console.warn('jupyter-smstudio: cannot read leaderboard columns', reason);
    }
  }

  setVisibleColumns(columns: string[]): void {
    this._visibleColumns = columns;
    this._columnsCustomized = true;
    this._emit();
  }

  /** Sort by a column, best first; a second click on the same column reverses the order. */
  toggleSort(column: string): void {
    if (this._sortBy === column) {
      this._sortOrder = this._sortOrder === 'Ascending' ? 'Descending' : 'Ascending';
    } else {
      this._sortBy = column;
      this._sortOrder = firstSortOrder(column);
    }
    void this.reloadRows();
  }

  setSort(column: string | null, order: SortOrder): void {
    this._sortBy = column;
    this._sortOrder = order;
    void this.reloadRows();
  }

  /** Edit the builder's draft (not applied until `applySearch`). */
  setBuilder(state: IBuilderState): void {
    this._builder = state;
    this._emit();
  }

  /** Apply the builder's expression to the leaderboard. */
  applySearch(): Promise<void> {
    this._applied = buildExpression(this._builder);
    return this.reloadRows();
  }

  /** Forget the leaderboard and read its first page again. */
  async reloadRows(): Promise<void> {
    this._clearRows();
    this._loadingFirst = true;
    this._emit();
    this._pending = this._fetchFrom(0, this._firstPageSize, this._rowsGeneration);
    await this._pending;
  }

  /** Make sure rows up to `index` are loaded (the leaderboard calls it as the user scrolls). */
  async ensureRows(index: number): Promise<void> {
    const generation = this._rowsGeneration;
    while (
      !this.isDisposed &&
      generation === this._rowsGeneration &&
      index >= this._rows.length &&
      this._nextToken &&
      this._rows.length < MAX_ROWS
    ) {
      if (this._loadingMore || this._loadingFirst) {
        await this._pending;
        continue;
      }
      this._loadingMore = true;
      this._emit();
      this._pending = this._fetchFrom(
        this._rows.length,
        this._pageSize,
        generation,
        this._nextToken
      );
      await this._pending;
    }
  }

  /**
   * Re-read the rows the leaderboard holds, in place (live updates and polls): the first
   * pages up to what is loaded (at most 2000 rows), keeping the rest until scrolled to.
   */
  async refreshRows(): Promise<void> {
    const board = this._board;
    if (!board || this._loadingFirst || this._loadingMore) {
      return;
    }
    const generation = this._rowsGeneration;
    const want = Math.max(this._firstPageSize, Math.min(this._rows.length, 2000));
    const rows: TrialComponent[] = [];
    let token: string | null = null;
    let total = this._total;
    try {
      while (rows.length < want) {
        const result = await this.api.search(
          searchRequest({
            experimentName: board,
            user: this._applied,
            sortBy: this._sortBy,
            sortOrder: this._sortOrder,
            maxResults: Math.min(1000, want - rows.length),
            nextToken: token
          })
        );
        if (generation !== this._rowsGeneration || this.isDisposed) {
          return;
        }
        rows.push(...result.trial_components);
        total = result.total;
        token = result.next_token ?? null;
        if (!token) {
          break;
        }
      }
    } catch (reason) {
      if (generation === this._rowsGeneration) {
        this._rowsError = message(reason);
        this._emit();
      }
      return;
    }
    if (generation !== this._rowsGeneration || this._loadingMore) {
      return;
    }
    const keep = rows.length >= this._rows.length || !token ? [] : this._rows.slice(rows.length);
    this._rows = [...rows, ...keep];
    if (!keep.length) {
      this._nextToken = token;
    }
    this._total = total;
    this._rowsError = null;
    this._emit();
  }

  /** Select or unselect leaderboard rows (for Compare and Charts). */
  setSelected(name: string, selected: boolean): void {
    const next = new Set(this._selection);
    if (selected) {
      next.add(name);
    } else {
      next.delete(name);
    }
    this._selection = next;
    this._emit();
    void this._loadTab();
  }

  clearSelection(): void {
    this._selection = new Set();
    this._emit();
    void this._loadTab();
  }

  /** A loaded row by name (null when it is not in the loaded rows). */
  row(name: string): TrialComponent | null {
    return this._rows.find(r => r.trial_component_name === name) ?? null;
  }

  /** Open a component's page. */
  openComponent(name: string): void {
    this._componentName = name;
    this.setTab('component');
  }

  /**
   * Show a component's page in `experiment`: by default the open experiment when the
   * component belongs to it, else the first experiment it belongs to.
   */
  async showComponent(name: string, experiment?: string): Promise<void> {
    let target: Board | null = experiment ? { kind: 'experiment', name: experiment } : null;
    if (!target) {
      const parents = ((await this.api.getComponent(name)).parents ?? []).map(
        p => p.experiment_name
      );
      const open = this.experimentName;
      // a component in no trial is on the unassigned board
      target =
        open && parents.includes(open)
          ? { kind: 'experiment', name: open }
          : parents.length
            ? { kind: 'experiment', name: parents[0] }
            : { kind: 'unassigned' };
    }
    await this.selectBoard(target);
    this.openComponent(name);
  }

  /** Add a chart (and show the charts); a chart of columns plots every row, so all are read. */
  addChart(spec: Omit<IChartSpec, 'id'>): void {
    if (spec.kind !== 'steps') {
      void this.ensureRows(this.rowCount - 1);
    }
    this._charts = [...this._charts, { ...spec, id: ++this._chartId }];
    this.setTab('charts');
  }

  removeChart(id: number): void {
    this._charts = this._charts.filter(c => c.id !== id);
    this._emit();
  }

  /** Share an experiment with every user (read-only to them), or stop sharing it. */
  async setShared(name: string, shared: boolean): Promise<void> {
    await this.api.updateExperiment(name, { shared });
    await this.refreshExperiments();
  }

  /** Delete an experiment with its trials and components. */
  async deleteExperiment(name: string): Promise<void> {
    await this.api.deleteExperiment(name, true);
    if (name === this.experimentName) {
      await this.selectExperiment(null);
    }
    await this.refreshExperiments();
  }

  /** Every matching row (up to MAX_ROWS) over the visible columns, as CSV. */
  async exportCsv(): Promise<string> {
    await this.ensureRows(this.rowCount - 1);
    return componentsToCsv(this._rows.slice(0, MAX_ROWS), this._visibleColumns);
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._rowsGeneration++;
      this.previews.clear();
    }
    super.dispose();
  }

  /** One search page; the generation drops answers of a superseded leaderboard. */
  private async _fetchFrom(
    start: number,
    size: number,
    generation: number,
    token: string | null = null
  ): Promise<void> {
    const board = this._board;
    if (!board) {
      this._loadingFirst = false;
      this._loadingMore = false;
      return;
    }
    try {
      const result = await this.api.search(
        searchRequest({
          experimentName: board,
          user: this._applied,
          sortBy: this._sortBy,
          sortOrder: this._sortOrder,
          maxResults: Math.min(size, MAX_ROWS - start),
          nextToken: token
        })
      );
      if (generation !== this._rowsGeneration || this.isDisposed) {
        return;
      }
      this._rows = [...this._rows.slice(0, start), ...result.trial_components];
      this._total = result.total;
      this._nextToken = result.next_token ?? null;
      this._rowsError = null;
      this._searchError = null;
    } catch (reason) {
      if (generation !== this._rowsGeneration) {
        return;
      }
      this._rowsError = message(reason);
      if (reason instanceof ApiError && reason.status === 400) {
        this._searchError = { message: reason.message, field: reason.field };
      }
    } finally {
      if (generation === this._rowsGeneration) {
        this._loadingFirst = false;
        this._loadingMore = false;
        this._rowsLoaded = true;
      }
    }
    this._emit();
  }

  private _clearRows(): void {
    this._rowsGeneration++;
    this._rows = [];
    this._total = 0;
    this._nextToken = null;
    this._rowsLoaded = false;
    this._loadingFirst = false;
    this._loadingMore = false;
    this._rowsError = null;
    this._pending = Promise.resolve();
  }

  /** Read what the shown tab shows besides the leaderboard. */
  private async _loadTab(): Promise<void> {
    const names = [...this._selection];
    switch (this._tab) {
      case 'component':
        if (this._componentName) {
          await this.page.load(this._componentName);
        }
        break;
      case 'compare':
        await this.compared.load(names, name => this.row(name));
        break;
      case 'charts': {
        // charts of columns plot every row (they stay when another board opens)
        if (this._charts.some(c => c.kind !== 'steps')) {
          void this.ensureRows(this.rowCount - 1);
        }
        const metrics = new Set<string>();
        for (const chart of this._charts) {
          if (chart.kind === 'steps' && chart.metric) {
            metrics.add(chart.metric);
          }
        }
        if (metrics.size && names.length) {
          await this.steps.load([...metrics], names);
        }
        break;
      }
    }
  }

  protected async _poll(): Promise<void> {
    await Promise.all([this.refreshExperiments(), this.refreshRows()]);
  }

  protected _onEvent(event: StudioEvent): void {
    if (isTrialComponentEvent(event)) {
      const change = event.change;
      this._eventNeedsColumns ||=
        change === 'created' || change === 'metrics' || change === 'updated';
      this._eventNeedsExperiments ||= change === 'created' || change === 'deleted';
    } else {
      this._eventNeedsExperiments = true;
    }
    // Many events arrive together while a job logs metrics: refresh once.
    this._soon(() => void this._applyEvents(), this._eventDebounce);
  }

  private async _applyEvents(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const columns = this._eventNeedsColumns;
    const experiments = this._eventNeedsExperiments;
    this._eventNeedsColumns = false;
    this._eventNeedsExperiments = false;
    const work: Promise<void>[] = [this.refreshRows()];
    if (columns) {
      work.push(this.refreshColumns());
    }
    if (experiments) {
      work.push(this.refreshExperiments());
    }
    // The component page and the "over steps" charts follow too.
    if (this._tab === 'component' || this._tab === 'charts') {
      work.push(this._loadTab());
    }
    await Promise.all(work);
    this._liveUpdate.emit();
  }

  private _liveUpdate = new Signal<this, void>(this);
  private _firstPageSize: number;
  private _pageSize: number;
  private _eventDebounce: number;
  private _experiments: Loaded<ReadonlyArray<Experiment>>;
  private _experimentsLoaded = false;
  private _board: Board | null = null;
  private _columns: Columns | null = null;
  private _visibleColumns: string[] = defaultColumns(null);
  private _columnsCustomized = false;
  private _sortBy: string | null = null;
  private _sortOrder: SortOrder = 'Descending';
  private _builder: IBuilderState = EMPTY_BUILDER;
  private _applied: IExpression | null = null;
  private _searchError: ISearchError | null = null;
  private _rows: TrialComponent[] = [];
  private _total = 0;
  private _nextToken: string | null = null;
  private _rowsLoaded = false;
  private _loadingFirst = false;
  private _loadingMore = false;
  private _pending: Promise<void> = Promise.resolve();
  private _rowsError: string | null = null;
  private _rowsGeneration = 0;
  private _selection: Set<string> = new Set();
  private _tab: ExperimentsTab = 'leaderboard';
  private _componentName: string | null = null;
  private _charts: IChartSpec[] = [];
  private _chartId = 0;
  private _eventNeedsColumns = false;
  private _eventNeedsExperiments = false;
}

/** Whether two boards show the same components. */
function sameBoard(a: Board | null, b: Board | null): boolean {
  if (!a || !b) {
    return a === b;
  }
  return a.kind === b.kind && (a.kind !== 'experiment' || a.name === (b as typeof a).name);
}
