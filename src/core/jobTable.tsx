/** Pieces of the job tables and job pages of the Jobs and Training rooms. */
import React from 'react';

import type { Job } from './generated/models';
import { JOB_STATUSES, JobStatus } from './jobStatus';

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
  /** `data-testid` of the select. */
  testId: string;
}

/** "Status: All / InProgress / …" above a job table. */
export function StatusFilter({ value, onChange, testId }: IStatusFilterProps): JSX.Element {
  return (
    <label className="jp-smstudio-inline-field">
      Status
      <select
        className="jp-mod-styled"
        data-testid={testId}
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

export interface IJobRowProps {
  name: string;
  selected: boolean;
  onOpen: (name: string) => void;
  children: React.ReactNode;
}

/** A table row that opens the job page (click, Enter or Space). */
export function JobRow({ name, selected, onOpen, children }: IJobRowProps): JSX.Element {
  return (
    <tr
      data-job-name={name}
      className={selected ? 'jp-mod-selected' : undefined}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onOpen(name)}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(name);
        }
      }}
    >
      {children}
    </tr>
  );
}

/** The row a job table shows while it has no jobs. */
export function EmptyRow(props: { columns: number; loaded: boolean; text: string }): JSX.Element {
  return (
    <tr className="jp-smstudio-empty-row">
      <td colSpan={props.columns}>{props.loaded ? props.text : 'Loading…'}</td>
    </tr>
  );
}

export interface IJobTableProps {
  /** `data-testid` of the table. */
  testId: string;
  /** Column headings. */
  columns: string[];
  jobs: ReadonlyArray<Job>;
  selected: string | null;
  loaded: boolean;
  /** What the table says when the list is empty. */
  emptyText: string;
  onOpen: (name: string) => void;
  /** The cells of one job's row. */
  cells: (job: Job) => JSX.Element;
}

/** What a room gives its job table. */
export type IJobListProps = Pick<IJobTableProps, 'jobs' | 'selected' | 'loaded' | 'onOpen'>;

/** One row per job, newest first; a row opens the job page (click or Enter). */
export function JobTable(props: IJobTableProps): JSX.Element {
  const { jobs, selected, onOpen } = props;
  return (
    <table className="jp-smstudio-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map(column => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {jobs.map(job => (
          <JobRow
            key={job.job_name}
            name={job.job_name}
            selected={job.job_name === selected}
            onOpen={onOpen}
          >
            {props.cells(job)}
          </JobRow>
        ))}
        {jobs.length === 0 && (
          <EmptyRow columns={props.columns.length} loaded={props.loaded} text={props.emptyText} />
        )}
      </tbody>
    </table>
  );
}

export interface IJobToolbarProps {
  /** The room's name, e.g. `Jobs`. */
  title: string;
  /** `data-testid` prefix of the room: `<room>-total`, `<room>-error`. */
  room: string;
  model: { loaded: boolean; total: number; error: string | null; refresh(): Promise<void> };
  /** The "New … job" button. */
  create: { label: string; testId: string; open: boolean; toggle: () => void };
  /** The room's filters. */
  children: React.ReactNode;
}

/** Title, job count, filters, Refresh and "New … job" above a job table, and the list's error. */
export function JobToolbar({
  title,
  room,
  model,
  create,
  children
}: IJobToolbarProps): JSX.Element {
  return (
    <>
      <div className="jp-smstudio-toolbar" role="toolbar" aria-label={title}>
        <h2>{title}</h2>
        <span className="jp-smstudio-muted" data-testid={`${room}-total`}>
          {model.loaded ? `${model.total} job${model.total === 1 ? '' : 's'}` : ''}
        </span>
        <span className="jp-smstudio-spacer" />
        {children}
        <button type="button" className="jp-mod-styled" onClick={() => void model.refresh()}>
          Refresh
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          data-testid={create.testId}
          aria-expanded={create.open}
          onClick={create.toggle}
        >
          {create.label}
        </button>
      </div>
      {model.error && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid={`${room}-error`}>
          Cannot load jobs: {model.error}
        </div>
      )}
    </>
  );
}

export interface IJobRoomLayoutProps extends Omit<IJobToolbarProps, 'children'> {
  /** A class of the room's layout, besides `jp-smstudio-jobs-layout`. */
  className?: string;
  /** The room's filters in the toolbar. */
  filters: React.ReactNode;
  /** What shows between the toolbar and the table (the open form, an error). */
  above?: React.ReactNode;
  /** The room's job table. */
  table: React.ReactNode;
  /** The open job's page, beside the table. */
  detail?: React.ReactNode;
}

/** A job room: the toolbar, the form, the table, and the open job's page beside them. */
export function JobRoomLayout(props: IJobRoomLayoutProps): JSX.Element {
  const { className, filters, above, table, detail, ...toolbar } = props;
  return (
    <div className={className ? `jp-smstudio-jobs-layout ${className}` : 'jp-smstudio-jobs-layout'}>
      <div className="jp-smstudio-jobs-main">
        <JobToolbar {...toolbar}>{filters}</JobToolbar>
        {above}
        <div className="jp-smstudio-table-wrapper">{table}</div>
      </div>
      {detail}
    </div>
  );
}
