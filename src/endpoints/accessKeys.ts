/**
 * The user's access keys (the Endpoints room's access keys tab): they sign boto3's
 * `sagemaker-runtime` client pointed at this server. A new key's secret is held here only until
 * the user dismisses it: the server never shows it again.
 */
import { message } from '../core/errors';
import type { AccessKey, AccessKeyMetadata } from '../core/generated/models';
import type { EndpointsApi } from './api';

/** The runtime route boto3's `endpoint_url` names (access_keys/handlers.py). */
export const RUNTIME_ROUTE = 'smstudio/api/runtime';

/** The Python that invokes an endpoint with a key, for the user to copy. */
export function boto3Snippet(endpointUrl: string, key: Pick<AccessKey, 'AccessKeyId'>): string {
  return [
    'import boto3',
    '',
    'runtime = boto3.client(',
    '    "sagemaker-runtime",',
    `    endpoint_url="${endpointUrl}",`,
    `    aws_access_key_id="${key.AccessKeyId}",`,
    '    aws_secret_access_key="<the secret>",',
    '    region_name="us-east-1",',
    ')',
    'runtime.invoke_endpoint(EndpointName="<endpoint>", Body=b"[[1, 2, 3]]", ContentType="application/json")'
  ].join('\n');
}

export class AccessKeys {
  constructor(
    private readonly _api: EndpointsApi,
    private readonly _emit: () => void
  ) {}

  get keys(): ReadonlyArray<AccessKeyMetadata> {
    return this._keys;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  get error(): string | null {
    return this._error;
  }
  /** The key just made, with its secret (until dismissed). */
  get created(): AccessKey | null {
    return this._created;
  }
  get busy(): boolean {
    return this._busy;
  }

  async refresh(): Promise<void> {
    try {
      this._keys = (await this._api.listAccessKeys()).AccessKeyMetadata;
      this._loaded = true;
      this._error = null;
    } catch (reason) {
      this._error = message(reason);
    }
    this._emit();
  }

  async create(): Promise<void> {
    await this._do(async () => {
      this._created = (await this._api.createAccessKey()).AccessKey;
    });
  }

  /** Forget the new key's secret (the user has copied it). */
  dismissSecret(): void {
    this._created = null;
    this._emit();
  }

  async setStatus(id: string, status: AccessKeyMetadata['Status']): Promise<void> {
    await this._do(() => this._api.updateAccessKey(id, status));
  }

  async delete(id: string): Promise<void> {
    await this._do(async () => {
      await this._api.deleteAccessKey(id);
      if (this._created?.AccessKeyId === id) {
        this._created = null;
      }
    });
  }

  /** Run one change, then re-read the list; a refusal (a third key: 409) is the list's error. */
  private async _do(change: () => Promise<unknown>): Promise<void> {
    this._busy = true;
    this._emit();
    let problem: string | null = null;
    try {
      await change();
    } catch (reason) {
      problem = message(reason);
    }
    this._busy = false;
    await this.refresh();
    if (problem) {
      this._error = problem;
      this._emit();
    }
  }

  private _keys: AccessKeyMetadata[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _created: AccessKey | null = null;
  private _busy = false;
}
