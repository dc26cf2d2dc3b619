import React from 'react';

import { confirmStop } from '../core/dialogs';
import { linkTarget } from '../core/links';
import { JobRoomLayout } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import type { ITuningPrefill } from '../tokens';
import { isTrainingDescription, trainingConfig } from './api';
import { deploySource, IDeploySource } from './deploy';
import { showDeployDialog } from './DeployDialog';
import { DeployCalls, runDeploy } from './deployRun';
import { emptyForm, formFromJob, ITrainingFormValues } from './form';
import { trainingIcon } from './icon';
import type { TrainingModel } from './model';
import { TrainingDetail } from './TrainingDetail';
import { TrainingForm } from './TrainingForm';
import { TrainingFilters, TrainingList } from './TrainingList';

export namespace TrainingPanel {
  export interface IOptions {
    model: TrainingModel;
    /** See `ITrainingFormProps.pickPath`. */
    pickPath?: (want: 'file' | 'folder') => Promise<string | null>;
    /** Show a folder (relative to the Jupyter root) in the file browser. */
    openFolder?: (path: string) => void;
    /** Open the Tuning room's form with these values; absent without the Tuning room. */
    tune?: (prefill: ITuningPrefill) => void;
    /** The REST calls of "Deploy…"; absent: no Deploy button. */
    deploy?: DeployCalls;
  }
}

interface IViewProps {
  panel: TrainingPanel;
}

function TrainingView({ panel }: IViewProps): JSX.Element {
  const { model } = panel;
  useModel(model);
  const selected = model.selectedName;
  // the form starts training jobs: the Processing list has none to offer
  const form = model.kind === 'training' ? panel.form : null;
  return (
    <JobRoomLayout
      className="jp-smstudio-training-layout"
      title="Training"
      room="training"
      model={model}
      create={
        model.kind === 'training'
          ? {
              label: 'New training job',
              testId: 'training-new',
              open: !!form,
              toggle: () => (form ? panel.closeForm() : panel.openForm())
            }
          : null
      }
      filters={
        <TrainingFilters
          kind={model.kind}
          status={model.statusFilter}
          name={model.nameFilter}
          onKind={k => model.setKind(k)}
          onStatus={s => model.setStatusFilter(s)}
          onName={n => model.setNameFilter(n)}
        />
      }
      table={
        <TrainingList
          kind={model.kind}
          jobs={model.jobs}
          selected={selected}
          loaded={model.loaded}
          filtered={model.filtered}
          onOpen={name => {
            panel.closeForm();
            model.select(name, model.kind);
          }}
        />
      }
      side={
        form ? (
          <TrainingForm
            key={form.key}
            initial={form.values}
            title={form.title}
            pickPath={panel.pickPath}
            submit={request => model.submitTraining(request)}
            onSubmitted={job => {
              panel.closeForm();
              model.select(job.TrainingJobName, 'training');
            }}
            onCancel={() => panel.closeForm()}
          />
        ) : (
          selected && (
            <TrainingDetail
              model={model}
              openFolder={panel.openFolder}
              onClone={() => panel.cloneSelected()}
              onTune={panel.tune ? () => panel.tuneSelected() : undefined}
              deployable={panel.deployable}
              onDeploy={panel.canDeploy ? () => void panel.deploySelected() : undefined}
              onStop={() => void panel.stopSelected()}
            />
          )
        )
      }
    />
  );
}

/** The Training room main-area widget. */
export class TrainingPanel extends RoomPanel<TrainingModel> {
  constructor(options: TrainingPanel.IOptions) {
    super(options.model, {
      id: 'smstudio-training',
      classes: ['jp-smstudio-jobs', 'jp-smstudio-training'],
      label: 'Training',
      caption: 'Studio Training: training and processing jobs',
      icon: trainingIcon
    });
    this.pickPath = options.pickPath;
    this.openFolder = options.openFolder;
    this.tune = options.tune;
    this.deploy = options.deploy;
  }

  readonly pickPath?: (want: 'file' | 'folder') => Promise<string | null>;
  readonly openFolder?: (path: string) => void;
  readonly tune?: (prefill: ITuningPrefill) => void;
  readonly deploy?: DeployCalls;

  /** Whether "Deploy…" is offered: the REST calls, and the Endpoints room to show the endpoint. */
  get canDeploy(): boolean {
    return !!this.deploy && !!this.links?.canOpen(linkTarget({ kind: 'endpoint', name: '' }));
  }

  /** What "Deploy…" would deploy of the selected job, or why it cannot (its tooltip). */
  get deployable(): IDeploySource | string {
    const d = this.model.description;
    if (!isTrainingDescription(d)) {
      return 'Only a training job can be deployed.';
    }
    return deploySource(d, trainingConfig(this.model.selectedJob));
  }

  /** Deploy the selected training job's model to a new endpoint, then show the endpoint's page. */
  async deploySelected(): Promise<void> {
    const source = this.deployable;
    const calls = this.deploy;
    if (typeof source === 'string' || !calls) {
      return;
    }
    const endpoint = await showDeployDialog(source, values => runDeploy(calls, values, source));
    if (endpoint) {
      this.links?.open(linkTarget({ kind: 'endpoint', name: endpoint }));
    }
  }

  /** The open form (values it started from), or null. */
  get form(): { key: number; values: ITrainingFormValues; title?: string } | null {
    return this._form;
  }

  /** Show the "New training job" form, empty or prefilled (the list shows training jobs). */
  openForm(values: ITrainingFormValues = emptyForm(), title?: string): void {
    this._form = { key: ++this._formKey, values, title };
    this.model.setKind('training');
    this.update();
    requestAnimationFrame(() => {
      this.node
        .querySelector<HTMLFormElement>('[data-testid="training-form"]')
        ?.scrollIntoView?.({ block: 'nearest' });
      this.node.querySelector<HTMLInputElement>('input[name="entry_point"]')?.focus();
    });
  }

  closeForm(): void {
    if (this._form) {
      this._form = null;
      this.update();
    }
  }

  /** Stop the selected job, once the user confirmed. */
  async stopSelected(): Promise<void> {
    const name = this.model.selectedName;
    const kind = this.model.selectedKind;
    if (name && (await confirmStop(`${kind} job`, name))) {
      await this.model.stop(name);
    }
  }

  /** Open the form prefilled with the selected training job's configuration. */
  cloneSelected(): void {
    const d = this.model.description;
    if (!isTrainingDescription(d)) {
      return;
    }
    this.openForm(
      formFromJob(d, trainingConfig(this.model.selectedJob)),
      `Clone of ${d.TrainingJobName}`
    );
  }

  /** Hand the selected training job's script, hyperparameters and first metric to the Tuning room. */
  tuneSelected(): void {
    const d = this.model.description;
    if (!isTrainingDescription(d) || !this.tune) {
      return;
    }
    const form = formFromJob(d, trainingConfig(this.model.selectedJob));
    const metric = form.metrics.find(m => m.key.trim());
    this.tune({
      entry_point: form.entry_point,
      source_dir: form.source_dir,
      static_hyperparameters: form.hyperparameters
        .filter(h => h.key.trim())
        .map(h => `${h.key.trim()}=${h.value.trim()}`)
        .join(', '),
      metric_name: metric?.key.trim() ?? '',
      metric_regex: metric?.value.trim() ?? ''
    });
  }

  protected renderRoom(): JSX.Element {
    return <TrainingView panel={this} />;
  }

  private _form: { key: number; values: ITrainingFormValues; title?: string } | null = null;
  private _formKey = 0;
}
