import React, { useEffect, useRef, useState } from 'react';

import type { Columns } from '../core/generated/models';
import { allColumns, columnLabel, defaultColumns, FIXED_COLUMNS } from './columns';

export interface IColumnChooserProps {
  columns: Columns | null;
  visible: ReadonlyArray<string>;
  onChange: (visible: string[]) => void;
}

/**
 * Close a popup on Escape and on a click outside it, like JupyterLab's menus.
 * `open`: whether it is open; `close`: what closes it.
 */
export function useDismiss(
  ref: React.RefObject<HTMLElement>,
  open: boolean,
  close: () => void
): void {
  useEffect(() => {
    if (!open) {
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) {
        close();
      }
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown, true);
    };
  }, [ref, open, close]);
}

/** Pick the leaderboard's columns: fixed fields, parameters, metric statistics. */
export function ColumnChooser({ columns, visible, onChange }: IColumnChooserProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const close = React.useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);
  const all = allColumns(columns);
  const shown = new Set(visible);
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
    <div className="jp-smstudio-column-chooser" data-testid="column-chooser" ref={root}>
      <button
        type="button"
        className="jp-mod-styled"
        aria-expanded={open}
        aria-haspopup="true"
        data-testid="column-chooser-toggle"
        onClick={() => setOpen(!open)}
      >
        Columns ({visible.length})
      </button>
      {open && (
        <div className="jp-smstudio-popover" role="dialog" aria-label="Leaderboard columns">
          <div className="jp-smstudio-actions">
            <input
              className="jp-mod-styled"
              type="search"
              placeholder="Filter columns"
              aria-label="Filter columns"
              autoFocus
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
                    {title === 'Fields'
                      ? columnLabel(id)
                      : id.replace(/^(Parameters|Metrics)\./, '')}
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
      )}
    </div>
  );
}
