import React from 'react';

import type { Job } from '../core/generated/models';
import { LogView } from '../core/LogView';
import { formatDuration, formatTime, StatusBadge } from '../core/jobTable';

export interface IJobDetailProps {
  name: string;
  job: Job | null;
  error: string | null;
  log: string;
  logComplete: boolean;
  logError: string | null;
  onStop: () => void;
  onClose: () => void;
}

/** The job page: status, times, configuration, live log and Stop. */
export function JobDetail(props: IJobDetailProps): JSX.Element {
  const { name, job, error, log, logComplete, logError, onStop, onClose } = props;
  return (
    <section className="jp-smstudio-detail" data-testid="job-detail" aria-label={`Job ${name}`}>
      <header className="jp-smstudio-detail-header">
        <h3 title={name}>{name}</h3>
        {job && <StatusBadge status={job.status} testId="job-detail-status" />}
        <span className="jp-smstudio-spacer" />
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn"
          data-testid="stop-job"
          disabled={job?.status !== 'InProgress'}
          onClick={onStop}
        >
          Stop
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          aria-label="Close job page"
          onClick={onClose}
        >
          Close
        </button>
      </header>
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
          <dt>Owner</dt>
          <dd>{job.owner}</dd>
          <dt>Runner</dt>
          <dd>{job.runner}</dd>
          <dt>Created</dt>
          <dd>{formatTime(job.creation_time)}</dd>
          <dt>Started</dt>
          <dd>{formatTime(job.start_time)}</dd>
          <dt>Ended</dt>
          <dd>{formatTime(job.end_time)}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(job)}</dd>
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
          <dd title={job.output_url}>{job.output_url}</dd>
        </dl>
      )}
      {job && (
        <details className="jp-smstudio-config">
          <summary>Configuration</summary>
          <pre data-testid="job-config">{JSON.stringify(job.config, null, 2)}</pre>
        </details>
      )}
      <LogView log={log} complete={logComplete} error={logError} testId="job-log" />
    </section>
  );
}
