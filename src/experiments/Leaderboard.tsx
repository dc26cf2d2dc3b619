import { useVirtualizer } from '@tanstack/react-virtual';
import React, { useEffect, useRef } from 'react';

import { ColumnResizer } from '../core/ColumnResizer';
import { useColumnWidths } from '../core/columnWidths';
import { formatTime } from '../core/format';
import type { TrialComponent } from '../core/generated/models';
import { cellValue, columnLabel, columnWidth, isSortable } from './columns';
import type { SortOrder } from './model';
import { formatValue } from './values';

const ROW_HEIGHT = 28;
/** The select box and the star: fixed, kept in view with the name when scrolling sideways. */
const CHECK_WIDTH = 32;
const STAR_WIDTH = 24;
const STICKY_NAME = CHECK_WIDTH + STAR_WIDTH;

export interface ILeaderboardProps {
  rows: ReadonlyArray<TrialComponent>;
  /** Rows to show (loaded or still to load). */
  rowCount: number;
  columns: ReadonlyArray<string>;
  sortBy: string | null;
  sortOrder: SortOrder;
  selection: ReadonlySet<string>;
  loaded: boolean;
  /** Ask for rows up to this index to be loaded. */
  onNeedRows: (index: number) => void;
  onSort: (column: string) => void;
  onSelect: (name: string, selected: boolean) => void;
  onOpen: (name: string) => void;
}

function cellText(component: TrialComponent, id: string): string {
  const value = cellValue(component, id);
  if (typeof value === 'string' && (id === 'CreationTime' || id === 'LastModifiedTime')) {
    return formatTime(value);
  }
  return formatValue(value);
}

/**
 * The leaderboard: a virtualized grid (only the visible rows are in the DOM), server-side
 * sort by header click, pages fetched as the user scrolls. The top row of a sorted
 * leaderboard is the best one by that column and is marked with a star.
 */
