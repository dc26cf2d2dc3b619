import React from 'react';

import { jobExperiment } from '../core/experimentConfig';
import type { Job } from '../core/generated/models';
import { formatDuration, formatTime, PageHeader, StatusBadge } from '../core/jobTable';
import { jobComponentName, TUNING_JOB_TAG } from '../core/links';
import { LogView } from '../core/LogView';
import { RecordLink } from '../core/RecordLink';

export interface IJobDetailProps {
  name: string;
  job: Job | null;
  error: string | null;
  log: string;
  logComplete: boolean;
  logError: string | null;
  onStop: () => void;
  /** Open the form prefilled with this script job (absent for other kinds). */
  onClone?: () => void;
  onClose: () => void;
}

/** Where else the job shows: its kind's room, its trial component, experiment and tuning job. */
function JobLinks({ job }: { job: Job }): JSX.Element {
  const experiment = jobExperiment(job.config);
  const tuning = job.tags?.[TUNING_JOB_TAG];
  const component = jobComponentName(job.job_name, job.job_kind);
  return (
    <>
      {job.job_kind !== 'script' && (
        <>
          <dt>{job.job_kind === 'processing' ? 'Processing job' : 'Training job'}</dt>
          <dd>
            <RecordLink
              to={{ kind: 'job', name: job.job_name, jobKind: job.job_kind }}
              testId="job-kind-link"
            >
              Open in the Training room
            </RecordLink>
          </dd>
        </>
      )}
      {tuning && (
        <>
          <dt>Tuning job</dt>
          <dd>
            <RecordLink to={{ kind: 'tuning-job', name: tuning }}>{tuning}</RecordLink>
          </dd>
        </>
      )}
      <dt>Experiment</dt>
      <dd>
        {experiment ? (
          <RecordLink to={{ kind: 'experiment', name: experiment }} testId="job-experiment">
            {experiment}
          </RecordLink>
        ) : (
          <RecordLink to={{ kind: 'unassigned' }} testId="job-experiment">
            Unassigned trial components
          </RecordLink>
        )}
      </dd>
      <dt>Trial component</dt>
      <dd>
        <RecordLink
          to={{ kind: 'trial-component', name: component, experiment }}
          testId="job-component"
        >
          {component}
        </RecordLink>
      </dd>
    </>
  );
}

/** The job page: status, times, links, configuration, live log, Clone and Stop. */
export function JobDetail(props: IJobDetailProps): JSX.Element {
  const { name, job, error, log, logComplete, logError, onStop, onClone, onClose } = props;
  return (
    <section className="jp-smstudio-detail" data-testid="job-detail" aria-label={`Job ${name}`}>
      <PageHeader
        title={name}
        closeLabel="Close job page"
        onClose={onClose}
        status={job && <StatusBadge status={job.status} testId="job-detail-status" />}
        actions={
          <>
            {onClone && (
              <button
                type="button"
                className="jp-mod-styled"
                data-testid="job-clone"
                disabled={!job}
                onClick={onClone}
              >
                Clone
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled jp-mod-warn"
              data-testid="stop-job"
              disabled={job?.status !== 'InProgress'}
              onClick={onStop}
            >
              Stop
            </button>
          </>
        }
      />
      {error && (
        <div className="jp-smstudio-error-banner" role="alert">
          {error}
        </div>
      )}
      {job?.failure_reason && (
        <div className="jp-smstudio-failure" data-testid="job-failure-reason">
          <strong>Failure reason:</strong> {job.failure_reason}
        </div>
      )}
      {job && (
        <dl className="jp-smstudio-facts">
          <dt>Kind</dt>
          <dd>{job.job_kind}</dd>
          <JobLinks job={job} />
          <dt>Owner</dt>
          <dd>{job.owner}</dd>
          <dt>Runner</dt>
          <dd>{job.runner}</dd>
          <dt>Created</dt>
          <dd className="jp-smstudio-time">{formatTime(job.creation_time)}</dd>
          <dt>Started</dt>
          <dd className="jp-smstudio-time">{formatTime(job.start_time)}</dd>
          <dt>Ended</dt>
          <dd className="jp-smstudio-time">{formatTime(job.end_time)}</dd>
          <dt>Duration</dt>
          <dd className="jp-smstudio-time">{formatDuration(job)}</dd>
          {job.secondary_status && (
            <>
              <dt>Detail</dt>
              <dd>{job.secondary_status}</dd>
            </>
          )}
          {job.exit_code !== null && job.exit_code !== undefined && (
            <>
              <dt>Exit code</dt>
              <dd>{job.exit_code}</dd>
            </>
          )}
          <dt>Output</dt>
          <dd className="jp-smstudio-url" title={job.output_url} data-testid="job-output">
            {job.output_url}
          </dd>
        </dl>
      )}
      {job && (
        <details className="jp-smstudio-config">
          <summary>Configuration (as recorded)</summary>
          <pre data-testid="job-config">{JSON.stringify(job.config, null, 2)}</pre>
        </details>
      )}
      <LogView log={log} complete={logComplete} error={logError} testId="job-log" />
    </section>
  );
}
