import React from 'react';

import type { Artifact } from '../core/generated/models';
import { artifactKind } from './compare';
import type { IPreviewState } from './previews';

export interface IArtifactPreviewProps {
  artifact: Artifact;
  /** Its preview as the room's model read it (null: nothing to preview). */
  state: IPreviewState | null;
}

/** An artifact: its value, and a preview of images, text (first 20 KB) and CSV (first 50 rows). */
export function ArtifactPreview({ artifact, state }: IArtifactPreviewProps): JSX.Element {
  const kind = artifactKind(artifact);
  const preview = state?.preview ?? null;
  const error = state?.error ?? null;
  return (
    <div className="jp-smstudio-artifact" data-testid="artifact" data-kind={kind}>
      <div className="jp-smstudio-artifact-value" title={artifact.value}>
        {artifact.value}
        {artifact.media_type ? (
          <span className="jp-smstudio-muted"> ({artifact.media_type})</span>
        ) : null}
      </div>
      {error && <div className="jp-smstudio-field-error">{error}</div>}
      {preview?.kind === 'image' && (
        <img src={preview.url} alt={artifact.value} className="jp-smstudio-artifact-image" />
      )}
      {preview?.kind === 'text' && (
        <pre className="jp-smstudio-artifact-text">
          {preview.text}
          {preview.truncated ? '\n… (first 20 KB)' : ''}
        </pre>
      )}
      {preview?.kind === 'csv' && (
        <div className="jp-smstudio-table-wrapper jp-smstudio-artifact-csv">
          <table className="jp-smstudio-table">
            <tbody>
              {preview.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    i === 0 ? <th key={j}>{cell}</th> : <td key={j}>{cell}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
