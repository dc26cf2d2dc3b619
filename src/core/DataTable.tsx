/**
 * The rooms' tables of records (jobs, tuning jobs, training jobs of a tuning job): columns of a
 * sensible default width that the user may drag, names in full on hover, the first column kept
 * in view while the table scrolls sideways, and rows that open their record.
 */
import React from 'react';

import { ColumnResizer } from './ColumnResizer';
import { useColumnWidths } from './columnWidths';

export interface IColumn<T> {
  /** Stable id (widths are kept by it). */
  id: string;
  /** The heading. */
  label: string;
  /** Default width in pixels. */
  width: number;
  cell: (row: T) => React.ReactNode;
  /** The cell's full text on hover (a cut name can always be read). */
  title?: (row: T) => string | undefined;
  /** Classes of the cells, e.g. `jp-smstudio-time`. */
  className?: string;
  /** `data-testid` of the cells. */
  testId?: string;
}

export interface IDataTableProps<T> {
  /** Names the table among the rooms' tables: its widths are kept under it. */
  table: string;
  /** `data-testid` of the table. */
  testId: string;
  columns: ReadonlyArray<IColumn<T>>;
  rows: ReadonlyArray<T>;
  rowKey: (row: T) => string;
  /** More attributes of a row (`data-*`, `className`, `title`). */
  rowAttributes?: (row: T) => React.HTMLAttributes<HTMLTableRowElement> & Record<string, unknown>;
  /** The key of the highlighted row. */
  selected?: string | null;
  /** Click, Enter or Space on a row. */
  onOpen?: (key: string) => void;
  /** What the table says without rows (once loaded). */
  empty: string;
  loaded?: boolean;
}

/** A table whose rows open their record; see the file's comment. */
export function DataTable<T>(props: IDataTableProps<T>): JSX.Element {
  const { columns, rows, rowKey, selected, onOpen } = props;
  const widths = useColumnWidths(props.table);
  const width = (c: IColumn<T>) => widths.width(c.id, c.width);
  const total = columns.reduce((sum, c) => sum + width(c), 0);
  return (
    <table
      className="jp-smstudio-table jp-smstudio-data-table"
      data-testid={props.testId}
      style={{ minWidth: total }}
    >
      <colgroup>
        {columns.map(c => (
          <col key={c.id} style={{ width: width(c) }} />
        ))}
        {/* takes the room left over, so the dragged widths stay as dragged */}
        <col />
      </colgroup>
      <thead>
        <tr>
          {columns.map(c => (
            <th key={c.id} scope="col" title={c.label} data-column-id={c.id}>
              <span className="jp-smstudio-th-label">{c.label}</span>
              <ColumnResizer
                label={c.label}
                width={width(c)}
                onResize={w => widths.setWidth(c.id, w)}
                onReset={() => widths.reset(c.id)}
              />
            </th>
          ))}
          <th aria-hidden="true" />
        </tr>
      </thead>
      <tbody>
        {rows.map(row => {
          const key = rowKey(row);
          const isSelected = key === selected;
          const extra = props.rowAttributes?.(row) ?? {};
          const className = [extra.className, isSelected ? 'jp-mod-selected' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <tr
              key={key}
              {...extra}
              className={className || undefined}
              aria-selected={onOpen ? isSelected : undefined}
              tabIndex={onOpen ? 0 : undefined}
              onClick={onOpen ? () => onOpen(key) : undefined}
              onKeyDown={
                onOpen
                  ? e => {
                      if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                        e.preventDefault();
                        onOpen(key);
                      }
                    }
                  : undefined
              }
            >
              {columns.map(c => (
                <td
                  key={c.id}
                  className={c.className}
                  data-testid={c.testId}
                  title={c.title?.(row)}
                >
                  {c.cell(row)}
                </td>
              ))}
              <td aria-hidden="true" />
            </tr>
          );
        })}
        {rows.length === 0 && (
          <tr className="jp-smstudio-empty-row">
            <td colSpan={columns.length + 1}>
              {props.loaded === false ? 'Loading…' : props.empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
