import type { TuningJob, TuningTrial } from '../../core/generated/models';
import type { TuningApi } from '../api';
import { TuningModel } from '../model';
import { bestTrial, formatValue, objectiveCurve, parameterNames, progress } from '../progress';

function trial(
  number: number,
  value: number | null,
  status: TuningTrial['status'] = 'Completed'
): TuningTrial {
  return {
    number,
    training_job_name: `t-${number + 1}`,
    status,
    tuned_hyperparameters: { lr: 0.01 * (number + 1), depth: number + 2 },
    objective_value: value,
    objective_status: value === null ? 'Failed' : 'Succeeded',
    early_stopped: false,
    failure_reason: null,
    creation_time: '2026-11-27T08:00:00Z',
    end_time: null
  };
}

function job(patch: Partial<TuningJob> = {}): TuningJob {
  return {
    tuning_job_name: 'tune',
    owner: 'me',
    status: 'InProgress',
    failure_reason: null,
    strategy: 'Bayesian',
    objective: { type: 'Maximize', metric_name: 'acc' },
    parameter_ranges: {
      continuous_parameter_ranges: [
        { name: 'lr', min_value: 0.001, max_value: 0.1, scaling_type: 'Auto' }
      ],
      integer_parameter_ranges: [
        { name: 'depth', min_value: 2, max_value: 6, scaling_type: 'Auto' }
      ],
      categorical_parameter_ranges: []
    },
    max_jobs: 5,
    max_parallel_jobs: 2,
    early_stopping_type: 'Off',
    creation_time: '2026-11-27T08:00:00Z',
    last_modified_time: '2026-11-27T08:00:00Z',
    end_time: null,
    status_counters: { Completed: 2, InProgress: 2, Failed: 1, Stopped: 0 },
    objective_counters: { Succeeded: 2, Pending: 2, Failed: 1 },
    best_training_job: null,
    training_job: { entry_point: 'train.py' },
    tags: {},
    ...patch
  };
}

describe('tuning progress helpers', () => {
  it('counts ended training jobs against max_jobs', () => {
    expect(progress(job())).toEqual({ done: 3, total: 5 });
  });

  it('draws the best so far in trial order, skipping trials without an objective', () => {
    const trials = [trial(2, 0.7), trial(0, 0.8), trial(1, null, 'Failed'), trial(3, 0.9)];
    expect(objectiveCurve(trials, true)).toEqual({
      x: [1, 3, 4],
      y: [0.8, 0.7, 0.9],
      best: [0.8, 0.8, 0.9]
    });
    expect(objectiveCurve(trials, false).best).toEqual([0.8, 0.7, 0.7]);
  });

  it('lists tuned parameters in range order and formats values', () => {
    expect(parameterNames(job())).toEqual(['lr', 'depth']);
    expect(formatValue(0.0123456)).toBe('0.01235');
    expect(formatValue(4)).toBe('4');
    expect(formatValue(null)).toBe('');
    expect(formatValue('adam')).toBe('adam');
  });
});

describe('bestTrial', () => {
  it("is the tuning job's own best when it has one", () => {
    const own = trial(0, 0.5);
    expect(bestTrial(job({ best_training_job: own }), [trial(1, 0.9)])).toEqual({
      trial: own,
      final: true
    });
  });

  it('is the best so far among the training jobs of a stopped tuning job', () => {
    const trials = [trial(0, 0.4), trial(1, null, 'Failed'), trial(2, 0.7), trial(3, 0.6)];
    expect(bestTrial(job({ status: 'Stopped' }), trials)).toEqual({
      trial: trials[2],
      final: false
    });
    const minimize = job({ objective: { type: 'Minimize', metric_name: 'loss' } });
    expect(bestTrial(minimize, trials)?.trial).toBe(trials[0]);
    expect(bestTrial(job(), [trial(0, null, 'Failed')])).toBe(null);
  });
});

describe('TuningModel', () => {
  it('reads the list, then the selected job with its training jobs; stop asks the server', async () => {
    const calls: string[] = [];
    const api = {
      listTuningJobs: async () => {
        calls.push('list');
        return { tuning_jobs: [job()], total: 1 };
      },
      describeTuningJob: async (name: string) => {
        calls.push(`describe ${name}`);
        return job({ status: 'Stopping' });
      },
      tuningTrainingJobs: async (name: string) => {
        calls.push(`trials ${name}`);
        return { training_jobs: [trial(0, 0.8)], total: 1 };
      },
      stopTuningJob: async (name: string) => {
        calls.push(`stop ${name}`);
        return job({ status: 'Stopping' });
      }
    } as unknown as TuningApi;
    const model = new TuningModel({ api, pollInterval: 60000 });
    let changes = 0;
    model.changed.connect(() => changes++);
    await model.refresh();
    expect(model.loaded).toBe(true);
    expect(model.jobs.map(j => j.tuning_job_name)).toEqual(['tune']);
    model.select('tune');
    await model.refresh();
    expect(model.selected?.status).toBe('Stopping');
    expect(model.trials).toHaveLength(1);
    await model.stop('tune');
    expect(calls).toContain('stop tune');
    expect(changes).toBeGreaterThan(2);
    model.dispose();
    expect(model.isDisposed).toBe(true);
  });

  it('shows a failed read as an error, not an exception', async () => {
    const api = {
      listTuningJobs: async () => {
        throw new Error('server away');
      }
    } as unknown as TuningApi;
    const model = new TuningModel({ api });
    await model.refresh();
    expect(model.error).toBe('server away');
    model.dispose();
  });
});
