import React from 'react';

import { defaultColumnWidth } from '../core/columnWidths';
import { DataTable, IColumn } from '../core/DataTable';
import type { TuningJob, TuningTrial } from '../core/generated/models';
import type { JobStatus } from '../core/jobStatus';
import { PageHeader, StatusBadge } from '../core/jobTable';
import { RecordLink, useOpenRecord } from '../core/RecordLink';
import type { TuningModel } from './model';
import { ObjectiveChart } from './ObjectiveChart';
import { bestTrial, formatValue, parameterNames, progress } from './progress';
import { objectiveLabel } from './TuningList';

/** A training job's name, opening its page in the Training room. */
function TrainingJobLink({ name, testId }: { name: string; testId?: string }): JSX.Element {
  return (
    <RecordLink to={{ kind: 'job', name, jobKind: 'training' }} testId={testId}>
      {name}
    </RecordLink>
  );
}

/** The training jobs' columns: number, name, status, each tuned hyperparameter, the objective. */
function trialColumns(job: TuningJob): IColumn<TuningTrial>[] {
  const params = parameterNames(job);
  return [
    { id: 'number', label: '#', width: 48, cell: t => t.number + 1 },
    {
      id: 'name',
      label: 'Training job',
      width: 220,
      cell: t => <TrainingJobLink name={t.training_job_name} />,
      title: t => t.training_job_name,
      testId: 'tuning-trial-name'
    },
    {
      id: 'status',
      label: 'Status',
      width: 130,
      cell: t => (
        <>
          <StatusBadge status={t.status as JobStatus} />
          {t.early_stopped ? ' early' : ''}
        </>
      )
    },
    // the objective before the hyperparameters: it is what a narrow page must show
    {
      id: 'objective',
      label: job.objective.metric_name,
      width: defaultColumnWidth(job.objective.metric_name, 100, 240),
      cell: t => formatValue(t.objective_value ?? '')
    },
    ...params.map((p): IColumn<TuningTrial> => ({
      id: `param:${p}`,
      label: p,
      width: defaultColumnWidth(p, 80, 200),
      cell: t => formatValue(t.tuned_hyperparameters[p])
    }))
  ];
}

/** A tuning job's page: progress, best training job, objective chart, its training jobs. */
export function TuningDetail(props: {
  model: TuningModel;
  job: TuningJob;
  onStop: () => void;
}): JSX.Element {
  const { model, job } = props;
  const { done, total } = progress(job);
  const best = bestTrial(job, model.trials);
  const active = job.status === 'InProgress';
  const openRecord = useOpenRecord();
  return (
    <section
      className="jp-smstudio-detail"
      data-testid="tuning-detail"
      aria-label={job.tuning_job_name}
    >
      <PageHeader
        title={job.tuning_job_name}
        closeLabel="Close tuning job page"
        onClose={() => model.select(null)}
        status={<StatusBadge status={job.status as JobStatus} testId="tuning-detail-status" />}
        actions={
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            data-testid="tuning-stop"
            disabled={!active}
            onClick={props.onStop}
          >
            Stop
          </button>
        }
      />
      {job.failure_reason && (
        <div className="jp-smstudio-error-banner" role="alert">
          {job.failure_reason}
        </div>
      )}
      <dl className="jp-smstudio-facts">
        <dt>Strategy</dt>
        <dd>
          {job.strategy}
          {job.early_stopping_type === 'Auto' ? ', early stopping' : ''}
        </dd>
        <dt>Objective</dt>
        <dd>{objectiveLabel(job)}</dd>
        <dt>Training jobs</dt>
        <dd data-testid="tuning-progress">
          {done} of {total} ended, {job.max_parallel_jobs} at a time
        </dd>
        <dt>Experiment</dt>
        <dd>
          <RecordLink
            to={{ kind: 'experiment', name: job.tuning_job_name }}
            testId="tuning-experiment"
          >
            {job.tuning_job_name}
          </RecordLink>
        </dd>
        {job.warm_start && (
          <>
            <dt>Warm start</dt>
            <dd>
              {job.warm_start.parents.map((parent, i) => (
                <React.Fragment key={parent}>
                  {i > 0 && ', '}
                  <RecordLink to={{ kind: 'tuning-job', name: parent }}>{parent}</RecordLink>
                </React.Fragment>
              ))}{' '}
              ({job.warm_start.warm_start_type})
            </dd>
          </>
        )}
        {job.completion_reason && (
          <>
            <dt>Ended early</dt>
            <dd data-testid="tuning-completion">{job.completion_reason}</dd>
          </>
        )}
        <dt>{best && !best.final ? 'Best so far' : 'Best'}</dt>
        <dd data-testid="tuning-best">
          {best ? (
            <>
              {formatValue(best.trial.objective_value)} (
              <TrainingJobLink name={best.trial.training_job_name} testId="tuning-best-link" />
              {': '}
              {Object.entries(best.trial.tuned_hyperparameters)
                .map(([k, v]) => `${k}=${formatValue(v)}`)
                .join(', ')}
              )
            </>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <ObjectiveChart
        metric={job.objective.metric_name}
        maximize={job.objective.type === 'Maximize'}
        trials={model.trials}
      />
      <div className="jp-smstudio-table-wrapper jp-smstudio-trials">
        <DataTable
          table="tuning-trials"
          testId="tuning-trials"
          columns={trialColumns(job)}
          rows={model.trials}
          rowKey={t => t.training_job_name}
          rowAttributes={t => ({
            'data-trial': t.number,
            className:
              best?.trial.training_job_name === t.training_job_name
                ? 'jp-smstudio-best-row'
                : undefined,
            title: t.failure_reason ?? undefined
          })}
          onOpen={
            openRecord ? name => openRecord({ kind: 'job', name, jobKind: 'training' }) : undefined
          }
          empty={active ? 'Starting…' : 'No training jobs.'}
        />
      </div>
    </section>
  );
}
