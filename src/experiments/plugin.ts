import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { IExperimentsRoom } from '../tokens';
import { ExperimentsApi } from './api';
import './experiments.css';
import { ExperimentsPanel, exportCsv } from './ExperimentsPanel';
import { experimentsIcon } from './icon';
import { ExperimentsModel } from './model';

export const CommandIDs = {
  open: OPEN_COMMANDS.experiments,
  refresh: 'smstudio:experiments-refresh',
  exportCsv: 'smstudio:experiments-export-csv'
};

/** The Experiments room: experiment tree, leaderboard, search, charts, compare, component pages. */
export const experimentsPlugin: JupyterFrontEndPlugin<IExperimentsRoom> = roomPlugin({
  id: 'jupyter-smstudio:experiments',
  description:
    'Studio Experiments room: leaderboards, search, charts and comparisons of trial components.',
  provides: IExperimentsRoom,
  activate: services => {
    const { studio } = services;
    const api = new ExperimentsApi(studio.api.settings);
    const room = addRoom(services, {
      id: 'experiments',
      label: 'Experiments',
      caption: 'Experiments, trials and trial components: leaderboard, charts, compare',
      icon: experimentsIcon,
      rank: 5,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-experiments',
      settings: ['pollInterval'],
      createPanel: settings =>
        new ExperimentsPanel(
          new ExperimentsModel({
            api,
            events: studio.events.stream,
            ...settings
          })
        ),
      openAt: (panel, args) => {
        const model = panel.model;
        const component = stringArg(args, 'trial_component_name');
        const experiment = stringArg(args, 'experiment_name');
        const shown = component
          ? model.showComponent(component, experiment)
          : experiment
            ? model.selectExperiment(experiment)
            : args.unassigned
              ? model.selectUnassigned()
              : Promise.resolve();
        void shown.catch(reason => console.warn('jupyter-smstudio: cannot open', args, reason));
      },
      commands: room => ({
        [CommandIDs.refresh]: {
          label: 'Refresh Experiments',
          caption: 'Re-read the experiments and the leaderboard',
          isEnabled: () => !!room.current(),
          execute: async () => {
            const model = room.current()?.model;
            if (model) {
              await Promise.all([
                model.refreshExperiments(),
                model.refreshColumns(),
                model.reloadRows()
              ]);
            }
          }
        },
        [CommandIDs.exportCsv]: {
          label: 'Export Leaderboard as CSV',
          caption: 'Download the leaderboard (visible columns, all rows) as CSV',
          isEnabled: () => !!room.current()?.model.board,
          execute: async () => {
            const model = room.current()?.model;
            if (model) {
              await exportCsv(model);
            }
          }
        }
      })
    });
    return {
      openExperiment: name => room.open().model.selectExperiment(name),
      openComponent: (name, experiment) => room.open().model.showComponent(name, experiment)
    };
  }
});
