import { Signal } from '@lumino/signaling';

import { JOB_STATUS_EVENT_SCHEMA, StudioEvent } from '../../tokens';
import type { MonitorApi } from '../api';
import { MonitorModel } from '../model';
import type { ExecutionReport, MonitoringExecutionSummary, MonitoringSchedule } from '../types';

function execution(
  job: string,
  status: MonitoringExecutionSummary['MonitoringExecutionStatus']
): MonitoringExecutionSummary {
  return {
    MonitoringScheduleName: 'watch',
    ScheduledTime: '2026-12-01T10:00:00Z',
    CreationTime: '2026-12-01T10:00:00Z',
    LastModifiedTime: '2026-12-01T10:00:00Z',
    MonitoringExecutionStatus: status,
    ProcessingJobName: job
  };
}

const SCHEDULE = {
  MonitoringScheduleArn: 'arn',
  MonitoringScheduleName: 'watch',
  MonitoringScheduleStatus: 'Scheduled',
  CreationTime: '2026-12-01T10:00:00Z',
  LastModifiedTime: '2026-12-01T10:00:00Z',
  MonitoringScheduleConfig: {},
  EndpointName: 'ep',
  Owner: 'alice'
} as MonitoringSchedule;

/** A server whose schedule `watch` has the executions in `state.executions`, newest first. */
function fakeApi(state: { executions: MonitoringExecutionSummary[] }) {
  const api = {
    listMonitoringSchedules: jest.fn(async () => ({
      MonitoringScheduleSummaries: [SCHEDULE],
      Total: 1
    })),
    describeMonitoringSchedule: jest.fn(async () => SCHEDULE),
    listMonitoringExecutions: jest.fn(async () => ({
      MonitoringExecutionSummaries: state.executions,
      Total: state.executions.length
    })),
    describeHistory: jest.fn(async () => ({
      MonitoringScheduleName: 'watch',
      MonitoringType: 'DataQuality',
      Points: []
    })),
    describeExecutionReport: jest.fn(async (job: string): Promise<ExecutionReport> => ({
      Execution: state.executions.find(e => e.ProcessingJobName === job)!,
      MonitoringType: 'DataQuality',
      Violations: [],
      Features: [
        { Name: 'a', InferredType: 'Fractional', Histogram: [], BaselineHistogram: [] },
        { Name: 'b', InferredType: 'Fractional', Histogram: [], BaselineHistogram: [] }
      ]
    })),
    runMonitoringSchedule: jest.fn(async () => {
      state.executions = [execution('job-2', 'InProgress'), ...state.executions];
      return SCHEDULE;
    })
  };
  return api;
}

describe('the Schedules tab', () => {
  it('opens the newest execution, runs the schedule now and follows the new one', async () => {
    const state = { executions: [execution('job-1', 'CompletedWithViolations')] };
    const api = fakeApi(state);
    const model = new MonitorModel({ api: api as unknown as MonitorApi });
    model.openSchedule('watch');
    await model.refresh();
    const { schedules } = model;
    expect(model.view).toBe('schedules');
    expect(schedules.schedule?.EndpointName).toBe('ep');
    expect(schedules.selectedExecution).toBe('job-1');
    expect(schedules.report?.Features.map(f => f.Name)).toEqual(['a', 'b']);
    expect(schedules.feature).toBe('a');
    schedules.selectFeature('b');
    expect(schedules.feature).toBe('b');

    await schedules.act('run');
    expect(api.runMonitoringSchedule).toHaveBeenCalledWith('watch');
    expect(schedules.executions.map(e => e.ProcessingJobName)).toEqual(['job-2', 'job-1']);
    expect(schedules.running).toBe(true);
    // the open report stays the one the user looks at until another is picked
    expect(schedules.selectedExecution).toBe('job-1');
    await schedules.selectExecution('job-2');
    expect(schedules.report?.Execution.ProcessingJobName).toBe('job-2');
    model.dispose();
  });

  it('says why an action was refused', async () => {
    const state = { executions: [] as MonitoringExecutionSummary[] };
    const api = {
      ...fakeApi(state),
      stopMonitoringSchedule: jest.fn(async () => {
        throw new Error("Monitoring schedule 'watch' is already Stopped");
      })
    };
    const model = new MonitorModel({ api: api as unknown as MonitorApi });
    model.openSchedule('watch');
    await model.refresh();
    await model.schedules.act('stop');
    expect(model.schedules.actionError).toBe("Monitoring schedule 'watch' is already Stopped");
    expect(model.schedules.busy).toBeNull();
    model.dispose();
  });

  it('closes the page of a schedule it deletes', async () => {
    const state = { executions: [] as MonitoringExecutionSummary[] };
    const api = { ...fakeApi(state), deleteMonitoringSchedule: jest.fn(async () => ({})) };
    const model = new MonitorModel({ api: api as unknown as MonitorApi });
    model.openSchedule('watch');
    await model.refresh();
    await model.schedules.act('delete');
    expect(api.deleteMonitoringSchedule).toHaveBeenCalledWith('watch');
    expect(model.schedules.selectedName).toBeNull();
    expect(model.schedules.actionError).toBeNull();
    model.dispose();
  });

  it('reads the tab again when a monitoring job changes status', async () => {
    const state = { executions: [execution('job-1', 'InProgress')] };
    const api = fakeApi(state);
    const events = new Signal<unknown, StudioEvent>({});
    const model = new MonitorModel({ api: api as unknown as MonitorApi, events });
    model.openSchedule('watch');
    await model.refresh();
    const before = api.listMonitoringExecutions.mock.calls.length;
    const emit = (kind: string) =>
      events.emit({
        schema_id: JOB_STATUS_EVENT_SCHEMA,
        version: '1',
        job_name: 'job-1',
        job_kind: kind,
        owner: 'alice',
        status: 'Completed'
      } as unknown as StudioEvent);
    emit('training');
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(api.listMonitoringExecutions.mock.calls.length).toBe(before);
    emit('monitoring');
    emit('monitoring');
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(api.listMonitoringExecutions.mock.calls.length).toBe(before + 1);
    model.dispose();
  });
});
