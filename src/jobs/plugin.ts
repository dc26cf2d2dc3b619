import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { jobsIcon } from '../core/icons';
import { IStudio } from '../tokens';
import { JobsPanel } from './JobsPanel';
import { JobsModel } from './model';

export const CommandIDs = {
  open: 'smstudio:jobs-open',
  create: 'smstudio:jobs-new',
  stop: 'smstudio:jobs-stop'
};

const PLUGIN_ID = 'jupyter-smstudio:jobs';

/** The Jobs room: job list, new script job form, job page with live log. */
export const jobsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Studio Jobs room: run scripts as jobs, follow their status and logs.',
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
    const tracker = new WidgetTracker<JobsPanel>({ namespace: 'smstudio-jobs' });
    let pollInterval = 3000;
    let logInterval = 1000;
    let panel: JobsPanel | null = null;

    const getPanel = (): JobsPanel => {
      if (!panel || panel.isDisposed) {
        const model = new JobsModel({
          api: studio.api,
          events: app.serviceManager.events?.stream ?? null,
          pollInterval,
          logInterval
        });
        panel = new JobsPanel(model);
        void tracker.add(panel);
        model.start();
      }
      return panel;
    };

    const open = (): JobsPanel => {
      const widget = getPanel();
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      return widget;
    };

    const current = (): JobsPanel | null =>
      panel && !panel.isDisposed && panel.isAttached ? panel : null;

    app.commands.addCommand(CommandIDs.open, {
      label: args => (args.isLauncher ? 'Jobs' : 'Open Jobs'),
      caption: 'Open the Studio Jobs room',
      icon: args => (args.isPalette ? undefined : jobsIcon),
      execute: () => {
        open();
      }
    });
    app.commands.addCommand(CommandIDs.create, {
      label: 'New Script Job',
      caption: 'Run a Python script as a Studio job',
      execute: () => {
        open().setFormOpen(true);
      }
    });
    app.commands.addCommand(CommandIDs.stop, {
      label: 'Stop Current Job',
      caption: 'Stop the job shown in the Jobs room',
      isEnabled: () => {
        const job = current()?.model.selectedJob;
        return job?.status === 'InProgress';
      },
      execute: async () => {
        const widget = current();
        if (widget?.model.selectedName) {
          await widget.model.stop(widget.model.selectedName);
        }
      }
    });

    if (palette) {
      for (const command of [CommandIDs.open, CommandIDs.create, CommandIDs.stop]) {
        palette.addItem({ command, category: 'Studio' });
      }
    }
    launcher?.add({ command: CommandIDs.open, category: 'Studio', rank: 10 });
    restorer?.restore(tracker, { command: CommandIDs.open, name: () => 'smstudio-jobs' });

    studio.rooms.add({
      id: 'jobs',
      label: 'Jobs',
      caption: 'Run scripts as jobs; follow status and logs',
      icon: jobsIcon,
      rank: 10,
      open: () => void app.commands.execute(CommandIDs.open)
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            pollInterval = (settings.get('pollInterval').composite as number) ?? 3000;
            logInterval = (settings.get('logInterval').composite as number) ?? 1000;
            if (panel && !panel.isDisposed) {
              panel.model.pollInterval = pollInterval;
              panel.model.logInterval = logInterval;
            }
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => console.warn('jupyter-smstudio: cannot load jobs settings', reason));
    }
  }
};
