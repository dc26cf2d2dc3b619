import React from 'react';

import { JobRoomLayout, NameSearch } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { BaselineDetail, BaselinesList } from './BaselinePages';
import { monitorIcon } from './icon';
import { MONITOR_VIEWS } from './logic';
import type { MonitorModel } from './model';
import { ScheduleDetail, SchedulesList } from './SchedulePages';

/** Baselines | Schedules: the room's tabs (the arrow keys move between them). */
function ViewTabs({ model }: { model: MonitorModel }): JSX.Element {
  return (
    <div
      className="jp-smstudio-tabs jp-smstudio-monitor-tabs"
      role="tablist"
      aria-label="Model Monitor room"
      onKeyDown={e => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) {
          e.preventDefault();
          const i = MONITOR_VIEWS.findIndex(v => v.id === model.view);
          const next = MONITOR_VIEWS[(i + step + MONITOR_VIEWS.length) % MONITOR_VIEWS.length];
          model.setView(next.id);
          e.currentTarget
            .querySelector<HTMLButtonElement>(`[data-testid="monitor-tab-${next.id}"]`)
            ?.focus();
        }
      }}
    >
      {MONITOR_VIEWS.map(v => (
        <button
          key={v.id}
          type="button"
          role="tab"
          aria-selected={model.view === v.id}
          tabIndex={model.view === v.id ? 0 : -1}
          className={`jp-smstudio-tab${model.view === v.id ? ' jp-mod-active' : ''}`}
          data-testid={`monitor-tab-${v.id}`}
          onClick={() => model.setView(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

function MonitorView({ model }: { model: MonitorModel }): JSX.Element {
  useModel(model);
  const refresh = () => model.refresh();
  const baselines = model.view === 'baselines';
  const part = baselines ? model.baselines : model.schedules;
  const view = MONITOR_VIEWS.find(v => v.id === model.view) ?? MONITOR_VIEWS[0];
  return (
    <JobRoomLayout
      title="Model Monitor"
      room="monitor"
      noun={view.noun}
      model={{
        loaded: part.loaded,
        total: baselines ? model.baselines.jobs.length : model.schedules.schedules.length,
        error: part.error,
        refresh
      }}
      filters={
        <NameSearch
          value={model.nameFilter}
          onChange={n => model.setNameFilter(n)}
          testId="monitor-search"
        />
      }
      above={<ViewTabs model={model} />}
      table={baselines ? <BaselinesList model={model} /> : <SchedulesList model={model} />}
      side={
        baselines
          ? model.baselines.selectedName && <BaselineDetail model={model} />
          : model.schedules.selectedName && <ScheduleDetail model={model} />
      }
    />
  );
}

/** The Model Monitor room main-area widget. */
export class MonitorPanel extends RoomPanel<MonitorModel> {
  constructor(model: MonitorModel) {
    super(model, {
      id: 'smstudio-monitor',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-monitor-room'],
      label: 'Model Monitor',
      caption: 'Studio Model Monitor: baselines, monitoring schedules, violations and drift',
      icon: monitorIcon
    });
  }

  protected renderRoom(): JSX.Element {
    return <MonitorView model={this.model} />;
  }
}
