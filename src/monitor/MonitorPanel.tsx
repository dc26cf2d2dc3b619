import React from 'react';

import { JobRoomLayout, NameSearch } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { RoomTabs } from '../core/RoomTabs';
import { BaselineDetail, BaselinesList } from './BaselinePages';
import { monitorIcon } from './icon';
import { MONITOR_VIEWS } from './logic';
import type { MonitorModel } from './model';
import { ScheduleDetail, SchedulesList } from './SchedulePages';

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
      above={
        <RoomTabs
          tabs={MONITOR_VIEWS}
          current={model.view}
          onSelect={view => model.setView(view)}
          room="monitor"
          label="Model Monitor room"
        />
      }
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
