import React from 'react';

import type { Job } from '../core/generated/models';
import type { JobStatus } from '../core/jobStatus';
import {
  formatDuration,
  formatTime,
  IJobListProps,
  JobTable,
  StatusBadge,
  StatusFilter
} from '../core/jobTable';
import { jobConfig, JobKind } from './api';

/** `ml.m5.large × 2` from a job's configuration. */
export function instanceLabel(job: Job): string {
  const config = jobConfig(job);
  const type = config.instance_type ?? 'local';
  const count = config.instance_count ?? 1;
  return count > 1 ? `${type} × ${count}` : type;
}

export interface ITrainingToolbarProps {
  kind: JobKind;
  status: JobStatus | '';
  name: string;
  onKind: (kind: JobKind) => void;
  onStatus: (status: JobStatus | '') => void;
  onName: (name: string) => void;
}

/** Kind toggle (training / processing), status filter and name search. */
export function TrainingFilters(props: ITrainingToolbarProps): JSX.Element {
  const { kind, status, name, onKind, onStatus, onName } = props;
  return (
    <>
      <div className="jp-smstudio-training-kind" role="group" aria-label="Job kind">
        {(['training', 'processing'] as JobKind[]).map(k => (
          <button
            key={k}
            type="button"
            className={`jp-mod-styled${k === kind ? ' jp-mod-active' : ''}`}
            aria-pressed={k === kind}
            data-testid={`training-kind-${k}`}
            onClick={() => onKind(k)}
          >
            {k === 'training' ? 'Training' : 'Processing'}
          </button>
        ))}
      </div>
      <StatusFilter value={status} onChange={onStatus} testId="training-status-filter" />
      <input
        type="search"
        className="jp-mod-styled jp-smstudio-training-search"
        placeholder="Search by name"
        aria-label="Search jobs by name"
        data-testid="training-search"
        value={name}
        onChange={e => onName(e.target.value)}
      />
    </>
  );
}

/** The Training room's table: name, status, duration, instance, created. */
export function TrainingList(props: IJobListProps): JSX.Element {
  const now = Date.now();
  return (
    <JobTable
      {...props}
      testId="training-table"
      columns={['Name', 'Status', 'Duration', 'Instance', 'Created']}
      emptyText="No jobs."
      cells={job => (
        <>
          <td className="jp-smstudio-job-name">{job.job_name}</td>
          <td data-testid="training-row-status">
            <StatusBadge status={job.status} />
            {job.secondary_status && job.status === 'InProgress' && (
              <span className="jp-smstudio-muted"> {job.secondary_status}</span>
            )}
          </td>
          <td>{formatDuration(job, now)}</td>
          <td>{instanceLabel(job)}</td>
          <td>{formatTime(job.creation_time)}</td>
        </>
      )}
    />
  );
}
