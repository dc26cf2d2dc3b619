import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { addRoom, roomPlugin } from '../core/room';
import { ExperimentsApi } from './api';
import { ExperimentsPanel, exportCsv } from './ExperimentsPanel';
import { experimentsIcon } from './icon';
import { ExperimentsModel } from './model';

export const CommandIDs = {
  open: 'smstudio:experiments-open',
  refresh: 'smstudio:experiments-refresh',
  exportCsv: 'smstudio:experiments-export-csv'
};

const PLUGIN_ID = 'jupyter-smstudio:experiments';

/** The Experiments room: experiment tree, leaderboard, search, charts, compare, component pages. */
export const experimentsPlugin: JupyterFrontEndPlugin<void> = roomPlugin(
  PLUGIN_ID,
  'Studio Experiments room: leaderboards, search, charts and comparisons of trial components.',
  services => {
    const { app, studio } = services;
    const api = new ExperimentsApi(studio.api.settings);
    addRoom(
      services,
      {
        pluginId: PLUGIN_ID,
        id: 'experiments',
        label: 'Experiments',
        caption: 'Experiments, trials and trial components: leaderboard, charts, compare',
        icon: experimentsIcon,
        rank: 5,
        openCommand: CommandIDs.open,
        namespace: 'smstudio-experiments',
        settings: { pollInterval: 5000 },
        createPanel: settings =>
          new ExperimentsPanel(
            new ExperimentsModel({
              api,
              events: app.serviceManager.events?.stream ?? null,
              ...settings
            })
          ),
        commands: room => ({
          [CommandIDs.refresh]: {
            label: 'Refresh Experiments',
            caption: 'Re-read the experiments and the leaderboard',
            isEnabled: () => !!room.current(),
            execute: async () => {
              const model = room.current()?.model;
              if (model) {
                await Promise.all([model.refreshExperiments(), model.refreshColumns(), model.reloadRows()]);
              }
            }
          },
          [CommandIDs.exportCsv]: {
            label: 'Export Leaderboard as CSV',
            caption: 'Download the leaderboard (visible columns, all rows) as CSV',
            isEnabled: () => !!room.current()?.model.experimentName,
            execute: async () => {
              const model = room.current()?.model;
              if (model) {
                await exportCsv(model);
              }
            }
          }
        })
      }
    );
  }
);
