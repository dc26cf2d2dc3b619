import React from 'react';

import type { Job } from '../core/generated/models';
import { JOB_STATUSES, JobStatus } from './model';

/** Local date-time of an ISO timestamp, or an em dash. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Run time from start (or creation) to end (or now), e.g. `1h 02m 03s`. */
export function formatDuration(job: Job, now: number = Date.now()): string {
  const start = Date.parse(job.start_time ?? job.creation_time);
  const end = job.end_time ? Date.parse(job.end_time) : now;
  if (isNaN(start) || isNaN(end)) {
    return '—';
  }
  let seconds = Math.max(0, Math.round((end - start) / 1000));
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) {
    return `${h}h ${pad(m)}m ${pad(s)}s`;
  }
  return m ? `${m}m ${pad(s)}s` : `${s}s`;
}

export function StatusBadge(props: { status: JobStatus; testId?: string }): JSX.Element {
  return (
    <span
      className={`jp-smstudio-status jp-smstudio-status-${props.status}`}
      data-testid={props.testId}
    >
      {props.status}
    </span>
  );
}

export interface IStatusFilterProps {
  value: JobStatus | '';
  onChange: (value: JobStatus | '') => void;
}

export function StatusFilter({ value, onChange }: IStatusFilterProps): JSX.Element {
  return (
    <label className="jp-smstudio-inline-field">
      Status
      <select
        className="jp-mod-styled"
        data-testid="status-filter"
        value={value}
        onChange={e => onChange(e.target.value as JobStatus | '')}
      >
        <option value="">All</option>
        {JOB_STATUSES.map(s => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface IJobListProps {
  jobs: ReadonlyArray<Job>;
  selected: string | null;
  loaded: boolean;
  onOpen: (name: string) => void;
}

/** One row per job, newest first; a row opens the job page (click or Enter). */
export function JobList({ jobs, selected, loaded, onOpen }: IJobListProps): JSX.Element {
  const now = Date.now();
  return (
    <table className="jp-smstudio-table" data-testid="jobs-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Duration</th>
          <th scope="col">Runner</th>
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
            <td>{job.job_kind}</td>
            <td data-testid="job-status">
              <StatusBadge status={job.status} />
            </td>
            <td>{formatTime(job.creation_time)}</td>
            <td>{formatDuration(job, now)}</td>
            <td>{job.runner}</td>
          </tr>
        ))}
        {jobs.length === 0 && (
          <tr className="jp-smstudio-empty-row">
            <td colSpan={6}>{loaded ? 'No jobs yet.' : 'Loading…'}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
