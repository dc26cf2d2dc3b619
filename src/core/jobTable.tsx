/** Pieces of the job rooms (Jobs, Training, Tuning): toolbar, filters, job table, page header. */
import { closeIcon, HTMLSelect } from '@jupyterlab/ui-components';
import React from 'react';

import { DataTable, IColumn } from './DataTable';
import { emptyText } from './format';
import type { Job } from './generated/models';
import { JOB_STATUSES, JobStatus } from './jobStatus';
import { SplitView } from './SplitView';

export { formatDuration, formatTime } from './format';

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

export interface IChoiceFilterProps<V extends string> {
  /** The filter's label, e.g. `Status`. */
  label: string;
  value: V | '';
  /** The choices besides "All". */
  choices: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V | '') => void;
  /** `data-testid` of the select. */
  testId: string;
}

/** "<label>: All / …" above a table, in JupyterLab's select style. */
export function ChoiceFilter<V extends string>(props: IChoiceFilterProps<V>): JSX.Element {
  return (
    <label className="jp-smstudio-inline-field">
      {props.label}
      <HTMLSelect
        data-testid={props.testId}
        value={props.value}
        onChange={e => props.onChange(e.target.value as V | '')}
        options={[{ value: '', label: 'All' }, ...props.choices]}
      />
    </label>
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
    <ChoiceFilter
      label="Status"
      value={value}
      choices={JOB_STATUSES.map(s => ({ value: s, label: s }))}
      onChange={onChange}
      testId={testId}
    />
  );
}

/** "Search by name" above a table. */
export function NameSearch(props: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}): JSX.Element {
  return (
    <input
      type="search"
      className="jp-mod-styled jp-smstudio-name-search"
      placeholder="Search by name"
      aria-label="Search by name"
      data-testid={props.testId}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    />
  );
}

export interface IJobTableProps {
  /** Names the table (its column widths are kept under it) and is its `data-testid`. */
  testId: string;
  columns: ReadonlyArray<IColumn<Job>>;
  jobs: ReadonlyArray<Job>;
  selected: string | null;
  loaded: boolean;
  /** What the table says when the list is empty. */
  emptyText: string;
  onOpen: (name: string) => void;
}

/** What a room gives its job table. */
export type IJobListProps = Pick<IJobTableProps, 'jobs' | 'selected' | 'loaded' | 'onOpen'> & {
  /** Whether filters hide jobs (the empty table says so). */
  filtered?: boolean;
};

/** The job's name, the first column of every job table. */
export function nameColumn<T>(name: (row: T) => string, width = 260): IColumn<T> {
  return {
    id: 'name',
    label: 'Name',
    width,
    cell: row => <span className="jp-smstudio-job-name">{name(row)}</span>,
    title: name
  };
}

/** One row per job, newest first; a row opens the job page (click or Enter). */
export function JobTable(props: IJobTableProps): JSX.Element {
  return (
    <DataTable
      table={props.testId}
      testId={props.testId}
      columns={props.columns}
      rows={props.jobs}
      rowKey={job => job.job_name}
      rowAttributes={job => ({ 'data-job-name': job.job_name })}
      selected={props.selected}
      onOpen={props.onOpen}
      empty={props.emptyText}
      loaded={props.loaded}
    />
  );
}

export interface IJobToolbarProps {
  /** The room's name, e.g. `Jobs`. */
  title: string;
  /** `data-testid` prefix of the room: `<room>-total`, `<room>-error`. */
  room: string;
  model: { loaded: boolean; total: number; error: string | null; refresh(): Promise<void> };
  /** What the count counts, e.g. `job` (the plural adds an `s`). */
  noun?: string;
  /** The "New … job" button; absent where the room cannot start this kind. */
  create?: { label: string; testId: string; open: boolean; toggle: () => void } | null;
  /** The room's filters. */
  children: React.ReactNode;
}

/** Title, count, filters, Refresh and "New … job" above a job table, and the list's error. */
export function JobToolbar(props: IJobToolbarProps): JSX.Element {
  const { title, room, model, create, children } = props;
  const noun = props.noun ?? 'job';
  return (
    <>
      <div className="jp-smstudio-toolbar" role="toolbar" aria-label={title}>
        <h2>{title}</h2>
        <span className="jp-smstudio-muted" data-testid={`${room}-total`}>
          {model.loaded ? `${model.total} ${noun}${model.total === 1 ? '' : 's'}` : ''}
        </span>
        <span className="jp-smstudio-spacer" />
        {children}
        <button type="button" className="jp-mod-styled" onClick={() => void model.refresh()}>
          Refresh
        </button>
        {create && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            data-testid={create.testId}
            aria-expanded={create.open}
            onClick={create.toggle}
          >
            {create.label}
          </button>
        )}
      </div>
      {model.error && (
        <div className="jp-smstudio-error-banner" role="alert" data-testid={`${room}-error`}>
          Cannot load the list: {model.error}
        </div>
      )}
    </>
  );
}

export interface IJobRoomLayoutProps extends Omit<IJobToolbarProps, 'children'> {
  /** A class of the room's layout, besides `jp-smstudio-room-layout`. */
  className?: string;
  /** The room's filters in the toolbar. */
  filters: React.ReactNode;
  /** What shows between the toolbar and the list (an error). */
  above?: React.ReactNode;
  /** The room's job table. */
  table: React.ReactNode;
  /** The open job's page or the open form, beside the table (a splitter between them). */
  side?: React.ReactNode;
}

/** A job room: the toolbar, then the table and, beside it, the open page or form. */
export function JobRoomLayout(props: IJobRoomLayoutProps): JSX.Element {
  const { className, filters, above, table, side, ...toolbar } = props;
  return (
    <div className={`jp-smstudio-room-layout${className ? ` ${className}` : ''}`}>
      <JobToolbar {...toolbar}>{filters}</JobToolbar>
      {above}
      <SplitView
        id={toolbar.room}
        label={`Resize the ${toolbar.title.toLowerCase()} list and the page beside it`}
        initial={0.45}
        start={<div className="jp-smstudio-table-wrapper">{table}</div>}
        end={side || null}
      />
    </div>
  );
}

export interface IPageHeaderProps {
  /** The record's name, shown in full (it wraps rather than being cut). */
  title: string;
  /** `aria-label` of the close button, e.g. `Close job page`. */
  closeLabel: string;
  onClose: () => void;
  /** The status and what it says beside it. */
  status?: React.ReactNode;
  /** The page's buttons. */
  actions?: React.ReactNode;
}

/** A job page's header: the name (with Close) on one line, status and actions on the next. */
export function PageHeader(props: IPageHeaderProps): JSX.Element {
  return (
    <header className="jp-smstudio-detail-header">
      <div className="jp-smstudio-detail-title">
        <h3 title={props.title}>{props.title}</h3>
        <button
          type="button"
          className="jp-smstudio-icon-button"
          aria-label={props.closeLabel}
          title={props.closeLabel}
          onClick={props.onClose}
        >
          <closeIcon.react tag="span" />
        </button>
      </div>
      <div className="jp-smstudio-detail-actions">
        {props.status}
        <span className="jp-smstudio-spacer" />
        {props.actions}
      </div>
    </header>
  );
}

export { emptyText };
