/** The Schedules tab: the monitoring schedules, and a schedule's page with its executions. */
import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { confirmAction } from '../core/dialogs';
import { emptyText, formatTime } from '../core/format';
import { nameColumn, PageHeader } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import { ExecutionReport } from './ExecutionReport';
import { driftThreshold, scheduleFacts } from './logic';
import type { MonitorModel } from './model';
import { HistoryChart } from './MonitorCharts';
import type { Schedules } from './schedules';
import { MonitorStatus } from './Status';
import type { MonitoringExecutionSummary, MonitoringSchedule } from './types';

/** Delete a schedule (its executions' records go with it; their files and jobs stay), once confirmed. */
async function deleteSchedule(name: string, remove: () => Promise<void>): Promise<void> {
  const confirmed = await confirmAction({
    title: 'Delete monitoring schedule',
    body: `Delete "${name}"? Its executions' reports and jobs are kept.`,
    label: 'Delete'
  });
  if (confirmed) {
    await remove();
  }
}

const COLUMNS: IColumn<MonitoringSchedule>[] = [
  nameColumn(s => s.MonitoringScheduleName, 200),
  {
    id: 'endpoint',
    label: 'Endpoint',
    width: 170,
    cell: s =>
      s.EndpointName ? (
        <RecordLink to={{ kind: 'endpoint', name: s.EndpointName }} testId="schedule-endpoint">
          {s.EndpointName}
        </RecordLink>
      ) : (
        '—'
      ),
    title: s => s.EndpointName ?? undefined
  },
  { id: 'type', label: 'Type', width: 110, cell: s => s.MonitoringType ?? 'DataQuality' },
  {
    id: 'status',
    label: 'Status',
    width: 100,
    cell: s => <MonitorStatus status={s.MonitoringScheduleStatus} />,
    testId: 'schedule-row-status'
  },
  {
    id: 'last',
    label: 'Last execution',
    width: 190,
    cell: s => (
      <MonitorStatus status={s.LastMonitoringExecutionSummary?.MonitoringExecutionStatus} />
    ),
    title: s => s.LastMonitoringExecutionSummary?.FailureReason ?? undefined,
    testId: 'schedule-row-last'
  },
  {
    id: 'next',
    label: 'Next',
    width: 170,
    className: 'jp-smstudio-time',
    cell: s => formatTime(s.NextScheduledTime)
  }
];

/** The schedules; a row opens the schedule's page. */
export function SchedulesList({ model }: { model: MonitorModel }): JSX.Element {
  const { schedules } = model;
  return (
    <DataTable
      table="monitor-schedules-table"
      testId="schedules-table"
      columns={COLUMNS}
      rows={schedules.schedules}
      rowKey={s => s.MonitoringScheduleName}
      rowAttributes={s => ({ 'data-schedule-name': s.MonitoringScheduleName })}
      selected={schedules.selectedName}
      onOpen={name => model.openSchedule(name)}
      loaded={schedules.loaded}
      empty={emptyText(
        'monitoring schedules',
        'Create one from a notebook: monitor.create_monitoring_schedule(endpoint_input=...).',
        model.filtered
      )}
    />
  );
}

function ScheduleFacts({ schedule }: { schedule: MonitoringSchedule }): JSX.Element {
  const facts = scheduleFacts(schedule);
  return (
    <dl className="jp-smstudio-facts" data-testid="schedule-facts">
      <dt>Endpoint</dt>
      <dd>
        {schedule.EndpointName ? (
          <RecordLink to={{ kind: 'endpoint', name: schedule.EndpointName }}>
            {schedule.EndpointName}
          </RecordLink>
        ) : (
          '—'
        )}
      </dd>
      <dt>Type</dt>
      <dd>{schedule.MonitoringType ?? 'DataQuality'}</dd>
      <dt>Schedule</dt>
      <dd data-testid="schedule-cron">
        <code>{facts.cron}</code>
        {schedule.NextScheduledTime && (
          <span className="jp-smstudio-muted jp-smstudio-time">
            {' '}
            next {formatTime(schedule.NextScheduledTime)}
          </span>
        )}
      </dd>
      <dt>Window</dt>
      <dd>{facts.window}</dd>
      <dt>Statistics</dt>
      <dd className="jp-smstudio-url" title={facts.statistics}>
        {facts.statistics}
      </dd>
      <dt>Constraints</dt>
      <dd className="jp-smstudio-url" title={facts.constraints}>
        {facts.constraints}
      </dd>
      <dt>Reports</dt>
      <dd className="jp-smstudio-url" title={facts.output}>
        {facts.output}
      </dd>
    </dl>
  );
}

