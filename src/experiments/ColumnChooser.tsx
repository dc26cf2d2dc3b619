import React, { useState } from 'react';

import type { Columns } from '../core/generated/models';
import { allColumns, columnLabel, defaultColumns, FIXED_COLUMNS } from './columns';

export interface IColumnChooserProps {
  columns: Columns | null;
  visible: ReadonlyArray<string>;
  onChange: (visible: string[]) => void;
}

/** Pick the leaderboard's columns: fixed fields, parameters, metric statistics. */
export function ColumnChooser({ columns, visible, onChange }: IColumnChooserProps): JSX.Element {
  const [filter, setFilter] = useState('');
  const all = allColumns(columns);
  const shown = set(visible);
  const f = filter.trim().toLowerCase();
  const toggle = (id: string, on: boolean) => {
    // Keep the order of `all` so columns do not jump around.
    const next = new Set(visible);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    onChange(all.filter(c => next.has(c)).concat([...next].filter(c => !all.includes(c))));
  };
  const groups: [string, string[]][] = [
    ['Fields', FIXED_COLUMNS.map(c => c.id)],
    ['Parameters', all.filter(c => c.startsWith('Parameters.'))],
    ['Metrics', all.filter(c => c.startsWith('Metrics.'))]
  ];
  return (
    <details className="jp-smstudio-column-chooser" data-testid="column-chooser">
      <summary className="jp-mod-styled">Columns ({visible.length})</summary>
      <div className="jp-smstudio-popover">
        <div className="jp-smstudio-actions">
          <input
            className="jp-mod-styled"
            type="search"
            placeholder="Filter columns"
            aria-label="Filter columns"
            value={filter}
            onChange={e => setFilter(e.target.value)}
          />
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => onChange(defaultColumns(columns))}
          >
            Defaults
          </button>
        </div>
        {groups.map(([title, ids]) => {
          const matching = ids.filter(id => !f || id.toLowerCase().includes(f));
          if (!matching.length) {
            return null;
          }
          return (
            <fieldset key={title}>
              <legend>{title}</legend>
              {matching.map(id => (
                <label key={id} className="jp-smstudio-check" title={id}>
                  <input
                    type="checkbox"
                    data-column-id={id}
                    checked={shown.has(id)}
                    onChange={e => toggle(id, e.target.checked)}
                  />
                  {title === 'Fields' ? columnLabel(id) : id.replace(/^(Parameters|Metrics)\./, '')}
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </details>
  );
}

function set(values: ReadonlyArray<string>): Set<string> {
  return new Set(values);
}
