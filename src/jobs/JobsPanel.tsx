import React from 'react';

import { confirmStop } from '../core/dialogs';
import { jobsIcon } from '../core/icons';
import { ChoiceFilter, JobRoomLayout, NameSearch, StatusFilter } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { JobDetail } from './JobDetail';
import { JobForm } from './JobForm';
import { JobList } from './JobList';
import { JOB_KINDS, JobsModel } from './model';
import { EMPTY_FORM, formFromJob, IJobFormValues } from './parse';

/** The open "New script job" form: the values it started from. */
interface IOpenForm {
  key: number;
  values: IJobFormValues;
  title?: string;
}

function JobsView({ panel }: { panel: JobsPanel }): JSX.Element {
  const { model } = panel;
  useModel(model);
  const selected = model.selectedName;
  const job = model.selectedJob;
  const form = panel.form;
  return (
    <JobRoomLayout
      title="Jobs"
      room="jobs"
      model={model}
      create={{
        label: 'New script job',
        testId: 'new-job',
        open: !!form,
        toggle: () => panel.setFormOpen(!form)
      }}
      filters={
        <>
          <NameSearch
            value={model.nameFilter}
            onChange={n => model.setNameFilter(n)}
            testId="jobs-search"
          />
          <ChoiceFilter
            label="Kind"
            value={model.kindFilter}
            choices={JOB_KINDS.map(k => ({ value: k, label: k }))}
            onChange={k => model.setKindFilter(k)}
            testId="kind-filter"
          />
          <StatusFilter
            value={model.statusFilter}
            onChange={s => model.setStatusFilter(s)}
            testId="status-filter"
          />
        </>
      }
      table={
        <JobList
          jobs={model.jobs}
          selected={selected}
          loaded={model.loaded}
          filtered={model.filtered}
          onOpen={name => {
            panel.setFormOpen(false);
            model.select(name);
          }}
        />
      }
      side={
        form ? (
          <JobForm
            key={form.key}
            initial={form.values}
            title={form.title}
            submit={request => model.submit(request)}
            onSubmitted={submitted => {
              // like the other rooms: the form closes and the new job's page opens
              panel.setFormOpen(false);
              model.select(submitted.job_name);
            }}
            onCancel={() => panel.setFormOpen(false)}
          />
        ) : (
          selected && (
            <JobDetail
              name={selected}
              job={job}
              error={model.detailError}
              log={model.log}
              logComplete={model.logComplete}
              logError={model.logError}
              onStop={() => void panel.stopSelected()}
              onClone={job?.job_kind === 'script' ? () => panel.cloneSelected() : undefined}
              onClose={() => model.select(null)}
            />
          )
        )
      }
    />
  );
}

/** The Jobs room main-area widget. */
export class JobsPanel extends RoomPanel<JobsModel> {
  constructor(model: JobsModel) {
    super(model, {
      id: 'smstudio-jobs',
      classes: ['jp-smstudio-jobs'],
      label: 'Jobs',
      caption: 'Studio Jobs',
      icon: jobsIcon
    });
  }

  /** The open form, or null. */
  get form(): IOpenForm | null {
    return this._form;
  }
  get formOpen(): boolean {
    return !!this._form;
  }

  /** Show the "New script job" form (empty, or with `values`), or hide it. */
  setFormOpen(open: boolean, values: IJobFormValues = EMPTY_FORM, title?: string): void {
    this._form = open ? { key: ++this._formKey, values, title } : null;
    this.update();
    if (open) {
      requestAnimationFrame(() =>
        this.node.querySelector<HTMLInputElement>('input[name="script"]')?.focus()
      );
    }
  }

  /** Open the form with the selected script job's request. */
  cloneSelected(): void {
    const job = this.model.selectedJob;
    if (job) {
      this.setFormOpen(true, formFromJob(job), `Clone of ${job.job_name}`);
    }
  }

  /** Stop the selected job, once the user confirmed. */
  async stopSelected(): Promise<void> {
    const name = this.model.selectedName;
    if (name && (await confirmStop('job', name, 'Its process gets SIGTERM, then SIGKILL.'))) {
      await this.model.stop(name);
    }
  }

  protected renderRoom(): JSX.Element {
    return <JobsView panel={this} />;
  }

  private _form: IOpenForm | null = null;
  private _formKey = 0;
}
