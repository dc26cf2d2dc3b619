import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { addRoom, roomPlugin } from '../core/room';
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
/** The Tuning room's "New Tuning Job" command (it takes `{ prefill }`). */
const TUNE_COMMAND = 'smstudio:tuning-new';

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
export const trainingPlugin: JupyterFrontEndPlugin<void> = roomPlugin(
  PLUGIN_ID,
  'Studio Training room: training and processing jobs, live metrics and logs, new training jobs.',
  services => {
    const { app, studio } = services;
    const api = new TrainingApi(studio.api.settings);

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

    addRoom(
      services,
      {
        pluginId: PLUGIN_ID,
        id: 'training',
        label: 'Training',
        caption: 'Training and processing jobs: metrics, logs, model artifacts',
        icon: trainingIcon,
        rank: 15,
        openCommand: CommandIDs.open,
        namespace: 'smstudio-training',
        settings: { pollInterval: 3000, logInterval: 1000, metricInterval: 2000 },
        createPanel: settings => {
          const model = new TrainingModel({
            api,
            events: app.serviceManager.events?.stream ?? null,
            ...settings
          });
          studio
            .whoami()
            .then(who => {
              model.root = who.home_volume;
            })
            .catch(() => undefined);
          return new TrainingPanel({
            model,
            pickPath,
            // the Tuning room may load after this one: look for its command when asked
            tune: prefill => {
              if (app.commands.hasCommand(TUNE_COMMAND)) {
                void app.commands.execute(TUNE_COMMAND, { prefill });
              }
            },
            openFolder: app.commands.hasCommand('filebrowser:go-to-path') ? openFolder : undefined
          });
        },
        commands: room => ({
          [CommandIDs.create]: {
            label: 'New Training Job',
            caption: 'Train a script with channels, hyperparameters and metric definitions',
            execute: () => {
              room.open().openForm();
            }
          },
          [CommandIDs.stop]: {
            label: 'Stop Current Training Job',
            caption: 'Stop the job shown in the Training room',
            isEnabled: () => room.current()?.model.selectedStatus === 'InProgress',
            execute: async () => {
              const widget = room.current();
              if (widget?.model.selectedName) {
                await widget.model.stop(widget.model.selectedName);
              }
            }
          }
        })
      }
    );
  }
);
