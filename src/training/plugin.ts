import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { addRoom, roomPlugin } from '../core/room';
import { ITrainingRoom, ITuningRoom } from '../tokens';
import { TrainingApi } from './api';
import { trainingIcon } from './icon';
import { TrainingModel } from './model';
import { TrainingPanel } from './TrainingPanel';
import './training.css';

export const CommandIDs = {
  open: 'smstudio:training-open',
  create: 'smstudio:training-new',
  stop: 'smstudio:training-stop'
};

/** What the room uses of JupyterLab's default file browser (read by duck typing, no extra package). */
interface IFileBrowserLike {
  id: string;
  selectedItems(): Iterable<{ path: string; type: string }>;
  model: { path: string };
}

function isFileBrowser(widget: unknown): widget is IFileBrowserLike {
  const w = widget as Partial<IFileBrowserLike> | null;
  return (
    !!w && typeof w.selectedItems === 'function' && !!w.model && typeof w.model.path === 'string'
  );
}

/** Strip a drive prefix (`RTC:`) and leading slashes: a path relative to the Jupyter root. */
function localPath(path: string): string {
  const colon = path.indexOf(':');
  const slash = path.indexOf('/');
  const local = colon >= 0 && (slash < 0 || colon < slash) ? path.slice(colon + 1) : path;
  return local.replace(/^\/+/, '');
}

/** The Training room: training / processing job list, job page with metrics and log, new job form. */
export const trainingPlugin: JupyterFrontEndPlugin<ITrainingRoom> = roomPlugin({
  id: 'jupyter-smstudio:training',
  description:
    'Studio Training room: training and processing jobs, live metrics and logs, new training jobs.',
  provides: ITrainingRoom,
  optional: [ITuningRoom],
  activate: services => {
    const { app, studio } = services;
    // "Tune…" on a training job, where the Tuning room is installed
    const tuning = services.optional(ITuningRoom);
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
          ? (items.find(i => i.type !== 'directory') ?? null)
          : (items.find(i => i.type === 'directory') ?? null);
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

    const room = addRoom(services, {
      id: 'training',
      label: 'Training',
      caption: 'Training and processing jobs: metrics, logs, model artifacts',
      icon: trainingIcon,
      rank: 15,
      openCommand: CommandIDs.open,
      namespace: 'smstudio-training',
      settings: ['pollInterval', 'logInterval', 'metricInterval'],
      createPanel: settings => {
        const model = new TrainingModel({
          api,
          events: studio.events.stream,
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
          tune: tuning ? prefill => tuning.openForm(prefill) : undefined,
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
    });
    return {
      openJob: (name, kind = 'training') => room.open().model.select(name, kind)
    };
  }
});
