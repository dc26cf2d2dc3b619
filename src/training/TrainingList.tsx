import React from 'react';

import type { IColumn } from '../core/DataTable';
import { emptyText, formatDuration, formatTime } from '../core/format';
import type { Job } from '../core/generated/models';
import type { JobStatus } from '../core/jobStatus';
import {
  IJobListProps,
  JobTable,
  nameColumn,
  NameSearch,
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

/** Kind toggle (training / processing), name search and status filter. */
export function TrainingFilters(props: ITrainingToolbarProps): JSX.Element {
  const { kind, status, name, onKind, onStatus, onName } = props;
  return (
    <>
      <div className="jp-smstudio-segmented" role="group" aria-label="Job kind">
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
      <NameSearch value={name} onChange={onName} testId="training-search" />
      <StatusFilter value={status} onChange={onStatus} testId="training-status-filter" />
    </>
  );
}

function columns(now: number): IColumn<Job>[] {
  return [
    nameColumn(job => job.job_name),
    {
      id: 'status',
      label: 'Status',
      width: 170,
      testId: 'training-row-status',
      cell: job => (
        <>
          <StatusBadge status={job.status} />
          {job.secondary_status && job.status === 'InProgress' && (
            <span className="jp-smstudio-muted"> {job.secondary_status}</span>
          )}
        </>
      ),
      title: job => job.secondary_status ?? job.status
    },
    {
      id: 'duration',
      label: 'Duration',
      width: 100,
      className: 'jp-smstudio-time',
      cell: job => formatDuration(job, now)
    },
    { id: 'instance', label: 'Instance', width: 120, cell: instanceLabel, title: instanceLabel },
    {
      id: 'created',
      label: 'Created',
      width: 170,
      className: 'jp-smstudio-time',
      cell: job => formatTime(job.creation_time)
    }
  ];
}

/** The Training room's table: name, status, duration, instance, created. */
export function TrainingList(props: IJobListProps & { kind: JobKind }): JSX.Element {
  const how =
    props.kind === 'training'
      ? 'Start one with “New training job”.'
      : 'Start one from a notebook with SKLearnProcessor(...).run().';
  return (
    <JobTable
      {...props}
      testId="training-table"
      columns={columns(Date.now())}
      emptyText={emptyText(`${props.kind} jobs`, how, props.filtered)}
    />
  );
}
