import React from 'react';
import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { MonitorApi } from './api';
import { monitorIcon } from './icon';
import { MONITOR_OPEN } from './links';
import { MonitorModel } from './model';
import { MonitorPanel } from './MonitorPanel';
import { IEndpointsRoom } from '../tokens';
import { EndpointMonitorStatus } from './EndpointMonitorStatus';
import './monitor.css';

export const CommandIDs = {
  open: MONITOR_OPEN,
  run: 'smstudio:monitor-run-schedule'
};

/**
 * The Model Monitor room: baselines (statistics, editable constraints) and monitoring schedules
 * (executions, violations, drift and model quality over time, Run now).
 */
export const monitorPlugin: JupyterFrontEndPlugin<void> = roomPlugin({
  id: 'jupyter-smstudio:monitor',
  description:
    'Studio Model Monitor room: baselines, monitoring schedules, violations, drift and model quality.',
  optional: [IEndpointsRoom],
  activate: services => {
    const { studio } = services;
    const api = new MonitorApi(studio.api.settings);
    // the endpoint's schedules on its page in the Endpoints room
    const MonitorSection = ({ endpointName }: { endpointName: string }): JSX.Element => (
      <EndpointMonitorStatus endpointName={endpointName} api={api} />
    );
    services.optional(IEndpointsRoom)?.addEndpointSection(MonitorSection);
    addRoom(services, {
      id: 'monitor',
      label: 'Model Monitor',
      caption: 'Model Monitor: baselines and constraints, schedules, violations, drift over time',
      icon: monitorIcon,
      rank: 20,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-monitor',
      settings: ['pollInterval'],
      createPanel: settings =>
        new MonitorPanel(new MonitorModel({ api, events: studio.events.stream, ...settings })),
      openAt: (panel, args) => {
        const schedule = stringArg(args, 'monitoring_schedule_name');
        const baseline = stringArg(args, 'baselining_job_name');
        if (schedule) {
          panel.model.openSchedule(schedule);
        } else if (baseline) {
          panel.model.openBaseline(baseline);
        }
      },
      commands: room => ({
        [CommandIDs.run]: {
          label: 'Run Current Monitoring Schedule Now',
          caption: 'Run the schedule shown in the Model Monitor room once, over the captured data',
          isEnabled: () => !!room.current()?.model.schedules.schedule,
          execute: () => room.current()?.model.schedules.act('run')
        }
      })
    });
  }
});
