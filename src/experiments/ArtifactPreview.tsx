import React, { useEffect, useState } from 'react';

import type { Artifact } from '../core/generated/models';
import type { ExperimentsApi } from './api';
import { artifactKind, parseCsv } from './compare';

const TEXT_BYTES = 20 * 1024;
const CSV_BYTES = 256 * 1024;
const CSV_ROWS = 50;

type Preview =
  | { kind: 'image'; url: string }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'csv'; rows: string[][] };

/** An artifact: its value, and a preview of images, text (first 20 KB) and CSV (first 50 rows). */
export function ArtifactPreview({ api, artifact }: { api: ExperimentsApi; artifact: Artifact }): JSX.Element {
  const kind = artifactKind(artifact);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (kind === 'value') {
      return;
    }
    let alive = true;
    let blobUrl: string | null = null;
    setPreview(null);
    setError(null);
    const limit = kind === 'text' ? TEXT_BYTES : kind === 'csv' ? CSV_BYTES : undefined;
    api
      .storageObject(artifact.value, limit)
      .then(async ({ blob, truncated }) => {
        if (!alive) {
          return;
        }
        if (kind === 'image') {
          const typed = artifact.media_type && !blob.type ? new Blob([blob], { type: artifact.media_type }) : blob;
          blobUrl = URL.createObjectURL(typed);
          setPreview({ kind, url: blobUrl });
          return;
        }
        const text = await blob.text();
        if (!alive) {
          return;
        }
        setPreview(
          kind === 'csv'
            ? { kind, rows: parseCsv(text, CSV_ROWS, truncated) }
            : { kind: 'text', text, truncated }
        );
      })
      .catch(reason => alive && setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      alive = false;
      if (blobUrl) {
        URL.revokeObjectURL(blobUrl);
      }
    };
  }, [api, artifact.value, artifact.media_type, kind]);

  return (
    <div className="jp-smstudio-artifact" data-testid="artifact" data-kind={kind}>
      <div className="jp-smstudio-artifact-value" title={artifact.value}>
        {artifact.value}
        {artifact.media_type ? <span className="jp-smstudio-muted"> ({artifact.media_type})</span> : null}
      </div>
      {error && <div className="jp-smstudio-field-error">{error}</div>}
      {preview?.kind === 'image' && <img src={preview.url} alt={artifact.value} className="jp-smstudio-artifact-image" />}
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
                  {row.map((cell, j) => (i === 0 ? <th key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
