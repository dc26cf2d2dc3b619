import React from 'react';

import { jobsIcon } from '../core/icons';
import { JobRoomLayout, StatusFilter } from '../core/jobTable';
import { RoomPanel, useModel } from '../core/RoomPanel';
import { JobDetail } from './JobDetail';
import { JobForm } from './JobForm';
import { JobList } from './JobList';
import { JobsModel } from './model';
import { buildScriptJobRequest } from './parse';

interface IJobsViewProps {
  model: JobsModel;
  formOpen: boolean;
  setFormOpen: (open: boolean) => void;
}

function JobsView({ model, formOpen, setFormOpen }: IJobsViewProps): JSX.Element {
  useModel(model);
  const selected = model.selectedName;
  return (
    <JobRoomLayout
      title="Jobs"
      room="jobs"
      model={model}
      create={{
        label: 'New script job',
        testId: 'new-job',
        open: formOpen,
        toggle: () => setFormOpen(!formOpen)
      }}
      filters={
        <StatusFilter
          value={model.statusFilter}
          onChange={s => model.setStatusFilter(s)}
          testId="status-filter"
        />
      }
      above={
        formOpen && (
          <JobForm
            submit={values => model.submit(buildScriptJobRequest(values))}
            onSubmitted={job => model.select(job.job_name)}
            onCancel={() => setFormOpen(false)}
          />
        )
      }
      table={
        <JobList
          jobs={model.jobs}
          selected={selected}
          loaded={model.loaded}
          onOpen={name => model.select(name)}
        />
      }
      detail={
        selected && (
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
