import { Signal } from '@lumino/signaling';
import React from 'react';

import { confirmStop } from '../core/dialogs';
import type { JobStatus } from '../core/jobStatus';
import { JobRoomLayout, NameSearch, StatusFilter } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import type { ITuningFormValues } from './form';
import { tuningIcon } from './icon';
import type { TuningModel } from './model';
import { TuningDetail } from './TuningDetail';
import { TuningForm } from './TuningForm';
import { TuningList } from './TuningList';

function TuningView({ panel }: { panel: TuningPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  useModel(panel);
  const job = model.selected;
  return (
    <JobRoomLayout
      title="Tuning"
      room="tuning"
      noun="tuning job"
      model={model}
      create={{
        label: 'New tuning job',
        testId: 'tuning-new',
        open: panel.formOpen,
        toggle: () => panel.toggleForm()
      }}
      filters={
        <>
          <NameSearch
            value={model.nameFilter}
            onChange={n => model.setNameFilter(n)}
            testId="tuning-search"
          />
          <StatusFilter
            value={model.statusFilter as JobStatus | ''}
            onChange={s => model.setStatusFilter(s)}
            testId="tuning-status-filter"
          />
        </>
      }
      table={<TuningList model={model} />}
      side={
        panel.formOpen ? (
          <TuningForm
            key={panel.formKey}
            initial={panel.formInitial}
            submit={request => model.submit(request)}
            onSubmitted={() => panel.toggleForm(false)}
            onCancel={() => panel.toggleForm(false)}
          />
        ) : (
          job && <TuningDetail model={model} job={job} onStop={() => void panel.stopSelected()} />
        )
      }
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

  /** Show a tuning job's page (the form closes). */
  openJob(name: string): void {
    this.toggleForm(false);
    this.model.select(name);
  }

  /** Stop the selected tuning job, once the user confirmed. */
  async stopSelected(): Promise<void> {
    const name = this.model.selectedName;
    if (
      name &&
      (await confirmStop('tuning job', name, 'Its running training jobs are stopped with it.'))
    ) {
      await this.model.stop(name);
    }
  }

  protected renderRoom(): JSX.Element {
    return <TuningView panel={this} />;
  }

  private _formOpen = false;
  private _formInitial: ITuningFormValues | undefined;
  private _formKey = 0;
}
