import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { FileDialog, IDefaultFileBrowser } from '@jupyterlab/filebrowser';

import { OPEN_COMMANDS, stringArg } from '../core/links';
import { addRoom, roomPlugin } from '../core/room';
import { ITrainingRoom, ITuningRoom } from '../tokens';
import { TrainingApi } from './api';
import { trainingIcon } from './icon';
import { TrainingModel } from './model';
import { TrainingPanel } from './TrainingPanel';
import './training.css';

export const CommandIDs = {
  open: OPEN_COMMANDS.training,
  create: 'smstudio:training-new',
  stop: 'smstudio:training-stop',
  deploy: 'smstudio:training-deploy'
};

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
  optional: [ITuningRoom, IDocumentManager, IDefaultFileBrowser],
  activate: services => {
    const { app, studio } = services;
    // "Tune…" on a training job, where the Tuning room is installed
    const tuning = services.optional(ITuningRoom);
    const api = new TrainingApi(studio.api.settings);

    // "Browse…" beside the entry point and source dir: JupyterLab's file dialog
    const documents = services.optional(IDocumentManager);
    const browser = services.optional(IDefaultFileBrowser);
    const pickPath = documents
      ? async (want: 'file' | 'folder'): Promise<string | null> => {
          const options = {
            manager: documents,
            title: want === 'file' ? 'Choose the training script' : 'Choose the source folder',
            // where the user is in the file browser
            defaultPath: browser?.model.path
          };
          const result =
            want === 'file'
              ? await FileDialog.getOpenFiles({
                  ...options,
                  filter: item =>
                    item.type === 'directory' || item.name.endsWith('.py') ? {} : null
                })
              : await FileDialog.getExistingDirectory(options);
          const item = result.button.accept ? result.value?.[0] : undefined;
          if (!item || (want === 'file' && item.type === 'directory')) {
            return null;
          }
          return localPath(item.path);
        }
      : undefined;

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
          deploy: api,
          openFolder: app.commands.hasCommand('filebrowser:go-to-path') ? openFolder : undefined
        });
      },
      openAt: (panel, args) => {
        const name = stringArg(args, 'job_name');
        if (name) {
          const kind = stringArg(args, 'kind') === 'processing' ? 'processing' : 'training';
          panel.closeForm();
          panel.model.setKind(kind);
          panel.model.select(name, kind);
        }
      },
      commands: room => ({
        [CommandIDs.create]: {
          label: 'New Training Job',
          caption: 'Train a script with channels, hyperparameters and metric definitions',
          execute: () => {
            room.open().openForm();
          }
        },
        [CommandIDs.deploy]: {
          label: 'Deploy Current Training Job…',
          caption:
            'Serve the model of the completed training job shown in the Training room from a new endpoint',
          isEnabled: () => {
            const panel = room.current();
            return !!panel?.canDeploy && typeof panel.deployable !== 'string';
          },
          execute: () => room.current()?.deploySelected()
        },
        [CommandIDs.stop]: {
          label: 'Stop Current Training Job',
          caption: 'Stop the job shown in the Training room',
          isEnabled: () => room.current()?.model.selectedStatus === 'InProgress',
          execute: () => room.current()?.stopSelected()
        }
      })
    });
    return {
      openJob: (name, kind = 'training') => room.open().model.select(name, kind)
    };
  }
});
