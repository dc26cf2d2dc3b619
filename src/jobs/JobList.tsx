import React from 'react';

import type { IColumn } from '../core/DataTable';
import { emptyText, formatDuration, formatTime } from '../core/format';
import type { Job } from '../core/generated/models';
import { IJobListProps, JobTable, nameColumn, StatusBadge } from '../core/jobTable';

/** The Jobs room's columns: name, kind, status, created, duration, runner. */
function columns(now: number): IColumn<Job>[] {
  return [
    nameColumn(job => job.job_name),
    { id: 'kind', label: 'Kind', width: 90, cell: job => job.job_kind },
    {
      id: 'status',
      label: 'Status',
      width: 110,
      testId: 'job-status',
      cell: job => <StatusBadge status={job.status} />
    },
    {
      id: 'created',
      label: 'Created',
      width: 170,
      className: 'jp-smstudio-time',
      cell: job => formatTime(job.creation_time)
    },
    {
      id: 'duration',
      label: 'Duration',
      width: 100,
      className: 'jp-smstudio-time',
      cell: job => formatDuration(job, now)
    },
    { id: 'runner', label: 'Runner', width: 90, cell: job => job.runner }
  ];
}

/** The Jobs room's table. */
export function JobList(props: IJobListProps): JSX.Element {
  return (
    <JobTable
      {...props}
      testId="jobs-table"
      columns={columns(Date.now())}
      emptyText={emptyText('jobs', 'Start one with “New script job”.', props.filtered)}
    />
  );
}
