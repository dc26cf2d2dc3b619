/**
 * What the Experiments room's views beside the leaderboard read, loaded by the room's model:
 * a trial component's page, the components side by side in Compare, and the metric series of
 * the "over steps" charts. The views only read them.
 */
import type { Lineage, MetricSeries, TrialComponent } from '../core/generated/models';
import { Loaded } from '../core/loaded';
import type { ExperimentsApi } from './api';
import type { ArtifactPreviews } from './previews';

/** What the page models need. */
export interface IPageOptions {
  api: Pick<ExperimentsApi, 'getComponent' | 'lineage' | 'metricSeries'>;
  /** Reads the previews of the artifacts the components show. */
  previews: ArtifactPreviews;
  /** Called when what a view shows changed. */
  changed: () => void;
}

/** Ask for the previews of the artifacts components show (inputs, then outputs). */
function requestPreviews(previews: ArtifactPreviews, components: ReadonlyArray<TrialComponent>) {
  for (const component of components) {
    previews.request([
      ...Object.values(component.input_artifacts ?? {}),
      ...Object.values(component.output_artifacts ?? {})
    ]);
  }
}

/** A component's page: its fields and its lineage. */
export class ComponentPage {
  constructor(private _options: IPageOptions) {
    this._page = new Loaded(null, _options.changed);
  }

  get component(): TrialComponent | null {
    return this._page.value?.component ?? null;
  }
  get lineage(): Lineage | null {
    return this._page.value?.lineage ?? null;
  }
  get error(): string | null {
    return this._page.error;
  }

  /**
   * Read a component and its lineage: another component's page starts empty, the same one's
   * stays as it is until the answer.
   */
  async load(name: string): Promise<void> {
    const { api, previews } = this._options;
    if (name !== this._name) {
      this._page.reset();
      this._name = name;
    }
    await this._page.load(async () => {
      const [component, lineage] = await Promise.all([
        api.getComponent(name),
        api.lineage(name).catch(() => null)
      ]);
      return { component, lineage };
    });
    requestPreviews(previews, this.component ? [this.component] : []);
  }

  reset(): void {
    this._page.reset();
    this._name = null;
  }

  private _name: string | null = null;
  private _page: Loaded<{ component: TrialComponent; lineage: Lineage | null } | null>;
}

/** The components compared side by side: fresh copies, with artifacts and metrics as they are now. */
export class CompareSet {
  constructor(private _options: IPageOptions) {
    this._components = new Loaded<ReadonlyArray<TrialComponent>>([], _options.changed);
  }

  get components(): ReadonlyArray<TrialComponent> {
    return this._components.value;
  }
  get error(): string | null {
    return this._components.error;
  }

  /** Read these components; one the server does not answer is taken from `known`, if there. */
  async load(names: string[], known: (name: string) => TrialComponent | null): Promise<void> {
    const { api, previews } = this._options;
    await this._components.load(async () => {
      const found = await Promise.all(
        names.map(name => api.getComponent(name).catch(() => known(name)))
      );
      return found.filter((c): c is TrialComponent => !!c);
    }, String);
    requestPreviews(previews, this.components);
  }

  reset(): void {
    this._components.reset();
  }

  private _components: Loaded<ReadonlyArray<TrialComponent>>;
}

/** One row's series of a metric. */
export interface IStepLine {
  /** The row's trial component. */
  name: string;
  series: MetricSeries;
}

/** The metric series of the selected rows, for the "over steps" charts. */
export class StepSeries {
  constructor(private _options: IPageOptions) {
    this._lines = new Loaded(new Map(), _options.changed);
  }

  /** The series of `metric` of each row that has it, in row order; null until read. */
  get(metric: string): ReadonlyArray<IStepLine> | null {
    return this._lines.value.get(metric) ?? null;
  }

  /** Read the series of these metrics for these rows (a series that fails is left out). */
  load(metrics: string[], names: string[]): Promise<void> {
    const { api } = this._options;
    const lines = async (metric: string) => {
      const read = await Promise.all(
        names.map(name =>
          api.metricSeries(name, metric).then(
            (series): IStepLine => ({ name, series }),
            () => null
          )
        )
      );
      return [metric, read.filter((l): l is IStepLine => l !== null)] as const;
    };
    return this._lines.load(async () => new Map(await Promise.all(metrics.map(lines))));
  }

  reset(): void {
    this._lines.reset();
  }

  private _lines: Loaded<ReadonlyMap<string, ReadonlyArray<IStepLine>>>;
}
