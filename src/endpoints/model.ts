/**
 * State of the Endpoints room: the endpoints, the selected one with its config, models and
 * live metrics, the variants' edits and the test panel's last answer; the models and endpoint
 * configs tabs (`Catalog`). It owns all fetching (a poll that stands by while the room is
 * hidden: endpoints move from Creating to InService on their own, and the charts follow the
 * router's counts); components only read it.
 */
import { message } from '../core/errors';
import type { Endpoint, EndpointConfig, EndpointMetrics, Model } from '../core/generated/models';
import { RoomModel } from '../core/model';
import type { EndpointsApi } from './api';
import { Catalog, RoomView } from './catalog';
import { AccessKeys } from './accessKeys';
import { EndpointScaling } from './scalingState';
import { TransformJobs } from './transforms';
import {
  ContentType,
  editsFrom,
  IInvocationResult,
  IVariantEdit,
  validateEdits,
  weightsRequest
} from './logic';

export namespace EndpointsModel {
  export interface IOptions extends RoomModel.IOptions {
    api: EndpointsApi;
  }
}

export class EndpointsModel extends RoomModel {
  constructor(options: EndpointsModel.IOptions) {
    super(options, { name: 'jupyter-smstudio:endpoints', schemas: [] });
    this._api = options.api;
    this.catalog = new Catalog(options.api, () => this._emit());
    this.scaling = new EndpointScaling(options.api, () => this._emit());
    this.transforms = new TransformJobs(options.api, () => this._emit());
    this.accessKeys = new AccessKeys(options.api, () => this._emit());
  }

  /** The batch transform tab. */
  readonly transforms: TransformJobs;
  /** The access keys tab. */
  readonly accessKeys: AccessKeys;

  /** The open endpoint's autoscaling: policies, activities, the editor. */
  readonly scaling: EndpointScaling;

  /** The models and endpoint configs tabs. */
  readonly catalog: Catalog;

  /** The tab shown: endpoints, endpoint configs or models. */
  get view(): RoomView {
    return this._view;
  }

  /** Show a tab (its own search starts empty). */
  setView(view: RoomView): void {
    if (view !== this._view) {
      this._view = view;
      this._name = '';
      this._emit();
      void this.refresh();
    }
  }

  /** Open a model's page (in the models tab). */
  openModel(name: string): void {
    this.catalog.selectModel(name);
    if (this._view === 'models') {
      void this.refresh();
    } else {
      this.setView('models');
    }
  }

  /** Open an endpoint config's page (in the configs tab). */
  openConfig(name: string): void {
    this.catalog.selectConfig(name);
    if (this._view === 'configs') {
      void this.refresh();
    } else {
      this.setView('configs');
    }
  }

  /** Open a batch transform job's page (in its tab). */
  openTransform(name: string): void {
    this.transforms.select(name);
    if (this._view === 'transforms') {
      void this.refresh();
    } else {
      this.setView('transforms');
    }
  }

  /** The open endpoint's last hour per variant (null until read). */
  get metrics(): EndpointMetrics | null {
    return this._metrics;
  }
  /** Why the metrics cannot be read (the rest of the page still works). */
  get metricsError(): string | null {
    return this._metricsError;
  }

