import type { StudioApi } from '../../core/api';
import {
  fakeEvents,
  FakeJobServer,
  makeJob as job,
  tick
} from '../../core/__tests__/fakeJobServer';
import type { Job } from '../../core/generated/models';
import { JOB_STATUS_EVENT_SCHEMA } from '../../tokens';
import { JobsModel } from '../model';

describe('JobsModel', () => {
  let server: FakeJobServer;
  let api: jest.Mocked<Pick<StudioApi, 'listJobs' | 'getJob' | 'getLogs' | 'stopJob'>>;
  let model: JobsModel;
  const events = fakeEvents();

  beforeEach(() => {
    server = FakeJobServer.oldAndNew(job);
    api = {
      listJobs: server.listJobs,
      getJob: jest.fn(async (name: string) => server.jobs.find(j => j.job_name === name)!),
      getLogs: server.getLogs,
      stopJob: server.stopJob
    };
    model = new JobsModel({
      api: api as unknown as StudioApi,
      events,
      pollInterval: 60000,
      logInterval: 5
    });
  });

  afterEach(() => model.dispose());

  it('lists jobs newest first', async () => {
    await model.refresh();
    expect(model.jobs.map(j => j.job_name)).toEqual(['new', 'old']);
    expect(model.total).toBe(2);
    expect(model.error).toBeNull();
  });

  it('filters by kind and name on the server, and says when filters hide jobs', async () => {
    await model.refresh();
    expect(model.filtered).toBe(false);
    model.setKindFilter('training');
    await tick(0);
    expect(api.listJobs).toHaveBeenLastCalledWith(
      expect.objectContaining({ kind: 'training', name_contains: undefined })
    );
    model.setNameFilter(' ne ');
    await tick(250);
    expect(api.listJobs).toHaveBeenLastCalledWith(
      expect.objectContaining({ kind: 'training', name_contains: 'ne' })
    );
    expect(model.filtered).toBe(true);
  });

  it('keeps API errors as a banner message instead of throwing', async () => {
    api.listJobs.mockRejectedValueOnce(new Error('boom'));
    await expect(model.refresh()).resolves.toBeUndefined();
    expect(model.error).toBe('boom');
  });

  it('refreshes on job-status events only', async () => {
    await model.refresh();
    api.listJobs.mockClear();
    events.emit({ schema_id: 'https://example.org/other', job_name: 'new' });
    events.emit({
      schema_id: JOB_STATUS_EVENT_SCHEMA,
      job_name: 'new',
      job_kind: 'script',
      owner: 'me',
      status: 'Completed'
    });
    expect(model.jobs.find(j => j.job_name === 'new')!.status).toBe('Completed');
    await tick(300);
    expect(api.listJobs).toHaveBeenCalledTimes(1);
  });

  it('tails the log by offset until complete', async () => {
    await model.refresh();
    server.chunks = [
      { job_name: 'new', offset: 0, next_offset: 4, text: 'one\n', complete: false },
      { job_name: 'new', offset: 4, next_offset: 4, text: '', complete: false },
      { job_name: 'new', offset: 4, next_offset: 8, text: 'two\n', complete: true }
    ];
    model.select('new');
    for (let i = 0; i < 50 && !model.logComplete; i++) {
      await tick(10);
    }
    expect(model.log).toBe('one\ntwo\n');
    expect(model.logComplete).toBe(true);
    expect(api.getLogs.mock.calls.map(c => c[1])).toEqual([0, 4, 4]);
    const calls = api.getLogs.mock.calls.length;
    await tick(50);
    expect(api.getLogs.mock.calls.length).toBe(calls);
  });

  it('stops the selected job', async () => {
    await model.refresh();
    model.select('new');
    // The page asked for the job before Stop; that older answer must not win.
    let answer: (job: Job) => void = () => undefined;
    api.getJob.mockImplementationOnce(() => new Promise<Job>(resolve => (answer = resolve)));
    model.select(null);
    model.select('new');
    await model.stop();
    answer(job('new', 'InProgress', '2026-01-02T00:00:00Z'));
    await tick(10);
    expect(api.stopJob).toHaveBeenCalledWith('new');
    expect(model.selectedJob?.status).toBe('Stopping');
  });
});
