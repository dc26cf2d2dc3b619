import {
  fakeEvents,
  FakeJobServer,
  makeComponent,
  makeJob,
  makeSeries,
  tick
} from '../../core/__tests__/fakeJobServer';
import type { DescribeTrainingJob, Job } from '../../core/generated/models';
import { JOB_STATUS_EVENT_SCHEMA, TRIAL_COMPONENT_EVENT_SCHEMA } from '../../tokens';
import type { TrainingApi } from '../api';
import { TrainingModel } from '../model';
import { describedTraining } from './described';

function job(name: string, status: Job['status'], created: string): Job {
  return makeJob(name, status, created, {
    job_kind: 'training',
    config: { instance_type: 'local', instance_count: 1 }
  });
}

function describe_(name: string, status: Job['status']): DescribeTrainingJob {
  return describedTraining(name, status, { SecondaryStatus: 'Training' });
}

describe('TrainingModel', () => {
  let server: FakeJobServer;
  let api: Record<
    | 'listJobs'
    | 'describe'
    | 'getLogs'
    | 'stopJob'
    | 'getComponent'
    | 'metricSeries'
    | 'createTrainingJob',
    jest.Mock
  >;
  let model: TrainingModel;
  const events = fakeEvents();

  beforeEach(() => {
    server = FakeJobServer.oldAndNew(job);
    api = {
      listJobs: server.listJobs,
      describe: jest.fn(async (name: string) =>
        describe_(name, server.jobs.find(j => j.job_name === name)?.status ?? 'InProgress')
      ),
      getLogs: server.getLogs,
      stopJob: server.stopJob,
      getComponent: jest.fn(async (name: string) =>
        makeComponent(name, { status: 'InProgress', metrics: [{ metric_name: 'loss', count: 2 }] })
      ),
      metricSeries: jest.fn(async (component: string, metric: string) =>
        makeSeries(component, metric, [0.5, 0.25])
      ),
      createTrainingJob: jest.fn(async () => {
        server.jobs = [...server.jobs, job('made', 'InProgress', '2026-01-03T00:00:00Z')];
        return { ...describe_('made', 'InProgress'), CreationTime: '2026-01-03T00:00:00Z' };
      })
    };
    model = new TrainingModel({
      api: api as unknown as TrainingApi,
      events,
      pollInterval: 60000,
      logInterval: 5,
      metricInterval: 20
    });
  });

  afterEach(() => model.dispose());

  it('lists training jobs newest first, with kind, status and name filters', async () => {
    await model.refresh();
    expect(model.jobs.map(j => j.job_name)).toEqual(['new', 'old']);
    expect(api.listJobs).toHaveBeenLastCalledWith({
      kind: 'training',
      status: undefined,
      name_contains: undefined,
      limit: 100
    });
    model.setKind('processing');
    model.setStatusFilter('Failed');
    await tick(0);
    expect(api.listJobs).toHaveBeenLastCalledWith({
      kind: 'processing',
      status: 'Failed',
      name_contains: undefined,
      limit: 100
    });
    model.setNameFilter(' ne ');
    await tick(250);
    expect(api.listJobs).toHaveBeenLastCalledWith({
      kind: 'processing',
      status: 'Failed',
      name_contains: 'ne',
      limit: 100
    });
  });

  it('keeps API errors as a banner message', async () => {
    api.listJobs.mockRejectedValueOnce(new Error('boom'));
    await expect(model.refresh()).resolves.toBeUndefined();
    expect(model.error).toBe('boom');
  });

  it('reads the description, metrics and log of the selected job while it runs', async () => {
    await model.refresh();
    server.chunks = [
      { job_name: 'new', offset: 0, next_offset: 4, text: 'one\n', complete: false },
      { job_name: 'new', offset: 4, next_offset: 8, text: 'two\n', complete: false }
    ];
    model.select('new');
    for (let i = 0; i < 50 && !model.series.get('loss'); i++) {
      await tick(5);
    }
    expect(api.describe).toHaveBeenCalledWith('new', 'training');
    expect(api.getComponent).toHaveBeenCalledWith('new-aws-training-job');
    expect(model.metrics.map(m => m.metric_name)).toEqual(['loss']);
    expect(model.series.get('loss')?.values).toEqual([0.5, 0.25]);
    await tick(30);
    expect(model.log).toBe('one\ntwo\n');
    // still active: the description is read again
    await tick(40);
    expect(api.describe.mock.calls.length).toBeGreaterThan(1);
    // a finished job is not polled any more
    server.jobs = server.jobs.map(j => ({ ...j, status: 'Completed' as const }));
    events.emit({
      schema_id: JOB_STATUS_EVENT_SCHEMA,
      job_name: 'new',
      job_kind: 'training',
      owner: 'me',
      status: 'Completed'
    });
    await tick(50);
    expect(model.selectedStatus).toBe('Completed');
    const calls = api.describe.mock.calls.length;
    await tick(60);
    expect(api.describe.mock.calls.length).toBe(calls);
  });

  it('refreshes metrics on trial-component events of the selected job', async () => {
    server.jobs = [job('done', 'Completed', '2026-01-01T00:00:00Z')];
    await model.refresh();
    model.select('done');
    await tick(20);
    api.getComponent.mockClear();
    events.emit({
      schema_id: TRIAL_COMPONENT_EVENT_SCHEMA,
      trial_component_name: 'other-aws-training-job',
      owner: 'me',
      change: 'metrics'
    });
    await tick(10);
    expect(api.getComponent).not.toHaveBeenCalled();
    events.emit({
      schema_id: TRIAL_COMPONENT_EVENT_SCHEMA,
      trial_component_name: 'done-aws-training-job',
      owner: 'me',
      change: 'metrics'
    });
    await tick(10);
    expect(api.getComponent).toHaveBeenCalledWith('done-aws-training-job');
  });

  it('submits a training job and shows it at once', async () => {
    await model.refresh();
    model.setKind('processing');
    await tick(0);
    const d = await model.submitTraining({ entry_point: 'train.py', instance_type: 'local' });
    expect(d.TrainingJobName).toBe('made');
    // the list switches back to training jobs and shows the new one first
    expect(model.kind).toBe('training');
    expect(model.jobs[0].job_name).toBe('made');
    await tick(10);
    expect(model.jobs.map(j => j.job_name)).toEqual(['made', 'new', 'old']);
  });

  it('stops the selected job', async () => {
    await model.refresh();
    model.select('new');
    await model.stop();
    expect(api.stopJob).toHaveBeenCalledWith('new');
    expect(model.selectedStatus).toBe('Stopping');
  });
});
