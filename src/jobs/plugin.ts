import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { jobsIcon } from '../core/icons';
import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { IJobsRoom } from '../tokens';
import { JobsPanel } from './JobsPanel';
import { JobsModel } from './model';

export const CommandIDs = {
  open: OPEN_COMMANDS.jobs,
  create: 'smstudio:jobs-new',
  stop: 'smstudio:jobs-stop'
};

/** The Jobs room: job list, new script job form, job page with live log. */
export const jobsPlugin: JupyterFrontEndPlugin<IJobsRoom> = roomPlugin({
  id: 'jupyter-smstudio:jobs',
  description: 'Studio Jobs room: run scripts as jobs, follow their status and logs.',
  provides: IJobsRoom,
  activate: services => {
    const { studio } = services;
    const room = addRoom(services, {
      id: 'jobs',
      label: 'Jobs',
      caption: 'Run scripts as jobs; follow status and logs',
      icon: jobsIcon,
      rank: 10,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-jobs',
      settings: ['pollInterval', 'logInterval'],
      createPanel: settings =>
        new JobsPanel(
          new JobsModel({
            api: studio.api,
            events: studio.events.stream,
            ...settings
          })
        ),
      openAt: (panel, args) => {
        const name = stringArg(args, 'job_name');
        if (name) {
          panel.setFormOpen(false);
          panel.model.select(name);
        }
      },
      commands: room => ({
        [CommandIDs.create]: {
          label: 'New Script Job',
          caption: 'Run a Python script as a Studio job',
          execute: () => {
            room.open().setFormOpen(true);
          }
        },
        [CommandIDs.stop]: {
          label: 'Stop Current Job',
          caption: 'Stop the job shown in the Jobs room',
          isEnabled: () => room.current()?.model.selectedJob?.status === 'InProgress',
          execute: () => room.current()?.stopSelected()
        }
      })
    });
    return {
      openJob: name => room.open().model.select(name)
    };
  }
});
