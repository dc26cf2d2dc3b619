/** Test helpers for the rooms' models (not a spec: jest skips it). */
import type { Event } from '@jupyterlab/services';
import { Stream } from '@lumino/signaling';

import type { Job, LogChunk, MetricSeries, TrialComponent } from '../generated/models';

/** A stand-in for the user's live events (`IStudio.events.stream`). */
export function fakeEvents(): Stream<Event.IManager, Event.Emission> {
  return new Stream<Event.IManager, Event.Emission>({} as Event.IManager);
}

/** Wait `ms` milliseconds (0: let pending promises settle). */
export const tick = (ms = 0): Promise<unknown> => new Promise(resolve => setTimeout(resolve, ms));

/** A job record as the server lists it. */
export function makeJob(
  name: string,
  status: Job['status'],
  created: string,
  more: Partial<Job> = {}
): Job {
  return {
    job_name: name,
    job_kind: 'script',
    owner: 'me',
    status,
    creation_time: created,
    runner: 'local',
    log_url: '',
    output_url: '',
    config: {},
    ...more
  };
}

/** The job routes of a fake server: the list, Stop and log reads, over `jobs` and `chunks`. */
export class FakeJobServer {
  constructor(public jobs: Job[]) {}

  /** The usual start: a completed job `old` and a newer `new` one still in progress. */
  static oldAndNew(make: typeof makeJob = makeJob): FakeJobServer {
    return new FakeJobServer([
      make('old', 'Completed', '2026-01-01T00:00:00Z'),
      make('new', 'InProgress', '2026-01-02T00:00:00Z')
    ]);
  }

  /** Log chunks the next reads answer, in order; then an empty, incomplete chunk. */
  chunks: LogChunk[] = [];

  readonly listJobs = jest.fn(async () => ({ jobs: [...this.jobs], total: this.jobs.length }));

  readonly getLogs = jest.fn(async (name: string, offset = 0): Promise<LogChunk> => {
    const chunk = this.chunks.shift();
    return chunk ?? { job_name: name, offset, next_offset: offset, text: '', complete: false };
  });

  readonly stopJob = jest.fn(async (name: string) => {
    this.jobs = this.jobs.map(j =>
      j.job_name === name ? { ...j, status: 'Stopping' as const } : j
    );
    return this.jobs.find(j => j.job_name === name)!;
  });
}

/** A trial component as the server answers it. */
export function makeComponent(name: string, more: Partial<TrialComponent> = {}): TrialComponent {
  return {
    trial_component_name: name,
    display_name: name,
    owner: 'me',
    status: 'Completed',
    creation_time: '2026-01-01T00:00:00Z',
    last_modified_time: '2026-01-01T00:00:00Z',
    ...more
  };
}

/** A metric series with a value at each step from 0. */
export function makeSeries(component: string, metric: string, values: number[]): MetricSeries {
  return {
    trial_component_name: component,
    metric_name: metric,
    steps: values.map((_, i) => i),
    timestamps: values.map(() => ''),
    values,
    total_points: values.length
  };
}
