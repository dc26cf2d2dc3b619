/**
 * State of the Endpoints room: the endpoints, the selected one with its config and models, the
 * variants' edits and the test panel's last answer. It owns all fetching (a poll: endpoints
 * move from Creating to InService on their own); components only read it.
 */
import { message } from '../core/errors';
import type { Endpoint, EndpointConfig, Model } from '../core/generated/models';
import { RoomModel } from '../core/model';
import type { EndpointsApi } from './api';
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

  select(name: string | null): void {
    if (name !== this._selected) {
      this._detail = null;
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
  }

  async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
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
          await this._loadConfig(detail);
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
}
