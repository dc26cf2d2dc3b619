import React from 'react';

import { formatDuration, formatTime, IJobListProps, JobTable, StatusBadge } from '../core/jobTable';

/** The Jobs room's table: name, kind, status, created, duration, runner. */
export function JobList(props: IJobListProps): JSX.Element {
  const now = Date.now();
  return (
    <JobTable
      {...props}
      testId="jobs-table"
      columns={['Name', 'Kind', 'Status', 'Created', 'Duration', 'Runner']}
      emptyText="No jobs yet."
      cells={job => (
        <>
          <td className="jp-smstudio-job-name">{job.job_name}</td>
          <td>{job.job_kind}</td>
          <td data-testid="job-status">
            <StatusBadge status={job.status} />
          </td>
          <td>{formatTime(job.creation_time)}</td>
          <td>{formatDuration(job, now)}</td>
          <td>{job.runner}</td>
        </>
      )}
    />
  );
}