  get endpoints(): ReadonlyArray<Endpoint> {
    return this._endpoints;
  }
  get total(): number {
    return this._endpoints.length;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get error(): string | null {
    return this._error;
  }
  get nameFilter(): string {
    return this._name;
  }
  get filtered(): boolean {
    return !!this._name.trim();
  }
  get selectedName(): string | null {
    return this._selected;
  }
  get selected(): Endpoint | null {
    return this._detail;
  }
  get config(): EndpointConfig | null {
    return this._config;
  }
  model(name: string): Model | undefined {
    return this._models.get(name);
  }
  /** The weight and count fields of each variant. */
  get edits(): Record<string, IVariantEdit> {
    return this._edits;
  }
  /** Whether a field differs from the variant's desired value. */
  get dirty(): boolean {
    return (
      !!this._detail && weightsRequest(this._detail.ProductionVariants, this._edits).length > 0
    );
  }
  /** What is wrong with the edits, or the server's refusal of the last Apply. */
  get editError(): string | null {
    return this._editError;
  }
  get applying(): boolean {
    return this._applying;
  }
  get invocation(): IInvocationResult | null {
    return this._invocation;
  }
  get invocationError(): string | null {
    return this._invocationError;
  }
  get invoking(): boolean {
    return this._invoking;
  }

  start(): void {
    super.start();
    void this.refresh();
  }

  setNameFilter(text: string): void {
    this._name = text;
    this._emit();
    this._soon(() => void this.refresh(), 200);
  }

  /** Open an endpoint's page (in the endpoints tab); null closes it. */
  select(name: string | null): void {
    this._view = 'endpoints';
    if (name !== this._selected) {
      this._detail = null;
      this._metrics = null;
      this._metricsError = null;
      this.scaling.clear();
      this._config = null;
      this._edits = {};
      this._editError = null;
      this._invocation = null;
      this._invocationError = null;
    }
    this._selected = name;
    this._emit();
    void this.refresh();
  }

  setEdit(variant: string, field: keyof IVariantEdit, value: string): void {
    const edit = this._edits[variant] ?? { weight: '', count: '' };
    this._edits = { ...this._edits, [variant]: { ...edit, [field]: value } };
    this._editError = null;
    this._emit();
  }

  /** Put the fields back to the variants' desired values. */
  resetEdits(): void {
    this._edits = this._detail ? editsFrom(this._detail.ProductionVariants) : {};
    this._editError = null;
    this._emit();
  }

  /** Send the changed weights and counts; a refusal (the server's 400) is shown by the table. */
  async applyEdits(): Promise<void> {
    const endpoint = this._detail;
    if (!endpoint) {
      return;
    }
    const problem = validateEdits(endpoint.ProductionVariants, this._edits);
    if (problem) {
      this._editError = problem;
      this._emit();
      return;
    }
    const changes = weightsRequest(endpoint.ProductionVariants, this._edits);
    if (!changes.length) {
      return;
    }
    this._applying = true;
    this._emit();
    try {
      const updated = await this._api.updateWeightsAndCapacities(endpoint.EndpointName, changes);
      this._editError = null;
      if (updated && updated.EndpointName === this._selected) {
        this._detail = updated;
        this._edits = editsFrom(updated.ProductionVariants);
      }
    } catch (reason) {
      this._editError = message(reason);
    }
    this._applying = false;
    await this.refresh();
  }

  async deleteEndpoint(name: string): Promise<void> {
    try {
      await this._api.deleteEndpoint(name);
      this._error = null;
      if (this._selected === name) {
        this.select(null);
      }
    } catch (reason) {
      this._error = message(reason);
    }
    await this.refresh();
  }

  async invoke(body: string, contentType: ContentType, targetVariant: string): Promise<void> {
    const name = this._selected;
    if (!name) {
      return;
    }
    this._invoking = true;
    this._invocationError = null;
    this._emit();
    try {
      const result = await this._api.invoke(name, body, contentType, targetVariant);
      if (name === this._selected) {
        this._invocation = result;
      }
    } catch (reason) {
      this._invocation = null;
      this._invocationError = message(reason);
    }
    this._invoking = false;
    this._emit();
    // the charts count this request at once rather than on the next poll
    await this._loadMetrics(name);
    this._emit();
  }

  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    switch (this._view) {
      case 'models':
      case 'configs':
        return this.catalog.refresh(this._view, this._name);
      case 'transforms':
        return this.transforms.refresh(this._name);
      case 'keys':
        return this.accessKeys.refresh();
    }
    try {
      const list = await this._api.listEndpoints({
        name_contains: this._name.trim() || undefined
      });
      this._endpoints = list.Endpoints;
      this._loaded = true;
      const name = this._selected;
      if (name) {
        const detail = await this._api.describeEndpoint(name);
        if (name === this._selected) {
          const first = !this._detail;
          const dirty = this.dirty;
          this._detail = detail;
          // the fields follow the endpoint unless the user is editing them
          if (first || !dirty) {
            this._edits = editsFrom(detail.ProductionVariants);
          }
          await Promise.all([
            this._loadConfig(detail),
            this._loadMetrics(name),
            this.scaling.load(detail)
          ]);
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

  protected _onEvent(): void {
    // no live events for endpoints yet: the poll follows them
  }

  /** The charts' figures, read on each poll while the page is shown. */
  private async _loadMetrics(name: string): Promise<void> {
    try {
      const metrics = await this._api.endpointMetrics(name);
      if (name === this._selected) {
        this._metrics = metrics;
        this._metricsError = null;
      }
    } catch (reason) {
      this._metricsError = message(reason);
    }
  }

  /** The endpoint's config and its variants' models (read once each). */
  private async _loadConfig(endpoint: Endpoint): Promise<void> {
    if (this._config?.EndpointConfigName !== endpoint.EndpointConfigName) {
      this._config = await this._api.describeEndpointConfig(endpoint.EndpointConfigName);
    }
    const names = new Set(endpoint.ProductionVariants.map(v => v.ModelName));
    await Promise.all(
      [...names]
        .filter(n => !this._models.has(n))
        .map(async n => {
          try {
            this._models.set(n, await this._api.describeModel(n));
          } catch {
            // a deleted model: the page shows its name only
          }
        })
    );
  }

  private _api: EndpointsApi;
  private _endpoints: Endpoint[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _name = '';
  private _selected: string | null = null;
  private _detail: Endpoint | null = null;
  private _config: EndpointConfig | null = null;
  private _models = new Map<string, Model>();
  private _edits: Record<string, IVariantEdit> = {};
  private _editError: string | null = null;
  private _applying = false;
  private _invocation: IInvocationResult | null = null;
  private _invocationError: string | null = null;
  private _invoking = false;
  private _view: RoomView = 'endpoints';
  private _metrics: EndpointMetrics | null = null;
  private _metricsError: string | null = null;
}