function ExecutionsTable({ schedules }: { schedules: Schedules }): JSX.Element {
  const open = (e: MonitoringExecutionSummary) =>
    e.ProcessingJobName && void schedules.selectExecution(e.ProcessingJobName);
  const violations = new Map(
    (schedules.history?.Points ?? []).map(p => [p.ProcessingJobName ?? '', p.Violations])
  );
  if (!schedules.executions.length) {
    return (
      <div className="jp-smstudio-muted" data-testid="schedule-no-executions">
        No executions yet. “Run now” runs one over the captured data.
      </div>
    );
  }
  return (
    <div className="jp-smstudio-table-wrapper jp-smstudio-monitor-scroll">
      <table className="jp-smstudio-table jp-smstudio-monitor-table" data-testid="executions-table">
        <thead>
          <tr>
            <th scope="col">Scheduled</th>
            <th scope="col">Status</th>
            <th scope="col">Violations</th>
            <th scope="col">Processing job</th>
          </tr>
        </thead>
        <tbody>
          {schedules.executions.map(e => {
            const job = e.ProcessingJobName ?? '';
            const selected = !!job && job === schedules.selectedExecution;
            return (
              <tr
                key={`${e.ScheduledTime}-${job}`}
                data-execution={job}
                tabIndex={job ? 0 : undefined}
                aria-selected={selected}
                className={selected ? 'jp-mod-selected' : undefined}
                onClick={() => open(e)}
                onKeyDown={ev => {
                  if (ev.target === ev.currentTarget && (ev.key === 'Enter' || ev.key === ' ')) {
                    ev.preventDefault();
                    open(e);
                  }
                }}
              >
                <td className="jp-smstudio-time">{formatTime(e.ScheduledTime)}</td>
                <td title={e.FailureReason ?? undefined}>
                  <MonitorStatus status={e.MonitoringExecutionStatus} testId="execution-status" />
                </td>
                <td className="jp-smstudio-monitor-number" data-testid="execution-violations-count">
                  {violations.has(job) ? violations.get(job) : '—'}
                </td>
                <td className="jp-smstudio-monitor-job" title={job}>
                  {job ? (
                    <RecordLink to={{ kind: 'job', name: job, jobKind: 'monitoring' }}>
                      {job}
                    </RecordLink>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ScheduleCharts({ schedules }: { schedules: Schedules }): JSX.Element | null {
  const history = schedules.history;
  if (!history || !history.Points.length) {
    return null;
  }
  const quality = history.MonitoringType === 'ModelQuality';
  const psi = schedules.showPsi;
  return (
    <section className="jp-smstudio-monitor-charts" aria-label="Over time">
      <h4>
        Over time
        {!quality && (
          <label className="jp-smstudio-inline-field jp-smstudio-monitor-toggle">
            <input
              type="checkbox"
              data-testid="drift-psi"
              checked={psi}
              onChange={e => schedules.setShowPsi(e.target.checked)}
            />
            PSI
          </label>
        )}
      </h4>
      {quality ? (
        <HistoryChart
          points={history.Points}
          measure="ModelQuality"
          title="Model quality"
          yTitle="Value"
          testId="quality-chart"
        />
      ) : (
        <HistoryChart
          points={history.Points}
          measure={psi ? 'Psi' : 'Drift'}
          title={psi ? 'PSI per feature' : 'Drift per feature'}
          yTitle={psi ? 'PSI' : 'Distance'}
          threshold={psi ? null : driftThreshold(schedules.report?.Features)}
          testId="drift-chart"
        />
      )}
    </section>
  );
}

/** A schedule's page: its config, Run now / Stop / Start, executions, charts, one report. */
export function ScheduleDetail({ model }: { model: MonitorModel }): JSX.Element {
  const { schedules } = model;
  const name = schedules.selectedName ?? '';
  const schedule = schedules.schedule;
  const status = schedule?.MonitoringScheduleStatus;
  const busy = schedules.busy;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-monitor"
      data-testid="schedule-detail"
      aria-label={`Monitoring schedule ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close monitoring schedule page"
        onClose={() => model.openSchedule(null)}
        status={<MonitorStatus status={status} testId="schedule-status" />}
        actions={
          <>
            {status === 'Stopped' ? (
              <button
                type="button"
                className="jp-mod-styled"
                data-testid="schedule-start"
                disabled={!!busy}
                onClick={() => void schedules.act('start')}
              >
                Start
              </button>
            ) : (
              <button
                type="button"
                className="jp-mod-styled jp-mod-warn"
                data-testid="schedule-stop"
                disabled={!!busy || status !== 'Scheduled'}
                onClick={() => void schedules.act('stop')}
              >
                Stop
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled jp-mod-accept"
              data-testid="schedule-run"
              disabled={!!busy || !schedule}
              onClick={() => void schedules.act('run')}
            >
              {busy === 'run' ? 'Starting…' : 'Run now'}
            </button>
            <button
              type="button"
              className="jp-mod-styled jp-mod-warn"
              data-testid="schedule-delete"
              disabled={!!busy}
              onClick={() => void deleteSchedule(name, () => schedules.act('delete'))}
            >
              Delete
            </button>
          </>
        }
      />
      {(schedules.detailError || schedules.actionError) && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid="schedule-error">
          {schedules.actionError ?? schedules.detailError}
        </div>
      )}
      {!schedule && !schedules.detailError && <div className="jp-smstudio-muted">Loading…</div>}
      {schedule?.FailureReason && (
        <div className="jp-smstudio-failure">
          <strong>Failure reason:</strong> {schedule.FailureReason}
        </div>
      )}
      {schedule && (
        <>
          <ScheduleFacts schedule={schedule} />
          <h4>Executions</h4>
          <ExecutionsTable schedules={schedules} />
          <ScheduleCharts schedules={schedules} />
          <ExecutionReport schedules={schedules} />
        </>
      )}
    </section>
  );
}
