import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React, { useEffect, useReducer } from 'react';

import { isTrainingDescription } from './api';
import { emptyForm, formFromJob, ITrainingFormValues } from './form';
import { trainingIcon } from './icon';
import type { TrainingModel } from './model';
import { TrainingDetail } from './TrainingDetail';
import { TrainingForm } from './TrainingForm';
import { TrainingFilters, TrainingList } from './TrainingList';

function useModel(model: TrainingModel): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    model.changed.connect(bump);
    return () => {
      model.changed.disconnect(bump);
    };
  }, [model]);
}

export namespace TrainingPanel {
  export interface IOptions {
    model: TrainingModel;
    /** See `ITrainingFormProps.pickPath`. */
    pickPath?: (want: 'file' | 'folder') => string | null;
    /** Show a folder (relative to the Jupyter root) in the file browser. */
    openFolder?: (path: string) => void;
  }
}

interface IViewProps {
  panel: TrainingPanel;
}

function TrainingView({ panel }: IViewProps): JSX.Element {
  const { model } = panel;
  useModel(model);
  const selected = model.selectedName;
  const form = panel.form;
  return (
    <div className="jp-smstudio-jobs-layout jp-smstudio-training-layout">
      <div className="jp-smstudio-jobs-main">
        <div className="jp-smstudio-toolbar" role="toolbar" aria-label="Training">
          <h2>Training</h2>
          <span className="jp-smstudio-muted" data-testid="training-total">
            {model.loaded ? `${model.total} job${model.total === 1 ? '' : 's'}` : ''}
          </span>
          <span className="jp-smstudio-spacer" />
          <TrainingFilters
            kind={model.kind}
            status={model.statusFilter}
            name={model.nameFilter}
            onKind={k => model.setKind(k)}
            onStatus={s => model.setStatusFilter(s)}
            onName={n => model.setNameFilter(n)}
          />
          <button type="button" className="jp-mod-styled" onClick={() => void model.refresh()}>
            Refresh
          </button>
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            data-testid="training-new"
            aria-expanded={!!form}
            onClick={() => (form ? panel.closeForm() : panel.openForm())}
          >
            New training job
          </button>
        </div>
        {model.error && (
          <div className="jp-smstudio-error-banner" role="alert" data-testid="training-error">
            Cannot load jobs: {model.error}
          </div>
        )}
        {form && (
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
        )}
        <div className="jp-smstudio-table-wrapper">
          <TrainingList
            jobs={model.jobs}
            selected={selected}
            loaded={model.loaded}
            onOpen={name => model.select(name, model.kind)}
          />
        </div>
      </div>
      {selected && (
        <TrainingDetail model={model} openFolder={panel.openFolder} onClone={() => panel.cloneSelected()} />
      )}
    </div>
  );
}

/** The Training room main-area widget. */
export class TrainingPanel extends ReactWidget {
  constructor(options: TrainingPanel.IOptions) {
    super();
    this.model = options.model;
    this.pickPath = options.pickPath;
    this.openFolder = options.openFolder;
    this.id = 'smstudio-training';
    this.addClass('jp-smstudio-jobs');
    this.addClass('jp-smstudio-training');
    this.title.label = 'Training';
    this.title.caption = 'Studio Training: training and processing jobs';
    this.title.icon = trainingIcon;
    this.title.closable = true;
  }

  readonly model: TrainingModel;
  readonly pickPath?: (want: 'file' | 'folder') => string | null;
  readonly openFolder?: (path: string) => void;

  /** The open form (values it started from), or null. */
  get form(): { key: number; values: ITrainingFormValues; title?: string } | null {
    return this._form;
  }

  /** Show the "New training job" form, empty or prefilled. */
  openForm(values: ITrainingFormValues = emptyForm(), title?: string): void {
    this._form = { key: ++this._formKey, values, title };
    this.update();
    requestAnimationFrame(() => {
      this.node.querySelector<HTMLFormElement>('[data-testid="training-form"]')?.scrollIntoView?.({ block: 'nearest' });
      this.node.querySelector<HTMLInputElement>('input[name="entry_point"]')?.focus();
    });
  }

  closeForm(): void {
    this._form = null;
    this.update();
  }

  /** Open the form prefilled with the selected training job's configuration. */
  cloneSelected(): void {
    const d = this.model.description;
    if (!isTrainingDescription(d)) {
      return;
    }
    this.openForm(formFromJob(d, this.model.selectedJob?.config ?? {}), `Clone of ${d.TrainingJobName}`);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

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
    return <TrainingView panel={this} />;
  }

  private _form: { key: number; values: ITrainingFormValues; title?: string } | null = null;
  private _formKey = 0;
}