export function Leaderboard(props: ILeaderboardProps): JSX.Element {
  const { rows, rowCount, columns, sortBy, sortOrder, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : 0;
  const { onNeedRows } = props;
  useEffect(() => {
    if (last >= rows.length && rows.length < rowCount) {
      onNeedRows(last);
    }
  }, [last, rows.length, rowCount, onNeedRows]);

  const widths = useColumnWidths('leaderboard');
  const dataColumns = columns.filter(c => c !== 'DisplayName');
  const width = (id: string) => widths.width(id, columnWidth(id));
  const dataWidths = dataColumns.map(width);
  // the last track takes what is left, so dragged widths stay as dragged
  const template = `${CHECK_WIDTH}px ${STAR_WIDTH}px ${width('DisplayName')}px ${dataWidths
    .map(w => `${w}px`)
    .join(' ')} minmax(0, 1fr)`;
  const minWidth = STICKY_NAME + width('DisplayName') + dataWidths.reduce((a, b) => a + b, 0);
  const bestMarked =
    !!sortBy && (sortBy.startsWith('Metrics.') || sortBy.startsWith('Parameters.'));
  const allSelected = rows.length > 0 && rows.every(r => selection.has(r.trial_component_name));

  const header = (id: string, label: string, sticky?: boolean) => {
    const sortable = isSortable(id);
    const active = sortBy === id;
    return (
      <div
        key={id}
        role="columnheader"
        className={`jp-smstudio-lb-cell jp-smstudio-lb-head${active ? ' jp-mod-active' : ''}${sticky ? ' jp-smstudio-lb-sticky jp-smstudio-lb-name' : ''}`}
        style={sticky ? { left: STICKY_NAME } : undefined}
        data-testid={`sort-${id}`}
        data-column-id={id}
        aria-sort={active ? (sortOrder === 'Ascending' ? 'ascending' : 'descending') : 'none'}
        title={sortable ? `${id}: click to sort` : id}
        tabIndex={sortable ? 0 : -1}
        onClick={() => sortable && props.onSort(id)}
        onKeyDown={e => {
          if (sortable && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            props.onSort(id);
          }
        }}
      >
        <span className="jp-smstudio-lb-head-label">{label}</span>
        {active && <span aria-hidden="true">{sortOrder === 'Ascending' ? ' ▲' : ' ▼'}</span>}
        <ColumnResizer
          label={label}
          width={width(id)}
          onResize={w => widths.setWidth(id, w)}
          onReset={() => widths.reset(id)}
        />
      </div>
    );
  };

  return (
    <div
      className="jp-smstudio-leaderboard"
      data-testid="leaderboard"
      role="grid"
      aria-rowcount={rowCount}
    >
      <div className="jp-smstudio-lb-scroll" ref={scrollRef}>
        <div style={{ minWidth }}>
          <div
            className="jp-smstudio-lb-row jp-smstudio-lb-header"
            role="row"
            style={{ gridTemplateColumns: template }}
          >
            <div className="jp-smstudio-lb-cell jp-smstudio-lb-sticky" role="columnheader">
              <input
                type="checkbox"
                aria-label="Select all loaded rows"
                checked={allSelected}
                onChange={e =>
                  rows.forEach(r => props.onSelect(r.trial_component_name, e.target.checked))
                }
              />
            </div>
            <div
              className="jp-smstudio-lb-cell jp-smstudio-lb-sticky"
              style={{ left: CHECK_WIDTH }}
              role="columnheader"
              title="Best by the sort column"
            >
              ★
            </div>
            {header('DisplayName', columnLabel('DisplayName'), true)}
            {dataColumns.map(id => header(id, columnLabel(id)))}
          </div>
          <div className="jp-smstudio-lb-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map(item => {
              const row = rows[item.index];
              const style: React.CSSProperties = {
                gridTemplateColumns: template,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`
              };
              if (!row) {
                return (
                  <div
                    key={`loading-${item.index}`}
                    className="jp-smstudio-lb-row jp-smstudio-lb-loading"
                    style={style}
                    role="row"
                  >
                    <div className="jp-smstudio-lb-cell jp-smstudio-muted">…</div>
                  </div>
                );
              }
              const name = row.trial_component_name;
              const best = bestMarked && item.index === 0;
              const selected = selection.has(name);
              return (
                <div
                  key={name}
                  role="row"
                  aria-rowindex={item.index + 1}
                  aria-selected={selected}
                  className={`jp-smstudio-lb-row${selected ? ' jp-mod-selected' : ''}${best ? ' jp-mod-best' : ''}`}
                  style={style}
                  data-testid="leaderboard-row"
                  data-component-name={name}
                  data-row-index={item.index}
                  data-best={best ? 'true' : undefined}
                >
                  <div className="jp-smstudio-lb-cell jp-smstudio-lb-sticky" role="gridcell">
                    <input
                      type="checkbox"
                      data-testid="row-select"
                      aria-label={`Select ${name}`}
                      checked={selected}
                      onChange={e => props.onSelect(name, e.target.checked)}
                    />
                  </div>
                  <div
                    className="jp-smstudio-lb-cell jp-smstudio-lb-star jp-smstudio-lb-sticky"
                    style={{ left: CHECK_WIDTH }}
                    role="gridcell"
                    title={best ? 'Best by the sort column' : undefined}
                  >
                    {best ? '★' : ''}
                  </div>
                  <div
                    className="jp-smstudio-lb-cell jp-smstudio-lb-sticky jp-smstudio-lb-name"
                    style={{ left: STICKY_NAME }}
                    role="gridcell"
                  >
                    <button
                      type="button"
                      className="jp-smstudio-link"
                      data-testid="component-link"
                      title={
                        row.display_name && row.display_name !== name
                          ? `${row.display_name} (${name})`
                          : name
                      }
                      onClick={() => props.onOpen(name)}
                    >
                      {row.display_name || name}
                    </button>
                  </div>
                  {dataColumns.map(id => {
                    const text = cellText(row, id);
                    return (
                      <div
                        key={id}
                        role="gridcell"
                        className="jp-smstudio-lb-cell"
                        data-column-id={id}
                        data-testid={`cell-${id}`}
                        title={text}
                      >
                        {text}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
          {rowCount === 0 && (
            <div className="jp-smstudio-muted jp-smstudio-empty">
              {props.loaded ? 'No trial components match.' : 'Loading…'}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
