import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatTime } from '../core/format';
import { nameColumn, StatusBadge } from '../core/jobTable';
import { PROBLEM_LABELS } from './metrics';
import type { AutopilotModel } from './model';
import { secondaryLabel } from './steps';
import type { AutoMLJobSummary } from './types';

const problemLabel = (job: AutoMLJobSummary): string =>
  job.ProblemType ? PROBLEM_LABELS[job.ProblemType] : '—';

const COLUMNS: IColumn<AutoMLJobSummary>[] = [
  nameColumn(job => job.AutoMLJobName, 200),
  {
    id: 'status',
    label: 'Status',
    width: 110,
    cell: job => <StatusBadge status={job.AutoMLJobStatus} />,
    title: job => job.FailureReason ?? job.AutoMLJobStatus
  },
  {
    id: 'step',
    label: 'Step',
    width: 250,
    cell: job => secondaryLabel(job.AutoMLJobSecondaryStatus),
    title: job => secondaryLabel(job.AutoMLJobSecondaryStatus),
    testId: 'automl-row-step'
  },
  {
    id: 'problem',
    label: 'Problem type',
    width: 180,
    cell: problemLabel,
    title: problemLabel
  },
  {
    id: 'created',
    label: 'Created',
    width: 170,
    className: 'jp-smstudio-time',
    cell: job => formatTime(job.CreationTime)
  }
];

/** The AutoML jobs, newest first; a row (or its name) opens the job's page. */
export function JobList({ model }: { model: AutopilotModel }): JSX.Element {
  return (
    <DataTable
      table="automl-table"
      testId="automl-table"
      columns={COLUMNS}
      rows={model.jobs}
      rowKey={job => job.AutoMLJobName}
      rowAttributes={job => ({ 'data-job-name': job.AutoMLJobName })}
      selected={model.selectedName}
      onOpen={name => model.select(name)}
      loaded={model.loaded}
      empty={emptyText(
        'AutoML jobs',
        'Start one with “New AutoML job”, or with “Create AutoML job…” on a CSV file.',
        model.filtered
      )}
    />
  );
}
