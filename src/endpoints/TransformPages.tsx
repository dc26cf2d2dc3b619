/** The Endpoints room's batch transform tab: the jobs with their progress, and a job's page. */
import React from 'react';

import { DataTable, IColumn } from '../core/DataTable';
import { emptyText, formatSpan, formatTime } from '../core/format';
import type { TransformJob, TransformJobSummary } from '../core/generated/models';
import { isActive } from '../core/jobStatus';
import { nameColumn, PageHeader, StatusBadge } from '../core/jobTable';
import { RecordLink } from '../core/RecordLink';
import type { EndpointsModel } from './model';
import { progressFraction, progressShort, progressText, TransformJobs } from './transforms';

/** A bar of the records answered, with the count beside it. */
export function ProgressBar(props: {
  jobs: TransformJobs;
  name: string;
  testId?: string;
  /** The list's shorter count. */
  short?: boolean;
}): JSX.Element {
  const progress = props.jobs.progress(props.name);
  const fraction = progressFraction(progress);
  const text = progressText(progress);
  return (
    <span className="jp-smstudio-transform-progress" title={text} data-testid={props.testId}>
      <progress
        max={1}
        value={fraction ?? undefined}
        aria-label={`Progress of ${props.name}: ${text}`}
      />
      <span>{props.short ? progressShort(progress) : text}</span>
    </span>
  );
}

function columns(jobs: TransformJobs): IColumn<TransformJobSummary>[] {
  return [
    nameColumn(j => j.TransformJobName),
    {
      id: 'status',
      label: 'Status',
      width: 110,
      cell: j => <StatusBadge status={j.TransformJobStatus} />,
      testId: 'transform-row-status'
    },
    {
      id: 'progress',
      label: 'Progress',
      width: 240,
      cell: j =>
        isActive(j.TransformJobStatus) || jobs.progress(j.TransformJobName) ? (
          <ProgressBar jobs={jobs} name={j.TransformJobName} short />
        ) : (
          <span className="jp-smstudio-muted">{j.FailureReason ?? '—'}</span>
        ),
      title: j => j.FailureReason ?? undefined
    },
    {
      id: 'created',
      label: 'Created',
      width: 170,
      className: 'jp-smstudio-time',
      cell: j => formatTime(j.CreationTime)
    }
  ];
}

/** The transform jobs; a row opens the job's page. */
export function TransformsList({ model }: { model: EndpointsModel }): JSX.Element {
  const { transforms } = model;
  return (
    <DataTable
      table="transform-jobs-table"
      testId="transform-jobs-table"
      columns={columns(transforms)}
      rows={transforms.jobs}
      rowKey={j => j.TransformJobName}
      rowAttributes={j => ({ 'data-transform-name': j.TransformJobName })}
      selected={transforms.selectedName}
      onOpen={name => model.openTransform(name)}
      loaded={transforms.loaded}
      empty={emptyText(
        'batch transform jobs',
        'Start one from a notebook: model.transformer(...).transform(data).',
        !!model.nameFilter.trim()
      )}
    />
  );
}

function JobFacts({ job }: { job: TransformJob }): JSX.Element {
  const input = job.TransformInput;
  const output = job.TransformOutput;
  const processing = job.DataProcessing;
  return (
    <dl className="jp-smstudio-facts" data-testid="transform-facts">
      <dt>Model</dt>
      <dd>
        <RecordLink to={{ kind: 'model', name: job.ModelName }}>{job.ModelName}</RecordLink>
      </dd>
      <dt>Input</dt>
      <dd className="jp-smstudio-url" title={input.DataSource.S3DataSource.S3Uri}>
        {input.DataSource.S3DataSource.S3Uri}
      </dd>
      <dt>Records</dt>
      <dd>
        {input.ContentType ?? 'any content type'}, split by {input.SplitType ?? 'None'},{' '}
        {job.BatchStrategy ?? 'SingleRecord'}, at most {job.MaxPayloadInMB ?? 6} MB a request
      </dd>
      <dt>Output</dt>
      <dd className="jp-smstudio-url" title={output.S3OutputPath}>
        {output.S3OutputPath}
      </dd>
      <dt>Assembled</dt>
      <dd>
        {output.Accept ?? 'as the model answers'}, joined by {output.AssembleWith ?? 'None'}
      </dd>
      {processing && (
        <>
          <dt>Filters</dt>
          <dd>
            input {processing.InputFilter ?? '$'}, output {processing.OutputFilter ?? '$'}, join{' '}
            {processing.JoinSource ?? 'None'}
          </dd>
        </>
      )}
      <dt>Instances</dt>
      <dd>
        {job.TransformResources.InstanceCount ?? 1} × {job.TransformResources.InstanceType}
      </dd>
      <dt>Created</dt>
      <dd className="jp-smstudio-time">{formatTime(job.CreationTime)}</dd>
      <dt>Duration</dt>
      <dd className="jp-smstudio-time">
        {formatSpan(job.TransformStartTime ?? job.CreationTime, job.TransformEndTime)}
      </dd>
    </dl>
  );
}

/** A transform job's page: status, progress, what it reads and writes, Stop, its log. */
export function TransformDetail(props: { model: EndpointsModel; onStop: () => void }): JSX.Element {
  const { transforms } = props.model;
  const name = transforms.selectedName ?? '';
  const job = transforms.job;
  return (
    <section
      className="jp-smstudio-detail jp-smstudio-endpoint"
      data-testid="transform-detail"
      aria-label={`Batch transform job ${name}`}
    >
      <PageHeader
        title={name}
        closeLabel="Close batch transform job page"
        onClose={() => transforms.select(null)}
        status={job && <StatusBadge status={job.TransformJobStatus} testId="transform-status" />}
        actions={
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            data-testid="transform-stop"
            disabled={job?.TransformJobStatus !== 'InProgress'}
            onClick={props.onStop}
          >
            Stop
          </button>
        }
      />
      {transforms.detailError && (
        <div className="jp-smstudio-error-banner" role="alert">
          {transforms.detailError}
        </div>
      )}
      {!job && !transforms.detailError && <div className="jp-smstudio-muted">Loading…</div>}
      {job && (
        <>
          <ProgressBar jobs={transforms} name={name} testId="transform-progress" />
          {job.FailureReason && (
            <div className="jp-smstudio-failure" data-testid="transform-failure">
              <strong>Failure reason:</strong> {job.FailureReason}
            </div>
          )}
          <JobFacts job={job} />
          <RecordLink to={{ kind: 'job', name, jobKind: 'transform' }} testId="transform-log">
            Log in the Jobs room
          </RecordLink>
        </>
      )}
    </section>
  );
}
