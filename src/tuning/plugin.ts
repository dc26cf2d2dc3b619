import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { ITuningPrefill, ITuningRoom } from '../tokens';
import { TuningApi } from './api';
import { isTuningPrefill, tuningFormFrom } from './form';
import { tuningIcon } from './icon';
import { TuningModel } from './model';
import { TuningPanel } from './TuningPanel';
import './tuning.css';

export const CommandIDs = {
  open: OPEN_COMMANDS.tuning,
  create: 'smstudio:tuning-new',
  stop: 'smstudio:tuning-stop'
};

/** The Tuning room: tuning jobs, their training jobs, objective chart, stop. */
export const tuningPlugin: JupyterFrontEndPlugin<ITuningRoom> = roomPlugin({
  id: 'jupyter-smstudio:tuning',
  description: 'Studio Tuning room: hyperparameter tuning jobs and their training jobs.',
  provides: ITuningRoom,
  activate: services => {
    const { studio } = services;
    const api = new TuningApi(studio.api.settings);
    const room = addRoom(services, {
      id: 'tuning',
      label: 'Tuning',
      caption: 'Hyperparameter tuning jobs: progress, best training job, objective by job',
      icon: tuningIcon,
      rank: 17,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-tuning',
      settings: ['pollInterval'],
      createPanel: settings =>
        new TuningPanel(new TuningModel({ api, events: studio.events.stream, ...settings })),
      openAt: (panel, args) => {
        const name = stringArg(args, 'tuning_job_name');
        if (name) {
          panel.openJob(name);
        }
      },
      commands: room => ({
        [CommandIDs.create]: {
          label: 'New Tuning Job',
          caption:
            'Tune a training script: objective metric, ranges to search, strategy and budget',
          execute: args => openForm(isTuningPrefill(args.prefill) ? args.prefill : undefined)
        },
        [CommandIDs.stop]: {
          label: 'Stop Current Tuning Job',
          caption: 'Stop the tuning job shown in the Tuning room (and its running training jobs)',
          isEnabled: () => room.current()?.model.selected?.status === 'InProgress',
          execute: () => room.current()?.stopSelected()
        }
      })
    });
    const openForm = (prefill?: ITuningPrefill): void => {
      room.open().toggleForm(true, prefill ? tuningFormFrom(prefill) : undefined);
    };
    return {
      openForm,
      openJob: name => room.open().openJob(name)
    };
  }
});
