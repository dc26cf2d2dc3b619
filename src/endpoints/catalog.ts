/**
 * The models and endpoint configurations of the Endpoints room: their lists, the open one, and
 * what uses it (a model's configs, a config's endpoints), read by the room's poll while their
 * tab is shown. The room's model owns it and re-renders when it changes.
 */
import { message } from '../core/errors';
import type { Endpoint, EndpointConfig, Model } from '../core/generated/models';
import type { EndpointsApi } from './api';

/** The room's tabs. */
export const ROOM_VIEWS = [
  { id: 'endpoints', label: 'Endpoints', noun: 'endpoint' },
  { id: 'configs', label: 'Endpoint configs', noun: 'endpoint config' },
  { id: 'models', label: 'Models', noun: 'model' },
  { id: 'transforms', label: 'Batch transform', noun: 'transform job' },
  { id: 'keys', label: 'Access keys', noun: 'access key' }
] as const;
export type RoomView = (typeof ROOM_VIEWS)[number]['id'];

export class Catalog {
  constructor(
    private readonly _api: EndpointsApi,
    private readonly _emit: () => void
  ) {}

  get models(): ReadonlyArray<Model> {
    return this._models;
  }
  get configs(): ReadonlyArray<EndpointConfig> {
    return this._configs;
  }
  get modelsLoaded(): boolean {
    return this._modelsLoaded;
  }
  get configsLoaded(): boolean {
    return this._configsLoaded;
  }
  get error(): string | null {
    return this._error;
  }
  get selectedModelName(): string | null {
    return this._modelName;
  }
  get selectedConfigName(): string | null {
    return this._configName;
  }
  /** The open model's description (null while it loads). */
  get model(): Model | null {
    return this._model;
  }
  /** The open config's description (null while it loads). */
  get config(): EndpointConfig | null {
    return this._config;
  }
  /** Why the open record cannot be shown (a deleted one). */
  get detailError(): string | null {
    return this._detailError;
  }
  /** The configs whose variants serve the open model. */
  get modelUsedBy(): EndpointConfig[] {
    const name = this._modelName;
    return this._allConfigs.filter(c => c.ProductionVariants.some(v => v.ModelName === name));
  }
  /** The endpoints that run the open config. */
  get configUsedBy(): Endpoint[] {
    return this._allEndpoints.filter(e => e.EndpointConfigName === this._configName);
  }

  selectModel(name: string | null): void {
    if (name !== this._modelName) {
      this._model = null;
      this._detailError = null;
    }
    this._modelName = name;
    this._emit();
  }

  selectConfig(name: string | null): void {
    if (name !== this._configName) {
      this._config = null;
      this._detailError = null;
    }
    this._configName = name;
    this._emit();
  }

  /** Read the view's list (names containing `filter`) and its open record. */
  async refresh(view: 'models' | 'configs', filter: string): Promise<void> {
    const query = { name_contains: filter.trim() || undefined };
    try {
      if (view === 'models') {
        this._models = (await this._api.listModels(query)).Models;
        this._modelsLoaded = true;
        await this._loadModel();
      } else {
        this._configs = (await this._api.listEndpointConfigs(query)).EndpointConfigs;
        this._configsLoaded = true;
        await this._loadConfig();
      }
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    this._emit();
  }

  private async _loadModel(): Promise<void> {
    const name = this._modelName;
    if (!name) {
      return;
    }
    const [model, configs] = await Promise.all([
      this._api.describeModel(name).catch(reason => {
        this._detailError = message(reason);
        return null;
      }),
      this._api.listEndpointConfigs()
    ]);
    if (name === this._modelName) {
      this._model = model;
      this._detailError = model ? null : this._detailError;
      this._allConfigs = configs.EndpointConfigs;
    }
  }

  private async _loadConfig(): Promise<void> {
    const name = this._configName;
    if (!name) {
      return;
    }
    const [config, endpoints] = await Promise.all([
      this._api.describeEndpointConfig(name).catch(reason => {
        this._detailError = message(reason);
        return null;
      }),
      this._api.listEndpoints()
    ]);
    if (name === this._configName) {
      this._config = config;
      this._detailError = config ? null : this._detailError;
      this._allEndpoints = endpoints.Endpoints;
    }
  }

  private _models: Model[] = [];
  private _configs: EndpointConfig[] = [];
  private _modelsLoaded = false;
  private _configsLoaded = false;
  private _error: string | null = null;
  private _modelName: string | null = null;
  private _configName: string | null = null;
  private _model: Model | null = null;
  private _config: EndpointConfig | null = null;
  private _detailError: string | null = null;
  private _allConfigs: EndpointConfig[] = [];
  private _allEndpoints: Endpoint[] = [];
}
