/**
 * A room's tabs (Endpoints | Endpoint configs | ..., Baselines | Schedules): buttons in a tablist,
 * the arrow keys moving between them as in JupyterLab's tab bars.
 */
import React from 'react';

export interface IRoomTab<V extends string> {
  id: V;
  label: string;
}

export function RoomTabs<V extends string>(props: {
  tabs: ReadonlyArray<IRoomTab<V>>;
  current: V;
  onSelect: (view: V) => void;
  /** The room's id: the tablist's class `jp-smstudio-<room>-tabs`, the tabs' `<room>-tab-<id>` test ids. */
  room: string;
  label: string;
}): JSX.Element {
  const { tabs, current, onSelect, room } = props;
  return (
    <div
      className={`jp-smstudio-tabs jp-smstudio-${room}-tabs`}
      role="tablist"
      aria-label={props.label}
      onKeyDown={e => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) {
          e.preventDefault();
          const i = tabs.findIndex(v => v.id === current);
          const next = tabs[(i + step + tabs.length) % tabs.length];
          onSelect(next.id);
          e.currentTarget
            .querySelector<HTMLButtonElement>(`[data-testid="${room}-tab-${next.id}"]`)
            ?.focus();
        }
      }}
    >
      {tabs.map(v => (
        <button
          key={v.id}
          type="button"
          role="tab"
          aria-selected={current === v.id}
          tabIndex={current === v.id ? 0 : -1}
          className={`jp-smstudio-tab${current === v.id ? ' jp-mod-active' : ''}`}
          data-testid={`${room}-tab-${v.id}`}
          onClick={() => onSelect(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
