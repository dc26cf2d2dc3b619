import { Signal } from '@lumino/signaling';
import React from 'react';

import { confirmStop } from '../core/dialogs';
import { JobRoomLayout, NameSearch, StatusFilter } from '../core/jobTable';
import type { JobStatus } from '../core/jobStatus';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { showDeployBestDialog } from './DeployDialog';
import { autopilotIcon } from './icon';
import { INotebookOpener, JobDetail } from './JobDetail';
import { JobList } from './JobList';
import type { AutopilotModel } from './model';
import { Wizard } from './Wizard';

function AutopilotView({ panel }: { panel: AutopilotPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  useModel(panel);
  const job = model.selected;
  return (
    <JobRoomLayout
      title="Autopilot"
      room="automl"
      noun="AutoML job"
      model={model}
      create={{
        label: 'New AutoML job',
        testId: 'automl-new',
        open: panel.formOpen,
        toggle: () => panel.toggleForm()
      }}
      filters={
        <>
          <NameSearch
            value={model.nameFilter}
            onChange={n => model.setNameFilter(n)}
            testId="automl-search"
          />
          <StatusFilter
            value={model.statusFilter as JobStatus | ''}
            onChange={s => model.setStatusFilter(s)}
            testId="automl-status-filter"
          />
        </>
      }
      table={<JobList model={model} />}
      side={
        panel.formOpen ? (
          <Wizard
            key={panel.formKey}
            initialInput={panel.formInput}
            preview={panel.preview}
            pickFile={panel.options.pickFile}
            submit={request => model.submit(request)}
            onSubmitted={() => panel.toggleForm(false)}
            onCancel={() => panel.toggleForm(false)}
          />
        ) : (
          job && (
            <JobDetail
              model={model}
              job={job}
              opener={panel.options.notebooks ?? null}
              onStop={() => void panel.stopSelected()}
              onDeploy={() => void panel.deploySelected()}
            />
          )
        )
      }
    />
  );
}

export namespace AutopilotPanel {
  export interface IOptions {
    model: AutopilotModel;
    /** JupyterLab's file dialog for the wizard's CSV (absent: typed only). */
    pickFile?: () => Promise<string | null>;
    /** Opens the generated notebooks (absent: their buttons are disabled). */
    notebooks?: INotebookOpener;
  }
}

/** The Autopilot room main-area widget: AutoML jobs, the wizard, a job's page. */
export class AutopilotPanel extends RoomPanel<AutopilotModel> {
  constructor(readonly options: AutopilotPanel.IOptions) {
    super(options.model, {
      id: 'smstudio-autopilot',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-autopilot'],
      label: 'Autopilot',
      caption: 'Studio Autopilot: AutoML jobs from a CSV',
      icon: autopilotIcon
    });
  }

  /** Fires when the wizard opens or closes. */
  readonly changed = new Signal<this, void>(this);

  /** The wizard's preview call (stable, so its effect does not rerun on each render). */
  readonly preview = (url: string) => this.model.api.preview(url);

  get formOpen(): boolean {
    return this._formOpen;
  }
  /** The CSV the open wizard started with; `formKey` changes with it. */
  get formInput(): string | undefined {
    return this._formInput;
  }
  get formKey(): number {
    return this._formKey;
  }

  /** Show or hide the wizard (toggle without an argument), empty or on a CSV file. */
  toggleForm(open: boolean = !this._formOpen, input?: string): void {
    if (open && (input !== undefined || !this._formOpen)) {
      this._formInput = input;
      this._formKey++;
    }
    this._formOpen = open;
    this.changed.emit();
    if (open) {
      requestAnimationFrame(() =>
        this.node.querySelector<HTMLInputElement>('input[name="input"]')?.focus()
      );
    }
  }

  /** Show an AutoML job's page (the wizard closes). */
  openJob(name: string): void {
    this.toggleForm(false);
    this.model.select(name);
  }

  /** Stop the open job, once the user confirmed. */
  async stopSelected(): Promise<void> {
    const name = this.model.selectedName;
    if (
      name &&
      (await confirmStop('AutoML job', name, 'Its running jobs stop; finished candidates stay.'))
    ) {
      await this.model.stop(name);
    }
  }

  /** "Deploy best": ask the endpoint's name, deploy, and show the endpoint on the page. */
  async deploySelected(): Promise<void> {
    const job = this.model.selected;
    const best = job?.BestCandidate?.CandidateName;
    if (!job || !best) {
      return;
    }
    await showDeployBestDialog(job.AutoMLJobName, best, endpoint =>
      this.model.deploy(job.AutoMLJobName, endpoint)
    );
  }

  protected renderRoom(): JSX.Element {
    return <AutopilotView panel={this} />;
  }

  private _formOpen = false;
  private _formInput: string | undefined;
  private _formKey = 0;
}
