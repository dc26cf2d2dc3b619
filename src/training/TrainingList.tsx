import React from 'react';

import type { Job } from '../core/generated/models';
import { formatDuration, formatTime, StatusBadge } from '../jobs/JobList';
import type { JobKind } from './api';
import { JOB_STATUSES, JobStatus } from './model';

/** `ml.m5.large × 2` from a job's configuration. */
export function instanceLabel(job: Job): string {
  const type = (job.config?.instance_type as string | undefined) ?? 'local';
  const count = (job.config?.instance_count as number | undefined) ?? 1;
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
      <label className="jp-smstudio-inline-field">
        Status
        <select
          className="jp-mod-styled"
          data-testid="training-status-filter"
          value={status}
          onChange={e => onStatus(e.target.value as JobStatus | '')}
        >
          <option value="">All</option>
          {JOB_STATUSES.map(s => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
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

export interface ITrainingListProps {
  jobs: ReadonlyArray<Job>;
  selected: string | null;
  loaded: boolean;
  onOpen: (name: string) => void;
}

/** One row per job, newest first; a row opens the job page (click or Enter). */
export function TrainingList({ jobs, selected, loaded, onOpen }: ITrainingListProps): JSX.Element {
  const now = Date.now();
  return (
    <table className="jp-smstudio-table" data-testid="training-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
          <th scope="col">Instance</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map(job => (
          <tr
            key={job.job_name}
            data-job-name={job.job_name}
            className={job.job_name === selected ? 'jp-mod-selected' : undefined}
            aria-selected={job.job_name === selected}
            tabIndex={0}
            onClick={() => onOpen(job.job_name)}
            onKeyDown={e => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(job.job_name);
              }
            }}
          >
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
          </tr>
        ))}
        {jobs.length === 0 && (
          <tr className="jp-smstudio-empty-row">
            <td colSpan={5}>{loaded ? 'No jobs.' : 'Loading…'}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
