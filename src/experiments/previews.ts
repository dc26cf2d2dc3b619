/**
 * Previews of the artifacts the Experiments room shows (component page, Compare): images, the
 * first 20 KB of text, the first 50 rows of a CSV. The room's model asks for them as it loads
 * components; the views only read them.
 */
import { message } from '../core/errors';
import type { Artifact } from '../core/generated/models';
import type { ExperimentsApi } from './api';
import { artifactKind, parseCsv } from './compare';

const TEXT_BYTES = 20 * 1024;
const CSV_BYTES = 256 * 1024;
const CSV_ROWS = 50;

export type Preview =
  | { kind: 'image'; url: string }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'csv'; rows: string[][] };

/** What is known of one artifact's preview: null while it is read. */
export interface IPreviewState {
  preview: Preview | null;
  error: string | null;
}

export namespace ArtifactPreviews {
  export interface IOptions {
    api: Pick<ExperimentsApi, 'storageObject'>;
    /** Called when a preview was read (or failed). */
    changed: () => void;
  }
}

export class ArtifactPreviews {
  constructor(options: ArtifactPreviews.IOptions) {
    this._options = options;
  }

  /** The preview of an artifact asked for, or null (not asked for, or nothing to preview). */
  get(artifact: Artifact): IPreviewState | null {
    return this._states.get(key(artifact)) ?? null;
  }

  /** Read the previews of these artifacts that are not read (or being read) yet. */
  request(artifacts: Iterable<Artifact>): void {
    for (const artifact of artifacts) {
      if (artifactKind(artifact) !== 'value' && !this._states.has(key(artifact))) {
        void this._read(artifact);
      }
    }
  }

  /** Forget every preview, freeing their images. */
  clear(): void {
    for (const state of this._states.values()) {
      if (state.preview?.kind === 'image') {
        URL.revokeObjectURL(state.preview.url);
      }
    }
    this._states = new Map();
  }

  private async _read(artifact: Artifact): Promise<void> {
    const kind = artifactKind(artifact);
    const states = this._states;
    states.set(key(artifact), { preview: null, error: null });
    const limit = kind === 'text' ? TEXT_BYTES : kind === 'csv' ? CSV_BYTES : undefined;
    let state: IPreviewState;
    try {
      const { blob, truncated } = await this._options.api.storageObject(artifact.value, limit);
      if (kind === 'image') {
        const typed =
          artifact.media_type && !blob.type
            ? new Blob([blob], { type: artifact.media_type })
            : blob;
        state = { preview: { kind, url: URL.createObjectURL(typed) }, error: null };
      } else {
        const text = await blob.text();
        const preview: Preview =
          kind === 'csv'
            ? { kind, rows: parseCsv(text, CSV_ROWS, truncated) }
            : { kind: 'text', text, truncated };
        state = { preview, error: null };
      }
    } catch (reason) {
      state = { preview: null, error: message(reason) };
    }
    if (states !== this._states) {
      // cleared while it was read
      if (state.preview?.kind === 'image') {
        URL.revokeObjectURL(state.preview.url);
      }
      return;
    }
    states.set(key(artifact), state);
    this._options.changed();
  }

  private _options: ArtifactPreviews.IOptions;
  private _states = new Map<string, IPreviewState>();
}

function key(artifact: Artifact): string {
  return `${artifact.media_type ?? ''} ${artifact.value}`;
}
