/**
 * REST calls of the Model Monitor room (monitor/operations.py and the room's read API,
 * monitor/report_operations.py) through the core API client.
 */
import { requestAPI, route, StudioApi, withQuery } from '../core/api';
import type {
  BaselineReport,
  BaseliningJobList,
  ExecutionReport,
  MonitoringExecutionList,
  MonitoringHistory,
  MonitoringSchedule,
  MonitoringScheduleList
} from './types';

export class MonitorApi extends StudioApi {
  listBaseliningJobs(query: { name_contains?: string } = {}): Promise<BaseliningJobList> {
    return this._get('monitoring-baselines', { ...query, limit: 100 });
  }

  describeBaselineReport(name: string): Promise<BaselineReport> {
    return this._get(route`monitoring-baselines/${name}/report`);
  }

  /** Write a whole constraints.json over the baseline's (the server checks it: a 400 names the path). */
  updateBaselineConstraints(name: string, constraints: unknown): Promise<BaselineReport> {
    return requestAPI<BaselineReport>(
      withQuery(route`monitoring-baselines/${name}/constraints`, {}),
      { method: 'PUT', body: JSON.stringify({ Constraints: constraints }) },
      this.settings
    );
  }

  listMonitoringSchedules(
    query: { name_contains?: string; endpoint_name?: string } = {}
  ): Promise<MonitoringScheduleList> {
    return this._get('monitoring-schedules', { ...query, limit: 100 });
  }

  describeMonitoringSchedule(name: string): Promise<MonitoringSchedule> {
    return this._get(route`monitoring-schedules/${name}`);
  }

  /** Run the schedule once, now (its analysis window ends now). */
  runMonitoringSchedule(name: string): Promise<unknown> {
    return this._send('POST', route`monitoring-schedules/${name}/run`);
  }

  stopMonitoringSchedule(name: string): Promise<unknown> {
    return this._send('POST', route`monitoring-schedules/${name}/stop`);
  }

  startMonitoringSchedule(name: string): Promise<unknown> {
    return this._send('POST', route`monitoring-schedules/${name}/start`);
  }

  deleteMonitoringSchedule(name: string): Promise<unknown> {
    return this._send('DELETE', route`monitoring-schedules/${name}`);
  }

  /** A schedule's executions, newest first. */
  listMonitoringExecutions(schedule: string): Promise<MonitoringExecutionList> {
    return this._get('monitoring-executions', { monitoring_schedule_name: schedule, limit: 100 });
  }

  describeExecutionReport(processingJobName: string): Promise<ExecutionReport> {
    return this._get(route`monitoring-executions/${processingJobName}/report`);
  }

  /** The schedule's last `limit` executions' figures, oldest first. */
  describeHistory(schedule: string, limit = 100): Promise<MonitoringHistory> {
    return this._get(route`monitoring-schedules/${schedule}/history`, { limit });
  }
}
