import React from 'react';

import type { CsvPreview } from './types';

/** A share as a whole percentage (`0%`, `<1%`, `35%`). */
export function percent(share: number): string {
  if (share <= 0) {
    return '0%';
  }
  return share < 0.01 ? '<1%' : `${Math.round(share * 100)}%`;
}

/**
 * The wizard's look at the CSV: each column's name, kind and missing share over its first rows;
 * the target's column is marked, and a click on a heading makes that column the target.
 */
export function CsvPreviewTable(props: {
  preview: CsvPreview;
  target: string;
  onChooseTarget: (name: string) => void;
}): JSX.Element {
  const { preview, target } = props;
  return (
    <div className="jp-smstudio-automl-preview" data-testid="automl-preview">
      <table className="jp-smstudio-table">
        <thead>
          <tr>
            {preview.Columns.map(c => (
              <th
                key={c.Name}
                scope="col"
                data-column={c.Name}
                className={c.Name === target ? 'jp-smstudio-automl-target' : undefined}
              >
                <button
                  type="button"
                  className="jp-smstudio-link"
                  title={`${c.Name}: ${c.Kind}, ${percent(c.MissingFraction)} missing. Click to predict this column.`}
                  onClick={() => props.onChooseTarget(c.Name)}
                >
                  {c.Name}
                </button>
                <span className="jp-smstudio-automl-kind" data-testid="automl-column-kind">
                  {c.Kind}
                  {c.MissingFraction > 0 ? ` · ${percent(c.MissingFraction)} missing` : ''}
                  {c.Name === target ? ' · target' : ''}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.Rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td
                  key={j}
                  className={
                    preview.Columns[j]?.Name === target ? 'jp-smstudio-automl-target' : undefined
                  }
                  title={cell ?? 'missing'}
                >
                  {cell ?? <span className="jp-smstudio-muted">—</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
