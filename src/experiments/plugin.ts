import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { IStudio } from '../tokens';
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
export const experimentsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Studio Experiments room: leaderboards, search, charts and comparisons of trial components.',
  autoStart: true,
  requires: [IStudio],
  optional: [ICommandPalette, ILauncher, ILayoutRestorer, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    studio: IStudio,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const api = new ExperimentsApi(studio.api.settings);
    const tracker = new WidgetTracker<ExperimentsPanel>({ namespace: 'smstudio-experiments' });
    let pollInterval = 5000;
    let panel: ExperimentsPanel | null = null;

    const getPanel = (): ExperimentsPanel => {
      if (!panel || panel.isDisposed) {
        const model = new ExperimentsModel({
          api,
          events: app.serviceManager.events?.stream ?? null,
          pollInterval
        });
        panel = new ExperimentsPanel(model);
        void tracker.add(panel);
        model.start();
      }
      return panel;
    };

    const open = (): ExperimentsPanel => {
      const widget = getPanel();
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      return widget;
    };

    const current = (): ExperimentsPanel | null =>
      panel && !panel.isDisposed && panel.isAttached ? panel : null;

    app.commands.addCommand(CommandIDs.open, {
      label: args => (args.isLauncher ? 'Experiments' : 'Open Experiments'),
      caption: 'Open the Studio Experiments room',
      icon: args => (args.isPalette ? undefined : experimentsIcon),
      execute: () => {
        open();
      }
    });
    app.commands.addCommand(CommandIDs.refresh, {
      label: 'Refresh Experiments',
      caption: 'Re-read the experiments and the leaderboard',
      isEnabled: () => !!current(),
      execute: async () => {
        const model = current()?.model;
        if (model) {
          await Promise.all([model.refreshExperiments(), model.refreshColumns(), model.reloadRows()]);
        }
      }
    });
    app.commands.addCommand(CommandIDs.exportCsv, {
      label: 'Export Leaderboard as CSV',
      caption: 'Download the leaderboard (visible columns, all rows) as CSV',
      isEnabled: () => !!current()?.model.experimentName,
      execute: async () => {
        const model = current()?.model;
        if (model) {
          await exportCsv(model);
        }
      }
    });

    if (palette) {
      for (const command of Object.values(CommandIDs)) {
        palette.addItem({ command, category: 'Studio' });
      }
    }
    launcher?.add({ command: CommandIDs.open, category: 'Studio', rank: 5 });
    restorer?.restore(tracker, { command: CommandIDs.open, name: () => 'smstudio-experiments' });

    studio.rooms.add({
      id: 'experiments',
      label: 'Experiments',
      caption: 'Experiments, trials and trial components: leaderboard, charts, compare',
      icon: experimentsIcon,
      rank: 5,
      open: () => void app.commands.execute(CommandIDs.open)
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            pollInterval = (settings.get('pollInterval').composite as number) ?? 5000;
            if (panel && !panel.isDisposed) {
              panel.model.pollInterval = pollInterval;
            }
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => console.warn('jupyter-smstudio: cannot load experiments settings', reason));
    }
  }
};
