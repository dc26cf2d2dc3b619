import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { IStudio } from '../tokens';
import { TrainingApi } from './api';
import { trainingIcon } from './icon';
import { TrainingModel } from './model';
import { TrainingPanel } from './TrainingPanel';

export const CommandIDs = {
  open: 'smstudio:training-open',
  create: 'smstudio:training-new',
  stop: 'smstudio:training-stop'
};

const PLUGIN_ID = 'jupyter-smstudio:training';

/** What the room uses of JupyterLab's default file browser (read by duck typing, no extra package). */
interface IFileBrowserLike {
  id: string;
  selectedItems(): Iterable<{ path: string; type: string }>;
  model: { path: string };
}

function isFileBrowser(widget: unknown): widget is IFileBrowserLike {
  const w = widget as Partial<IFileBrowserLike> | null;
  return !!w && typeof w.selectedItems === 'function' && !!w.model && typeof w.model.path === 'string';
}

/** Strip a drive prefix (`RTC:`) and leading slashes: a path relative to the Jupyter root. */
function localPath(path: string): string {
  const colon = path.indexOf(':');
  const slash = path.indexOf('/');
  const local = colon >= 0 && (slash < 0 || colon < slash) ? path.slice(colon + 1) : path;
  return local.replace(/^\/+/, '');
}

/** The Training room: training / processing job list, job page with metrics and log, new job form. */
export const trainingPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Studio Training room: training and processing jobs, live metrics and logs, new training jobs.',
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
    const api = new TrainingApi(studio.api.settings);
    const tracker = new WidgetTracker<TrainingPanel>({ namespace: 'smstudio-training' });
    let pollInterval = 3000;
    let logInterval = 1000;
    let metricInterval = 2000;
    let panel: TrainingPanel | null = null;

    const fileBrowser = (): IFileBrowserLike | null => {
      for (const widget of app.shell.widgets?.('left') ?? []) {
        if (widget.id === 'filebrowser' && isFileBrowser(widget)) {
          return widget;
        }
      }
      return null;
    };

    const pickPath = (want: 'file' | 'folder'): string | null => {
      const browser = fileBrowser();
      if (!browser) {
        return null;
      }
      const items = [...browser.selectedItems()];
      const item =
        want === 'file'
          ? items.find(i => i.type !== 'directory') ?? null
          : items.find(i => i.type === 'directory') ?? null;
      if (item) {
        return localPath(item.path);
      }
      // No fitting selection: a folder is the folder the browser shows.
      return want === 'folder' ? localPath(browser.model.path) : null;
    };

    const openFolder = (path: string): void => {
      void app.commands
        .execute('filebrowser:go-to-path', { path: `/${path}` })
        .catch(reason => console.warn('jupyter-smstudio: cannot open folder', reason));
    };

    const getPanel = (): TrainingPanel => {
      if (!panel || panel.isDisposed) {
        const model = new TrainingModel({
          api,
          events: app.serviceManager.events?.stream ?? null,
          pollInterval,
          logInterval,
          metricInterval
        });
        studio
          .whoami()
          .then(who => {
            model.root = who.home_volume;
          })
          .catch(() => undefined);
        panel = new TrainingPanel({
          model,
          pickPath,
          openFolder: app.commands.hasCommand('filebrowser:go-to-path') ? openFolder : undefined
        });
        void tracker.add(panel);
        model.start();
      }
      return panel;
    };

    const open = (): TrainingPanel => {
      const widget = getPanel();
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      return widget;
    };

    const current = (): TrainingPanel | null =>
      panel && !panel.isDisposed && panel.isAttached ? panel : null;

    app.commands.addCommand(CommandIDs.open, {
      label: args => (args.isLauncher ? 'Training' : 'Open Training'),
      caption: 'Open the Studio Training room',
      icon: args => (args.isPalette ? undefined : trainingIcon),
      execute: () => {
        open();
      }
    });
    app.commands.addCommand(CommandIDs.create, {
      label: 'New Training Job',
      caption: 'Train a script with channels, hyperparameters and metric definitions',
      execute: () => {
        open().openForm();
      }
    });
    app.commands.addCommand(CommandIDs.stop, {
      label: 'Stop Current Training Job',
      caption: 'Stop the job shown in the Training room',
      isEnabled: () => current()?.model.selectedStatus === 'InProgress',
      execute: async () => {
        const widget = current();
        if (widget?.model.selectedName) {
          await widget.model.stop(widget.model.selectedName);
        }
      }
    });

    if (palette) {
      for (const command of Object.values(CommandIDs)) {
        palette.addItem({ command, category: 'Studio' });
      }
    }
    launcher?.add({ command: CommandIDs.open, category: 'Studio', rank: 15 });
    restorer?.restore(tracker, { command: CommandIDs.open, name: () => 'smstudio-training' });

    studio.rooms.add({
      id: 'training',
      label: 'Training',
      caption: 'Training and processing jobs: metrics, logs, model artifacts',
      icon: trainingIcon,
      rank: 15,
      open: () => void app.commands.execute(CommandIDs.open)
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            pollInterval = (settings.get('pollInterval').composite as number) ?? 3000;
            logInterval = (settings.get('logInterval').composite as number) ?? 1000;
            metricInterval = (settings.get('metricInterval').composite as number) ?? 2000;
            if (panel && !panel.isDisposed) {
              panel.model.pollInterval = pollInterval;
              panel.model.logInterval = logInterval;
              panel.model.metricInterval = metricInterval;
            }
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => console.warn('jupyter-smstudio: cannot load training settings', reason));
    }
  }
};
