import { Signal } from '@lumino/signaling';
import React from 'react';

import type { TuningJob } from '../core/generated/models';
import {
  EmptyRow,
  formatTime,
  JobRoomLayout,
  JobRow,
  StatusBadge,
  StatusFilter
} from '../core/jobTable';
import type { JobStatus } from '../core/jobStatus';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { tuningIcon } from './icon';
import type { TuningModel } from './model';
import { ObjectiveChart } from './ObjectiveChart';
import type { ITuningFormValues } from './form';
import { TuningForm } from './TuningForm';
import { formatValue, parameterNames, progress } from './progress';

const LIST_COLUMNS = [
  'Name',
  'Status',
  'Strategy',
  'Objective',
  'Training jobs',
  'Best',
  'Created'
];

function objectiveLabel(job: TuningJob): string {
  return `${job.objective.type === 'Maximize' ? 'max' : 'min'} ${job.objective.metric_name}`;
}

function TuningList({ model }: { model: TuningModel }): JSX.Element {
  return (
    <table className="jp-smstudio-table" data-testid="tuning-table">
      <thead>
        <tr>
          {LIST_COLUMNS.map(c => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {model.jobs.map(job => {
          const { done, total } = progress(job);
          return (
            <JobRow
              key={job.tuning_job_name}
              name={job.tuning_job_name}
              selected={job.tuning_job_name === model.selectedName}
              onOpen={name => model.select(name)}
            >
              <td>{job.tuning_job_name}</td>
              <td>
                <StatusBadge status={job.status as JobStatus} />
              </td>
              <td>{job.strategy}</td>
              <td>{objectiveLabel(job)}</td>
              <td>
                <progress
                  max={total}
                  value={done}
                  aria-label={`${done} of ${total} training jobs`}
                />{' '}
                {done}/{total}
              </td>
              <td>{formatValue(job.best_training_job?.objective_value ?? '')}</td>
              <td>{formatTime(job.creation_time)}</td>
            </JobRow>
          );
        })}
        {model.jobs.length === 0 && (
          <EmptyRow
            columns={LIST_COLUMNS.length}
            loaded={model.loaded}
            text="No tuning jobs yet: start one with HyperparameterTuner(...).fit() in a notebook."
          />
        )}
      </tbody>
    </table>
  );
}

function TuningDetail({ model, job }: { model: TuningModel; job: TuningJob }): JSX.Element {
  const params = parameterNames(job);
  const { done, total } = progress(job);
  const best = job.best_training_job;
  const active = job.status === 'InProgress';
  return (
    <section
      className="jp-smstudio-detail"
      data-testid="tuning-detail"
      aria-label={job.tuning_job_name}
    >
      <div className="jp-smstudio-detail-header">
        <h3>{job.tuning_job_name}</h3>
        <StatusBadge status={job.status as JobStatus} testId="tuning-detail-status" />
        <span className="jp-smstudio-spacer" />
        <button
          type="button"
          className="jp-mod-styled jp-mod-reject"
          data-testid="tuning-stop"
          disabled={!active}
          onClick={() => void model.stop(job.tuning_job_name)}
        >
          Stop
        </button>
        <button type="button" className="jp-mod-styled" onClick={() => model.select(null)}>
          Close
        </button>
      </div>
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
        {job.warm_start && (
          <>
            <dt>Warm start</dt>
            <dd>
              {job.warm_start.parents.join(', ')} ({job.warm_start.warm_start_type})
            </dd>
          </>
        )}
        {job.completion_reason && (
          <>
            <dt>Ended early</dt>
            <dd data-testid="tuning-completion">{job.completion_reason}</dd>
          </>
        )}
        <dt>Best</dt>
        <dd data-testid="tuning-best">
          {best
            ? `${formatValue(best.objective_value)} (${best.training_job_name}: ${Object.entries(
                best.tuned_hyperparameters
              )
                .map(([k, v]) => `${k}=${formatValue(v)}`)
                .join(', ')})`
            : '—'}
        </dd>
      </dl>
      <ObjectiveChart
        metric={job.objective.metric_name}
        maximize={job.objective.type === 'Maximize'}
        trials={model.trials}
      />
      <table className="jp-smstudio-table" data-testid="tuning-trials">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Training job</th>
            <th scope="col">Status</th>
            {params.map(p => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
            <th scope="col">{job.objective.metric_name}</th>
          </tr>
        </thead>
        <tbody>
          {model.trials.map(t => (
            <tr
              key={t.number}
              data-trial={t.number}
              className={
                best?.training_job_name === t.training_job_name ? 'jp-smstudio-best-row' : undefined
              }
              title={t.failure_reason ?? undefined}
            >
              <td>{t.number + 1}</td>
              <td>{t.training_job_name}</td>
              <td>
                <StatusBadge status={t.status as JobStatus} />
                {t.early_stopped ? ' early' : ''}
              </td>
              {params.map(p => (
                <td key={p}>{formatValue(t.tuned_hyperparameters[p])}</td>
              ))}
              <td>{formatValue(t.objective_value ?? '')}</td>
            </tr>
          ))}
          {model.trials.length === 0 && (
            <EmptyRow columns={params.length + 4} loaded={true} text="Starting…" />
          )}
        </tbody>
      </table>
    </section>
  );
}

function TuningView({ panel }: { panel: TuningPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  useModel(panel);
  const job = model.selected;
  return (
    <JobRoomLayout
      title="Tuning"
      room="tuning"
      model={model}
      create={{
        label: 'New tuning job',
        testId: 'tuning-new',
        open: panel.formOpen,
        toggle: () => panel.toggleForm()
      }}
      filters={
        <StatusFilter
          value={model.statusFilter as JobStatus | ''}
          onChange={s => model.setStatusFilter(s)}
          testId="tuning-status-filter"
        />
      }
      above={
        <>
          {panel.formOpen && (
            <TuningForm
              key={panel.formKey}
              initial={panel.formInitial}
              submit={request => model.submit(request)}
              onSubmitted={() => panel.toggleForm(false)}
              onCancel={() => panel.toggleForm(false)}
            />
          )}
          {model.error && (
            <div className="jp-smstudio-error-banner" role="alert" data-testid="tuning-error">
              {model.error}
            </div>
          )}
        </>
      }
      table={<TuningList model={model} />}
      detail={job && <TuningDetail model={model} job={job} />}
    />
  );
}

/** The Tuning room main-area widget. */
export class TuningPanel extends RoomPanel<TuningModel> {
  constructor(model: TuningModel) {
    super(model, {
      id: 'smstudio-tuning',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-tuning'],
      label: 'Tuning',
      caption: 'Studio Tuning: hyperparameter tuning jobs',
      icon: tuningIcon
    });
  }

  /** Fires when the form opens or closes. */
  readonly changed = new Signal<this, void>(this);

  get formOpen(): boolean {
    return this._formOpen;
  }
  /** The values the open form started from (undefined: the empty form); `formKey` changes with them. */
  get formInitial(): ITuningFormValues | undefined {
    return this._formInitial;
  }
  get formKey(): number {
    return this._formKey;
  }

  /** Show or hide the "New tuning job" form (toggle without an argument), empty or prefilled. */
  toggleForm(open: boolean = !this._formOpen, initial?: ITuningFormValues): void {
    if (open && (initial || !this._formOpen)) {
      this._formInitial = initial;
      this._formKey++;
    }
    this._formOpen = open;
    this.changed.emit();
    if (open) {
      requestAnimationFrame(() =>
        this.node.querySelector<HTMLInputElement>('input[name="entry_point"]')?.focus()
      );
    }
  }

  render(): JSX.Element {
    return <TuningView panel={this} />;
  }

  private _formOpen = false;
  private _formInitial: ITuningFormValues | undefined;
  private _formKey = 0;
}
