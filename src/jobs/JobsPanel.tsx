import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React, { useEffect, useReducer } from 'react';

import { jobsIcon } from '../core/icons';
import { JobDetail } from './JobDetail';
import { JobForm } from './JobForm';
import { JobList, StatusFilter } from './JobList';
import { JobsModel } from './model';
import { buildScriptJobRequest } from './parse';

/** Re-render whenever the model changes. */
function useModel(model: JobsModel): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    model.changed.connect(bump);
    return () => {
      model.changed.disconnect(bump);
    };
  }, [model]);
}

interface IJobsViewProps {
  model: JobsModel;
  formOpen: boolean;
  setFormOpen: (open: boolean) => void;
}

function JobsView({ model, formOpen, setFormOpen }: IJobsViewProps): JSX.Element {
  useModel(model);
  const selected = model.selectedName;
  return (
    <div className="jp-smstudio-jobs-layout">
      <div className="jp-smstudio-jobs-main">
        <div className="jp-smstudio-toolbar" role="toolbar" aria-label="Jobs">
          <h2>Jobs</h2>
          <span className="jp-smstudio-muted" data-testid="jobs-total">
            {model.loaded ? `${model.total} job${model.total === 1 ? '' : 's'}` : ''}
          </span>
          <span className="jp-smstudio-spacer" />
          <StatusFilter value={model.statusFilter} onChange={s => model.setStatusFilter(s)} />
          <button type="button" className="jp-mod-styled" onClick={() => void model.refresh()}>
            Refresh
          </button>
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            data-testid="new-job"
            aria-expanded={formOpen}
            onClick={() => setFormOpen(!formOpen)}
          >
            New script job
          </button>
        </div>
        {model.error && (
          <div className="jp-smstudio-error-banner" role="alert" data-testid="jobs-error">
            Cannot load jobs: {model.error}
          </div>
        )}
        {formOpen && (
          <JobForm
            submit={values => model.submit(buildScriptJobRequest(values))}
            onSubmitted={job => model.select(job.job_name)}
            onCancel={() => setFormOpen(false)}
          />
        )}
        <div className="jp-smstudio-table-wrapper">
          <JobList
            jobs={model.jobs}
            selected={selected}
            loaded={model.loaded}
            onOpen={name => model.select(name)}
          />
        </div>
      </div>
      {selected && (
        <JobDetail
          name={selected}
          job={model.selectedJob}
          error={model.detailError}
          log={model.log}
          logComplete={model.logComplete}
          logError={model.logError}
          onStop={() => void model.stop(selected)}
          onClose={() => model.select(null)}
        />
      )}
    </div>
  );
}

/** The Jobs room main-area widget. */
export class JobsPanel extends ReactWidget {
  constructor(readonly model: JobsModel) {
    super();
    this.id = 'smstudio-jobs';
    this.addClass('jp-smstudio-jobs');
    this.title.label = 'Jobs';
    this.title.caption = 'Studio Jobs';
    this.title.icon = jobsIcon;
    this.title.closable = true;
  }

  get formOpen(): boolean {
    return this._formOpen;
  }

  /** Show (or hide) the "New script job" form. */
  setFormOpen(open: boolean): void {
    this._formOpen = open;
    this.update();
    if (open) {
      requestAnimationFrame(() =>
        this.node.querySelector<HTMLInputElement>('input[name="script"]')?.focus()
      );
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  /** Closing the tab ends polling: the panel is rebuilt on the next open. */
  protected onCloseRequest(msg: Message): void {
    super.onCloseRequest(msg);
    this.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.setVisible(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.setVisible(false);
  }

  render(): JSX.Element {
    return (
      <JobsView
        model={this.model}
        formOpen={this._formOpen}
        setFormOpen={open => this.setFormOpen(open)}
      />
    );
  }

  private _formOpen = false;
}
