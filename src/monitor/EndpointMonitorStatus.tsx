/**
 * The monitor's status on an endpoint's page (Endpoints room): the endpoint's monitoring
 * schedules with their last execution's status, each linking to its page in the Model Monitor
 * room. It reads them itself (every few seconds while shown), so the Endpoints room keeps no
 * monitor state.
 */
import React, { useEffect, useState } from 'react';

import { message } from '../core/errors';
import { MonitorApi } from './api';
import { MonitorLink } from './links';
import { MonitorStatus } from './Status';
import type { MonitoringSchedule } from './types';

const REFRESH_MS = 5000;

export function EndpointMonitorStatus(props: {
  endpointName: string;
  /** The client (by default on the page's server settings). */
  api?: MonitorApi;
}): JSX.Element {
  const { endpointName } = props;
  const [api] = useState(() => props.api ?? new MonitorApi());
  const [schedules, setSchedules] = useState<MonitoringSchedule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const list = await api.listMonitoringSchedules({ endpoint_name: endpointName });
        const described = await Promise.all(
          list.MonitoringScheduleSummaries.map(s =>
            api.describeMonitoringSchedule(s.MonitoringScheduleName)
          )
        );
        if (alive) {
          setSchedules(described);
          setError(null);
        }
      } catch (reason) {
        if (alive) {
          setError(message(reason));
        }
      }
    };
    setSchedules(null);
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api, endpointName]);
  return (
    <section className="jp-smstudio-endpoint-monitor" data-testid="endpoint-monitor">
      <h4>Model Monitor</h4>
      {error && <div className="jp-smstudio-muted">Cannot read the schedules: {error}</div>}
      {!error && !schedules && <div className="jp-smstudio-muted">Loading…</div>}
      {schedules && !schedules.length && (
        <div className="jp-smstudio-muted">
          Not monitored. Create a schedule from a notebook:
          DefaultModelMonitor(...).create_monitoring_schedule(endpoint_input=...).
        </div>
      )}
      {schedules && schedules.length > 0 && (
        <ul className="jp-smstudio-endpoint-monitor-list">
          {schedules.map(s => (
            <li key={s.MonitoringScheduleName} data-schedule-name={s.MonitoringScheduleName}>
              <MonitorLink
                to={{ kind: 'monitoring-schedule', name: s.MonitoringScheduleName }}
                testId="endpoint-monitor-schedule"
              >
                {s.MonitoringScheduleName}
              </MonitorLink>{' '}
              <span className="jp-smstudio-muted">{s.MonitoringType ?? 'DataQuality'}</span>{' '}
              <MonitorStatus status={s.MonitoringScheduleStatus} />{' '}
              <span className="jp-smstudio-muted">last:</span>{' '}
              <MonitorStatus
                status={s.LastMonitoringExecutionSummary?.MonitoringExecutionStatus}
                testId="endpoint-monitor-last"
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
