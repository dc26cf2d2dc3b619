import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import type { TuningJob } from '../core/generated/models';
import type { JobStatus } from '../core/jobStatus';
import { nameColumn, StatusBadge } from '../core/jobTable';
import type { TuningModel } from './model';
import { formatValue, progress } from './progress';

/** `max loss`: the objective's direction and metric. */
export function objectiveLabel(job: TuningJob): string {
  return `${job.objective.type === 'Maximize' ? 'max' : 'min'} ${job.objective.metric_name}`;
}

const COLUMNS: IColumn<TuningJob>[] = [
  nameColumn(job => job.tuning_job_name),
  {
    id: 'status',
    label: 'Status',
    width: 110,
    cell: job => <StatusBadge status={job.status as JobStatus} />
  },
  { id: 'strategy', label: 'Strategy', width: 100, cell: job => job.strategy },
  {
    id: 'objective',
    label: 'Objective',
    width: 160,
    cell: objectiveLabel,
    title: objectiveLabel
  },
  {
    id: 'progress',
    label: 'Training jobs',
    width: 140,
    cell: job => {
      const { done, total } = progress(job);
      return (
        <>
          <progress max={total} value={done} aria-label={`${done} of ${total} training jobs`} />{' '}
          {done}/{total}
        </>
      );
    }
  },
  {
    id: 'best',
    label: 'Best',
    width: 90,
    cell: job => formatValue(job.best_training_job?.objective_value ?? '')
  },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: job => formatTime(job.creation_time)
  }
];

/** The tuning jobs: progress, best objective; a row opens the tuning job's page. */
export function TuningList({ model }: { model: TuningModel }): JSX.Element {
  return (
    <DataTable
      table="tuning-table"
      testId="tuning-table"
      columns={COLUMNS}
      rows={model.jobs}
      rowKey={job => job.tuning_job_name}
      rowAttributes={job => ({ 'data-job-name': job.tuning_job_name })}
      selected={model.selectedName}
      onOpen={name => model.select(name)}
      loaded={model.loaded}
      empty={emptyText(
        'tuning jobs',
        'Start one with “New tuning job”, or with Tune… on a training job’s page.',
        model.filtered
      )}
    />
  );
}
